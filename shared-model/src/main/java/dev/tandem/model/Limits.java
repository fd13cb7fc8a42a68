package dev.tandem.model;

import java.time.Duration;

/**
 * Protocol limits. The server enforces them; clients respect them before sending, so a well-behaved
 * client never sees a {@code too_large} or {@code invalid} error.
 */
public final class Limits {
    /** Largest text frame the server accepts as a message, in UTF-8 bytes. Larger ones get {@code too_large}. */
    public static final int MAX_FRAME_BYTES = 16 * 1024;
    /**
     * Largest frame a client must accept from the server, in UTF-8 bytes. A welcome carries up to
     * {@link #HISTORY_ON_SIGN_IN} chat messages and {@link #MAX_TODOS_PER_USER} todos: at most about 2.5 MiB
     * even if every character needed a six-byte JSON escape, so 4 MiB leaves room.
     */
    public static final int MAX_SERVER_FRAME_BYTES = 4 * 1024 * 1024;
    /** Longest chat message text, in UTF-16 code units (Java {@code String.length()}). */
    public static final int MAX_CHAT_TEXT = 2000;
    /** Longest todo title, in UTF-16 code units, after trimming. */
    public static final int MAX_TODO_TITLE = 200;
    /** Most todos one user may hold. */
    public static final int MAX_TODOS_PER_USER = 1000;
    /** Longest client-generated request id. */
    public static final int MAX_CLIENT_ID = 64;
    /** Shortest and longest password. */
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 256;
    /** User names: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, 1 to 32 long. */
    public static final String USER_NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,31}";
    /** Longest resume token the server will look at. */
    public static final int MAX_TOKEN = 512;

    /** Default sustained rate of messages per connection, and the burst allowed above it. Servers may configure. */
    public static final int DEFAULT_MESSAGES_PER_SECOND = 20;
    public static final int DEFAULT_MESSAGE_BURST = 40;

    /** Chat messages kept in Redis per room, and how many of the newest a sign-in receives of the room on screen. */
    public static final int HISTORY_RETAINED = 1000;
    public static final int HISTORY_ON_SIGN_IN = 100;
    /**
     * Most UTF-8 bytes of stored messages a welcome's history, or one {@code chat.history} page, carries (always
     * at least one message): with long messages the welcome holds fewer than {@link #HISTORY_ON_SIGN_IN} and
     * says {@code historyMore}, so a 120-byte {@code resume} cannot pull a megabyte out of the server.
     */
    public static final int HISTORY_BYTES = 64 * 1024;
    /** Most messages one {@code chat.history} page holds (and its default size). */
    public static final int HISTORY_PAGE = 100;
    /** Message ids stay below 2^53, so JavaScript numbers hold them exactly. */
    public static final long MAX_MESSAGE_ID = (1L << 53) - 1;

    /** Public room names: lowercase letters, digits, '_' and '-', starting with a letter or digit, 1 to 32 long. */
    public static final String ROOM_NAME_PATTERN = "[a-z0-9][a-z0-9_-]{0,31}";
    /** Most rooms (public rooms and DMs, general included) one user may be in. */
    public static final int MAX_ROOMS_PER_USER = 200;
    /** Most public rooms one {@code room.directory} page lists. */
    public static final int DIRECTORY_PAGE = 100;
    /** Most members one {@code room.roster} lists. */
    public static final int ROSTER_PAGE = 1000;

    /** A client sends {@code typing} at most this often per room while the user types. */
    public static final Duration TYPING_INTERVAL = Duration.ofSeconds(3);
    /** The server relays at most one {@code typing} per user and room per this interval; more get {@code rate_limited}. */
    public static final Duration TYPING_MIN_GAP = Duration.ofSeconds(2);
    /** A client shows "bob is typing…" this long after bob's last {@code typing}, unless his message comes first. */
    public static final Duration TYPING_SHOWN = Duration.ofSeconds(6);
    /** A user whose server stopped (even by kill -9) is shown offline everywhere within this time. */
    public static final Duration PRESENCE_TIMEOUT = Duration.ofSeconds(5);

    /** A connection must sign in within this time or it is closed. */
    public static final Duration SIGN_IN_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Clients ping at this interval; servers close a connection from which no frame came for {@link #IDLE_TIMEOUT}
     * (frames the server sends do not count), with {@link CloseCodes#IDLE}.
     */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(20);
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A request resent with a client id the same user used within this window is not carried out again: a
     * {@code chat.send} is answered with the original message, a todo request with the current list.
     */
    public static final Duration RESEND_WINDOW = Duration.ofMinutes(10);
    /** Protocol violations (bad JSON, unknown types, oversize frames...) tolerated before the server closes. */
    public static final int MAX_VIOLATIONS = 10;

    private Limits() {
    }
}
