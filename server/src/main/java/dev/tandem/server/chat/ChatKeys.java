package dev.tandem.server.chat;

/** Redis names used by chat. */
final class ChatKeys {
    /** INCR counter: the id of the last chat message. */
    static final String SEQUENCE = "tandem:chat:seq";
    /** List of the newest chat frames (JSON, oldest first), trimmed to Limits.HISTORY_RETAINED. */
    static final String HISTORY = "tandem:chat:history";

    private ChatKeys() {
    }
}
