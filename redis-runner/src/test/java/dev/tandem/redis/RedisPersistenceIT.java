package dev.tandem.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** startPersistent: what a killed (SIGKILL) or stopped Redis brings back when started again on its dir. */
class RedisPersistenceIT {
    private static final int KEYS = 200;

    @ParameterizedTest
    @EnumSource(Fsync.class)
    void everyAcknowledgedWriteSurvivesKill9(Fsync fsync, @TempDir Path dir) throws Exception {
        LocalRedis first = RedisRunner.startPersistent(0, dir, fsync);
        int port = first.port();
        long pid = first.pid();
        writeKeys(first);
        first.kill();
        assertThat(Files.exists(dir.resolve("appendonly.aof")) || Files.isDirectory(dir.resolve("appendonlydir")))
                .as("the append-only file of Redis 6 or 7 is in the dir").isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("killed").isNotEqualTo(Optional.of(true));
        assertThat(RedisPing.ping("127.0.0.1", port)).isFalse();

        try (LocalRedis again = RedisRunner.startPersistent(port, dir, fsync)) {
            assertThat(again.pid()).isNotEqualTo(pid);
            assertThat(countKeys(again)).as("keys replayed from the append-only file").isEqualTo(KEYS);
        }
    }

    @Test
    void aGracefulStopKeepsTheDataToo(@TempDir Path dir) throws Exception {
        LocalRedis first = RedisRunner.startPersistent(0, dir, Fsync.EVERYSEC);
        int port = first.port();
        writeKeys(first);
        first.close();
        try (LocalRedis again = RedisRunner.startPersistent(port, dir, Fsync.EVERYSEC)) {
            assertThat(countKeys(again)).isEqualTo(KEYS);
        }
    }

    @Test
    void theThrowAwayRedisComesBackEmpty(@TempDir Path dir) throws Exception {
        LocalRedis first = RedisRunner.startLocal(0, dir);
        int port = first.port();
        writeKeys(first);
        first.kill();
        try (LocalRedis again = RedisRunner.startLocal(port, dir)) {
            assertThat(countKeys(again)).isZero();
        }
    }

    /** Whichever Redis this machine has: a Redis 6 refuses a Redis 7's directory, a Redis 7 uses it. */
    @Test
    void aRedis6RefusesTheFilesOfARedis7AndARedis7KeepsUsingThem(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("appendonlydir"));
        Path binary = RedisBinary.find(dir.resolve("bin"));
        if (RedisBinary.majorVersion(binary) < 7) {
            assertThatThrownBy(() -> RedisRunner.startPersistent(0, dir, Fsync.EVERYSEC))
                    .isInstanceOf(IOException.class).hasMessageContaining("appendonlydir");
        } else {
            try (LocalRedis redis = RedisRunner.startPersistent(0, dir, Fsync.EVERYSEC)) {
                writeKeys(redis);
                assertThat(countKeys(redis)).isEqualTo(KEYS);
            }
        }
    }

    @Test
    void theCommandLineSaysWhatIsKept() {
        Path dir = Path.of("/data");
        assertThat(RedisProcess.command(Path.of("redis-server"), 1, dir, Optional.empty()))
                .containsSequence("--appendonly", "no").containsSequence("--save", "");
        assertThat(RedisProcess.command(Path.of("redis-server"), 1, dir, Optional.of(Fsync.ALWAYS)))
                .containsSequence("--appendonly", "yes", "--appendfsync", "always")
                .containsSequence("--dir", "/data");
    }

    @Test
    void fsyncWireNames() {
        assertThat(Fsync.EVERYSEC.wireName()).isEqualTo("everysec");
        assertThat(Fsync.parse("Always")).isEqualTo(Fsync.ALWAYS);
        assertThat(Fsync.parse("no")).isEqualTo(Fsync.NO);
    }

    private static void writeKeys(RunningRedis redis) throws Exception {
        for (int i = 0; i < KEYS; i++) {
            assertThat(RedisPing.send(redis.host(), redis.port(), "SET key:" + i + " value-" + i)).startsWith("+OK");
        }
    }

    private static long countKeys(RunningRedis redis) throws Exception {
        String reply = RedisPing.send(redis.host(), redis.port(), "DBSIZE"); // ":200\r\n"
        assertThat(reply).startsWith(":");
        return Long.parseLong(reply.substring(1).strip());
    }
}
