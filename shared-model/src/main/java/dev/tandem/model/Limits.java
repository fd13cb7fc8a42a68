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

    /** Chat messages kept in Redis, and how many of the newest a new sign-in receives. */
    public static final int HISTORY_RETAINED = 500;
    public static final int HISTORY_ON_SIGN_IN = 100;

    /** A connection must sign in within this time or it is closed. */
    public static final Duration SIGN_IN_TIMEOUT = Duration.ofSeconds(10);
    /** Clients ping at this interval; servers close connections silent for {@link #IDLE_TIMEOUT}. */
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
