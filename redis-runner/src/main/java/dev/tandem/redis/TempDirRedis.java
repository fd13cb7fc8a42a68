package dev.tandem.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A Redis started in a temp dir of its own: closing it stops Redis, then deletes the dir (binary, logs). */
record TempDirRedis(RunningRedis redis, Path dir) implements RunningRedis {
    @Override
    public String host() {
        return redis.host();
    }

    @Override
    public int port() {
        return redis.port();
    }

    @Override
    public String source() {
        return redis.source();
    }

    @Override
    public void close() {
        redis.close();
        deleteTree(dir);
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: it is a temp dir.
        }
    }
}
