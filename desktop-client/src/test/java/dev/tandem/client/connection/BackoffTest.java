package dev.tandem.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCapWithTheTopOfTheJitterRange() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.999999);
        assertThat(seconds(backoff.next())).isEqualTo(1.0);
        assertThat(seconds(backoff.next())).isEqualTo(2.0);
        assertThat(seconds(backoff.next())).isEqualTo(4.0);
        assertThat(seconds(backoff.next())).isEqualTo(8.0);
        assertThat(seconds(backoff.next())).isEqualTo(10.0);
        assertThat(seconds(backoff.next())).isEqualTo(10.0);
        assertThat(backoff.attempts()).isEqualTo(6);
    }

    @Test
    void jitterDrawsFromTheUpperHalfOfEachStep() {
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
        low.next();
        assertThat(low.next()).isEqualTo(Duration.ofSeconds(1)); // half of 2 s
        Backoff mid = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);
        mid.next();
        mid.next();
        assertThat(mid.next()).isEqualTo(Duration.ofSeconds(3)); // 4 s * 0.75
    }

    @Test
    void resetStartsOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999999);
        backoff.next();
        backoff.next();
        backoff.next();
        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        assertThat(seconds(backoff.next())).isEqualTo(1.0);
    }

    @Test
    void manyAttemptsDoNotOverflow() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999999);
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.next()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(30));
        }
    }

    private static double seconds(Duration d) {
        return Math.round(d.toMillis() / 100.0) / 10.0;
    }
}
