package dev.tandem.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisRunnerIT {

    @Test
    void startsARedisThatAnswersAndStopsIt(@TempDir Path dir) throws Exception {
        RunningRedis redis = RedisRunner.startLocal(0, dir);
        try {
            assertThat(RedisPing.ping(redis.host(), redis.port())).isTrue();
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
            assertThat(dir.resolve("redis-" + redis.port() + ".pid")).exists();
        } finally {
            redis.close();
        }
        assertThat(RedisPing.ping(redis.host(), redis.port())).isFalse();
    }

    @Test
    void externalUrlIsParsedAndNeverStopped() {
        ExternalRedis external = ExternalRedis.parse("redis://10.1.2.3:6400");
        assertThat(external.host()).isEqualTo("10.1.2.3");
        assertThat(external.port()).isEqualTo(6400);
        external.close();
    }
}
