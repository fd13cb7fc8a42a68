package dev.tandem.lb.health;

/**
 * The up/down state machine of one backend, and what to do with its open tunnels.
 * <p>
 * Routing: down after {@code fall} failed checks in a row, up after {@code rise} good checks in a row; a
 * failed connection from real traffic (passive check) marks it down at once.
 * <p>
 * Tunnels: a backend that goes down leaves routing at once, but closing its open WebSocket tunnels sends
 * every one of their clients into a reconnect at the same moment, so it is done only once the down is
 * confirmed:
 * <ul>
 *   <li>at once when any failure since the last good check was {@link Failure#HARD hard} (refused, reset,
 *       closed, a non-2xx answer: the backend said it is gone or broken), or when the grace is zero;</li>
 *   <li>when every failure was a {@link Failure#TIMEOUT timeout} (the backend may only be slow, e.g. a
 *       loaded machine), after the grace, unless it is up again by then. If it is passing checks on its way
 *       up when the grace ends, the next failure decides: another failure closes them, {@code rise} passes
 *       keep them. A hard failure during the grace closes them at once.</li>
 * </ul>
 * Time comes in as {@code System.nanoTime()} values, so tests can drive it. Plain object, no locking: the
 * health checker's event loop is its only user.
 */
public final class HealthState {

    /** What a result changed for routing. */
    public enum Transition { NONE, WENT_UP, WENT_DOWN }

    /** Why a check (or a real connection) failed. */
    public enum Failure {
        /** Refused, reset, closed without an answer, or a non-2xx answer: the backend is gone or broken. */
        HARD,
        /** No answer (or no connection) in time: the backend may be dead, or only slow. */
        TIMEOUT
    }

    /** What to do with the backend's open tunnels. */
    public enum Tunnels {
        KEEP,
        CLOSE_NOW,
        /** Down on timeouts only: call {@link #onGraceOver} at {@link #graceDeadline()}. */
        CLOSE_AFTER_GRACE
    }

    /** The outcome of one event. */
    public record Step(Transition transition, Tunnels tunnels) {
        static final Step NOTHING = new Step(Transition.NONE, Tunnels.KEEP);
    }

    private final int fall;
    private final int rise;
    private final long graceNanos;
    private boolean up = true; // like HAProxy: a backend starts up, the first checks confirm or refute it
    private int goodStreak;
    private int badStreak;
    private boolean hardSinceLastPass;
    private boolean lastCheckPassed = true;
    private boolean tunnelsOnGrace; // down on timeouts only, tunnels not closed yet
    private long graceDeadline;

    public HealthState(int fall, int rise, long graceNanos) {
        this.fall = fall;
        this.rise = rise;
        this.graceNanos = graceNanos;
    }

    public boolean isUp() {
        return up;
    }

    /** True while the backend is down on timeouts only and its tunnels wait for the grace to end. */
    public boolean tunnelsOnGrace() {
        return tunnelsOnGrace;
    }

    /** When the current grace ends ({@code System.nanoTime()} scale); meaningful while {@link #tunnelsOnGrace()}. */
    public long graceDeadline() {
        return graceDeadline;
    }

    public Step onCheckPassed(long now) {
        lastCheckPassed = true;
        hardSinceLastPass = false;
        badStreak = 0;
        goodStreak++;
        if (!up && goodStreak >= rise) {
            up = true;
            tunnelsOnGrace = false; // back in time: the tunnels stay
            return new Step(Transition.WENT_UP, Tunnels.KEEP);
        }
        return Step.NOTHING;
    }

    public Step onCheckFailed(Failure failure, long now) {
        failed(failure);
        if (up && badStreak >= fall) {
            return goDown(now);
        }
        return closeIfConfirmed(failure, now);
    }

    /** Passive failure: real traffic could not connect. Down now, and it needs {@code rise} good checks to return. */
    public Step onPassiveFailure(Failure failure, long now) {
        failed(failure);
        badStreak = Math.max(badStreak, fall);
        if (up) {
            return goDown(now);
        }
        return closeIfConfirmed(failure, now);
    }

    /** The grace timer fired (stale timers from an earlier down are harmless: the deadline is checked). */
    public Step onGraceOver(long now) {
        if (tunnelsOnGrace && now - graceDeadline >= 0 && !lastCheckPassed) {
            tunnelsOnGrace = false;
            return new Step(Transition.NONE, Tunnels.CLOSE_NOW);
        }
        return Step.NOTHING;
    }

    private void failed(Failure failure) {
        lastCheckPassed = false;
        goodStreak = 0;
        badStreak++;
        hardSinceLastPass |= failure == Failure.HARD;
    }

    private Step goDown(long now) {
        up = false;
        if (hardSinceLastPass || graceNanos <= 0) {
            tunnelsOnGrace = false;
            return new Step(Transition.WENT_DOWN, Tunnels.CLOSE_NOW);
        }
        tunnelsOnGrace = true;
        graceDeadline = now + graceNanos;
        return new Step(Transition.WENT_DOWN, Tunnels.CLOSE_AFTER_GRACE);
    }

    /** Already down with tunnels on grace: a hard failure, or any failure after the deadline, confirms it. */
    private Step closeIfConfirmed(Failure failure, long now) {
        if (tunnelsOnGrace && (failure == Failure.HARD || now - graceDeadline >= 0)) {
            tunnelsOnGrace = false;
            return new Step(Transition.NONE, Tunnels.CLOSE_NOW);
        }
        return Step.NOTHING;
    }
}
