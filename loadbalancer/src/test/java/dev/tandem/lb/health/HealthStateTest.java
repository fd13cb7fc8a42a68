package dev.tandem.lb.health;

import dev.tandem.lb.health.HealthState.Step;
import org.junit.jupiter.api.Test;

import static dev.tandem.lb.health.HealthState.Failure.HARD;
import static dev.tandem.lb.health.HealthState.Failure.TIMEOUT;
import static dev.tandem.lb.health.HealthState.Transition.NONE;
import static dev.tandem.lb.health.HealthState.Transition.WENT_DOWN;
import static dev.tandem.lb.health.HealthState.Transition.WENT_UP;
import static dev.tandem.lb.health.HealthState.Tunnels.CLOSE_AFTER_GRACE;
import static dev.tandem.lb.health.HealthState.Tunnels.CLOSE_NOW;
import static dev.tandem.lb.health.HealthState.Tunnels.KEEP;
import static org.assertj.core.api.Assertions.assertThat;

/** The state machine with a hand-driven clock (nanoseconds; the grace is 5,000 of them). */
class HealthStateTest {
    private static final long GRACE = 5_000;

    private static Step step(HealthState.Transition t, HealthState.Tunnels tunnels) {
        return new Step(t, tunnels);
    }

    @Test
    void downAfterTwoFailuresInARowUpAfterTwoPasses() {
        HealthState s = new HealthState(2, 2, GRACE);
        assertThat(s.isUp()).isTrue();
        assertThat(s.onCheckFailed(HARD, 0).transition()).isEqualTo(NONE);
        assertThat(s.onCheckPassed(1).transition()).isEqualTo(NONE); // streak broken
        assertThat(s.onCheckFailed(HARD, 2).transition()).isEqualTo(NONE);
        assertThat(s.onCheckFailed(HARD, 3)).isEqualTo(step(WENT_DOWN, CLOSE_NOW));
        assertThat(s.onCheckFailed(HARD, 4)).isEqualTo(step(NONE, KEEP)); // tunnels already closed
        assertThat(s.isUp()).isFalse();
        assertThat(s.onCheckPassed(5).transition()).isEqualTo(NONE);
        assertThat(s.onCheckFailed(HARD, 6).transition()).isEqualTo(NONE); // streak broken
        assertThat(s.onCheckPassed(7).transition()).isEqualTo(NONE);
        assertThat(s.onCheckPassed(8)).isEqualTo(step(WENT_UP, KEEP));
        assertThat(s.isUp()).isTrue();
    }

    @Test
    void refusedConnectionIsDownAtOnceClosesTunnelsAndNeedsRisePassesToReturn() {
        HealthState s = new HealthState(3, 2, GRACE);
        assertThat(s.onPassiveFailure(HARD, 0)).isEqualTo(step(WENT_DOWN, CLOSE_NOW));
        assertThat(s.onPassiveFailure(HARD, 1)).isEqualTo(step(NONE, KEEP));
        assertThat(s.onCheckPassed(2).transition()).isEqualTo(NONE);
        assertThat(s.onCheckPassed(3).transition()).isEqualTo(WENT_UP);
    }

    @Test
    void passiveConnectTimeoutLeavesRoutingAtOnceButTheTunnelsGetTheGrace() {
        HealthState s = new HealthState(3, 2, GRACE);
        assertThat(s.onPassiveFailure(TIMEOUT, 100)).isEqualTo(step(WENT_DOWN, CLOSE_AFTER_GRACE));
        assertThat(s.graceDeadline()).isEqualTo(100 + GRACE);
    }

    @Test
    void timeoutsOnlyKeepTheTunnelsAndARecoveryWithinTheGraceKeepsThemForGood() {
        HealthState s = new HealthState(2, 2, GRACE);
        s.onCheckFailed(TIMEOUT, 0);
        assertThat(s.onCheckFailed(TIMEOUT, 1000)).isEqualTo(step(WENT_DOWN, CLOSE_AFTER_GRACE));
        assertThat(s.isUp()).as("out of routing at once").isFalse();
        assertThat(s.tunnelsOnGrace()).isTrue();
        assertThat(s.graceDeadline()).isEqualTo(1000 + GRACE);
        assertThat(s.onCheckFailed(TIMEOUT, 2000)).as("still within the grace").isEqualTo(step(NONE, KEEP));
        assertThat(s.onGraceOver(5999)).as("a timer before the deadline does nothing").isEqualTo(step(NONE, KEEP));
        assertThat(s.onCheckPassed(3000).transition()).isEqualTo(NONE);
        assertThat(s.onCheckPassed(4000)).isEqualTo(step(WENT_UP, KEEP));
        assertThat(s.tunnelsOnGrace()).isFalse();
        assertThat(s.onGraceOver(1000 + GRACE)).as("the timer after a recovery does nothing").isEqualTo(step(NONE, KEEP));
    }

    @Test
    void timeoutsOnlyCloseTheTunnelsWhenTheGraceEndsWithTheBackendStillDown() {
        HealthState s = new HealthState(2, 2, GRACE);
        s.onCheckFailed(TIMEOUT, 0);
        s.onCheckFailed(TIMEOUT, 0);
        s.onCheckFailed(TIMEOUT, 3000);
        assertThat(s.onGraceOver(GRACE)).isEqualTo(step(NONE, CLOSE_NOW));
        assertThat(s.tunnelsOnGrace()).isFalse();
        assertThat(s.onCheckFailed(TIMEOUT, GRACE + 1)).as("closed once only").isEqualTo(step(NONE, KEEP));
    }

    @Test
    void aFailedCheckAfterTheDeadlineClosesTheTunnelsEvenBeforeTheTimerRuns() {
        HealthState s = new HealthState(2, 2, GRACE);
        s.onCheckFailed(TIMEOUT, 0);
        s.onCheckFailed(TIMEOUT, 0);
        assertThat(s.onCheckFailed(TIMEOUT, GRACE)).isEqualTo(step(NONE, CLOSE_NOW));
        assertThat(s.onGraceOver(GRACE)).isEqualTo(step(NONE, KEEP));
    }

    @Test
    void aHardFailureDuringTheGraceClosesTheTunnelsAtOnce() {
        HealthState s = new HealthState(2, 2, GRACE);
        s.onCheckFailed(TIMEOUT, 0);
        s.onCheckFailed(TIMEOUT, 0);
        assertThat(s.onCheckFailed(HARD, 10)).isEqualTo(step(NONE, CLOSE_NOW)); // e.g. its /health now says 503
    }

    @Test
    void aHardFailureAnywhereInTheFailingStreakClosesTheTunnelsAtTheDown() {
        HealthState s = new HealthState(2, 2, GRACE);
        s.onCheckFailed(HARD, 0);
        assertThat(s.onCheckFailed(TIMEOUT, 10)).isEqualTo(step(WENT_DOWN, CLOSE_NOW));
    }

    @Test
    void aBackendOnItsWayUpWhenTheGraceEndsIsJudgedByItsNextCheck() {
        HealthState rising = new HealthState(2, 3, GRACE);
        rising.onCheckFailed(TIMEOUT, 0);
        rising.onCheckFailed(TIMEOUT, 0);
        rising.onCheckPassed(4000);
        assertThat(rising.onGraceOver(GRACE)).as("it just passed a check: wait").isEqualTo(step(NONE, KEEP));
        rising.onCheckPassed(GRACE + 1);
        assertThat(rising.onCheckPassed(GRACE + 2)).isEqualTo(step(WENT_UP, KEEP));

        HealthState flapping = new HealthState(2, 3, GRACE);
        flapping.onCheckFailed(TIMEOUT, 0);
        flapping.onCheckFailed(TIMEOUT, 0);
        flapping.onCheckPassed(4000);
        assertThat(flapping.onGraceOver(GRACE)).isEqualTo(step(NONE, KEEP));
        assertThat(flapping.onCheckFailed(TIMEOUT, GRACE + 1)).isEqualTo(step(NONE, CLOSE_NOW));
    }

    @Test
    void zeroGraceClosesTheTunnelsOnAnyDown() {
        HealthState s = new HealthState(2, 2, 0);
        s.onCheckFailed(TIMEOUT, 0);
        assertThat(s.onCheckFailed(TIMEOUT, 0)).isEqualTo(step(WENT_DOWN, CLOSE_NOW));
    }

    @Test
    void aStaleTimerFromAnEarlierDownDoesNotCutTheNextGraceShort() {
        HealthState s = new HealthState(1, 1, GRACE);
        s.onCheckFailed(TIMEOUT, 0);          // down, deadline GRACE
        s.onCheckPassed(1000);                // up again
        s.onCheckFailed(TIMEOUT, 3000);       // down again, deadline 3000 + GRACE
        assertThat(s.onGraceOver(GRACE)).as("the first down's timer").isEqualTo(step(NONE, KEEP));
        assertThat(s.onGraceOver(3000 + GRACE)).isEqualTo(step(NONE, CLOSE_NOW));
    }
}
