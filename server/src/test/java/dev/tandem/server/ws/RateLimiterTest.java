package dev.tandem.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstThenTheRate() {
        RateLimiter limiter = new RateLimiter(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(0)).isTrue();
        }
        assertThat(limiter.tryAcquire(0)).isFalse();
        assertThat(limiter.tryAcquire(SECOND / 10)).isTrue();
        assertThat(limiter.tryAcquire(SECOND / 10)).isFalse();
    }

    @Test
    void refillStopsAtTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 3, 0);
        long later = 100 * SECOND;
        int granted = 0;
        while (limiter.tryAcquire(later)) {
            granted++;
        }
        assertThat(granted).isEqualTo(3);
    }
}
