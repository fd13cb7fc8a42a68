package dev.tandem.server.redis;

import io.lettuce.core.RedisCommandExecutionException;

/**
 * Tells what a failed Redis command means for the data. Redis answered with an error (read-only replica,
 * out of memory, a script error before its first write): nothing was written. Anything else (a timeout, a
 * connection lost mid-flight) leaves the outcome unknown: the write may or may not have happened.
 */
public final class RedisFailure {
    private RedisFailure() {
    }

    /** True when Redis itself refused the command, so it certainly changed nothing. */
    public static boolean refused(RuntimeException failure) {
        return failure instanceof RedisCommandExecutionException;
    }

    /** A short description for logs and error messages, without a stack. */
    public static String describe(RuntimeException failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
