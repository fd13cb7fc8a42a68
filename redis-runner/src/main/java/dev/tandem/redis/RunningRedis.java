package dev.tandem.redis;

/** A Redis that tests, {@code ./tandem} or the bench can talk to. {@link #close()} stops it if we started it. */
public interface RunningRedis extends AutoCloseable {
    String host();

    int port();

    /** The URL to hand to Lettuce and to servers: {@code redis://host:port}. */
    default String url() {
        return "redis://" + host() + ":" + port();
    }

    /** Where it came from, for logs: "REDIS_URL", a redis-server path, or "embedded". */
    String source();

    /** Stops the Redis process if this runner started it; leaves an external one alone. */
    @Override
    void close();
}
