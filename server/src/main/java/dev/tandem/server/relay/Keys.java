package dev.tandem.server.relay;

import dev.tandem.model.RoomNames;

/**
 * Every Redis name of rooms, their messages and the relay. The Lua scripts build the same names (see
 * {@link Lua#PRELUDE}, which is made from these constants). A room's keys share the hash tag {@code {room}}
 * and a user's the tag {@code {user}}, ready for Redis Cluster slots; the scripts still touch several rooms'
 * and users' keys at once, which a single Redis (what Tandem runs on) allows.
 */
public final class Keys {
    /** Sorted set of a room's newest messages: score = message id, member = the chat.message frame as it is now. */
    static final String HISTORY = "history";
    /** A room's message counter (INCR); the id of its last message. */
    static final String SEQUENCE = "seq";
    /** Set of a room's members (for general: everyone who has signed in). */
    static final String MEMBERS = "members";
    /** Set of the rooms a user is in, general left out (everyone is in it). */
    static final String ROOMS = "rooms";
    /** Hash of a user's read positions: room → id of the newest message read. */
    static final String READ = "read";
    static final String ROOM_PREFIX = "tandem:room:";
    static final String USER_PREFIX = "tandem:user:";

    /** Sorted set of every public room (general included), all with score 0, so ZRANGEBYLEX pages by name. */
    public static final String DIRECTORY = "tandem:rooms";
    /** The relay's sequence (INCR): the number of the last sequenced envelope published on the channel. */
    public static final String RELAY_SEQUENCE = "tandem:relay:seq";
    /** Sorted set of the newest envelopes (score = sequence), for servers catching up after a lost subscription. */
    public static final String RELAY_LOG = "tandem:relay:log";
    /** Envelopes the relay log keeps. */
    public static final int RELAY_LOG_KEPT = 10_000;

    /** The single-room history and counter of the version before rooms; carried into general once. */
    public static final String OLD_HISTORY = "tandem:chat:history";
    public static final String OLD_SEQUENCE = "tandem:chat:seq";
    /** What the old keys are renamed to once carried over (kept, not deleted). */
    public static final String MIGRATED_SUFFIX = ":migrated";

    private Keys() {
    }

    public static String history(String room) {
        return ROOM_PREFIX + "{" + room + "}:" + HISTORY;
    }

    public static String sequence(String room) {
        return ROOM_PREFIX + "{" + room + "}:" + SEQUENCE;
    }

    public static String members(String room) {
        return ROOM_PREFIX + "{" + room + "}:" + MEMBERS;
    }

    public static String rooms(String user) {
        return USER_PREFIX + "{" + user + "}:" + ROOMS;
    }

    public static String read(String user) {
        return USER_PREFIX + "{" + user + "}:" + READ;
    }

    /**
     * The answer to the request {@code user} made with {@code clientId}, kept for the resend window so a
     * resend gets the original back instead of being carried out twice (chat.send, chat.edit, chat.delete and
     * the room requests). The name is the one chat.send has always used.
     */
    public static String sent(String user, String clientId) {
        return "tandem:chat:sent:{" + user + "}:" + clientId;
    }

    /** Set for {@link dev.tandem.model.Limits#TYPING_MIN_GAP} after {@code user} typed in {@code room}. */
    public static String typing(String user, String room) {
        return "tandem:typing:{" + user + "}:" + room;
    }

    /** True for general, which needs no membership. */
    static boolean isGeneral(String room) {
        return RoomNames.GENERAL.equals(room);
    }
}
