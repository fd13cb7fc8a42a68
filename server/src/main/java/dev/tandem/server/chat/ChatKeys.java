package dev.tandem.server.chat;

/** Redis names used by chat. */
final class ChatKeys {
    /** INCR counter: the id of the last chat message. */
    static final String SEQUENCE = "tandem:chat:seq";
    /** List of the newest chat frames (JSON, oldest first), trimmed to Limits.HISTORY_RETAINED. */
    static final String HISTORY = "tandem:chat:history";

    private ChatKeys() {
    }

    /**
     * The frame {@code user} posted with {@code clientId}, kept for the resend window so a resend is answered
     * with the original instead of posting twice. The hash tag keeps a user's keys in one Redis Cluster slot.
     */
    static String sent(String user, String clientId) {
        return "tandem:chat:sent:{" + user + "}:" + clientId;
    }
}
