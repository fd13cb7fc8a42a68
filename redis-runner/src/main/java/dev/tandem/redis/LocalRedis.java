package dev.tandem.redis;

/** A redis-server process this JVM started (never REDIS_URL): it can be killed as a crash would. */
public interface LocalRedis extends RunningRedis {
    /** The redis-server's OS process id. */
    long pid();

    /** SIGKILL (no chance to flush anything), and returns once the process is gone. */
    void kill();
}
