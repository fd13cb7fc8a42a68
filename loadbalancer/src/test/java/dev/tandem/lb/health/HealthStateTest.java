package dev.tandem.lb.health;

import org.junit.jupiter.api.Test;

import static dev.tandem.lb.health.HealthState.Transition.NONE;
import static dev.tandem.lb.health.HealthState.Transition.WENT_DOWN;
import static dev.tandem.lb.health.HealthState.Transition.WENT_UP;
import static org.assertj.core.api.Assertions.assertThat;

class HealthStateTest {

    @Test
    void downAfterTwoFailuresInARowUpAfterTwoPasses() {
        HealthState s = new HealthState(2, 2);
        assertThat(s.isUp()).isTrue();
        assertThat(s.onCheckFailed()).isEqualTo(NONE);
        assertThat(s.onCheckPassed()).isEqualTo(NONE); // streak broken
        assertThat(s.onCheckFailed()).isEqualTo(NONE);
        assertThat(s.onCheckFailed()).isEqualTo(WENT_DOWN);
        assertThat(s.onCheckFailed()).isEqualTo(NONE);
        assertThat(s.isUp()).isFalse();
        assertThat(s.onCheckPassed()).isEqualTo(NONE);
        assertThat(s.onCheckFailed()).isEqualTo(NONE); // streak broken
        assertThat(s.onCheckPassed()).isEqualTo(NONE);
        assertThat(s.onCheckPassed()).isEqualTo(WENT_UP);
        assertThat(s.isUp()).isTrue();
    }

    @Test
    void refusedConnectionIsDownAtOnceAndNeedsRisePassesToReturn() {
        HealthState s = new HealthState(3, 2);
        assertThat(s.onConnectionRefused()).isEqualTo(WENT_DOWN);
        assertThat(s.onConnectionRefused()).isEqualTo(NONE);
        assertThat(s.onCheckPassed()).isEqualTo(NONE);
        assertThat(s.onCheckPassed()).isEqualTo(WENT_UP);
    }
}
