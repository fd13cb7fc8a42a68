package dev.tandem.redis;

import java.util.Locale;

/**
 * Redis's {@code appendfsync} setting for a persistent Redis (append-only file on): when Redis fsyncs the
 * file it has already written every acknowledged command to. What each survives is in the module README.
 */
public enum Fsync {
    /** fsync once a second, in the background: a power loss can take about the last 1–2 s. The default. */
    EVERYSEC,
    /** fsync before every reply: nothing acknowledged is lost, even on power loss; the slowest. */
    ALWAYS,
    /** never fsync: the OS flushes when it likes (on Linux typically within 30 s). */
    NO;

    /** The name Redis and our flags use: "everysec", "always", "no". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The inverse of {@link #wireName()}; case-insensitive. */
    public static Fsync parse(String text) {
        for (Fsync fsync : values()) {
            if (fsync.wireName().equalsIgnoreCase(text.strip())) {
                return fsync;
            }
        }
        throw new IllegalArgumentException("appendfsync must be everysec, always or no, got '" + text + "'");
    }
}
