package dev.tandem.lb.handback;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Closes spread evenly: first at once, last one step before the spread ends; zero spread means all at once. */
class HandbackScheduleTest {
    private static final long SPREAD = TimeUnit.MILLISECONDS.toNanos(2000);

    @Test
    void evenlyOverTheSpreadInOrder() {
        int n = 10_000;
        long previous = -1;
        for (int i = 0; i < n; i++) {
            long d = HandbackSchedule.delayNanos(i, n, SPREAD);
            assertThat(d).isGreaterThanOrEqualTo(previous).isLessThan(SPREAD);
            previous = d;
        }
        assertThat(HandbackSchedule.delayNanos(0, n, SPREAD)).isZero();
        assertThat(HandbackSchedule.delayNanos(n / 2, n, SPREAD)).isEqualTo(SPREAD / 2);
        assertThat(HandbackSchedule.delayNanos(n - 1, n, SPREAD)).isEqualTo(SPREAD - SPREAD / n);
        assertThat(HandbackSchedule.delayNanos(3, 4, SPREAD)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
    }

    @Test
    void zeroSpreadOrASingleTunnelGoesAtOnce() {
        assertThat(HandbackSchedule.delayNanos(7, 10, 0)).isZero();
        assertThat(HandbackSchedule.delayNanos(0, 1, SPREAD)).isZero();
    }

    @Test
    void hugeSpreadsAndBatchesDoNotOverflow() {
        long spread = TimeUnit.MILLISECONDS.toNanos(Integer.MAX_VALUE);
        long d = HandbackSchedule.delayNanos(999_999, 1_000_000, spread);
        assertThat(d).isPositive().isLessThan(spread);
    }

    @Test
    void anIndexOutsideTheBatchIsABug() {
        assertThatThrownBy(() -> HandbackSchedule.delayNanos(3, 3, SPREAD)).isInstanceOf(IllegalArgumentException.class);
    }
}
