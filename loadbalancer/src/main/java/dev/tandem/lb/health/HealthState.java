package dev.tandem.lb.health;

/**
 * The up/down state machine of one backend: down after {@code fall} failed checks in a row, up after
 * {@code rise} good checks in a row; a refused connection (passive check) marks it down at once.
 * Plain object, no locking: the health checker's event loop is its only user.
 */
public final class HealthState {

    /** What a result changed. */
    public enum Transition { NONE, WENT_UP, WENT_DOWN }

    private final int fall;
    private final int rise;
    private boolean up = true; // like HAProxy: a backend starts up, the first checks confirm or refute it
    private int goodStreak;
    private int badStreak;

    public HealthState(int fall, int rise) {
        this.fall = fall;
        this.rise = rise;
    }

    public boolean isUp() {
        return up;
    }

    public Transition onCheckPassed() {
        badStreak = 0;
        goodStreak++;
        if (!up && goodStreak >= rise) {
            up = true;
            return Transition.WENT_UP;
        }
        return Transition.NONE;
    }

    public Transition onCheckFailed() {
        goodStreak = 0;
        badStreak++;
        if (up && badStreak >= fall) {
            up = false;
            return Transition.WENT_DOWN;
        }
        return Transition.NONE;
    }

    /** Passive failure: traffic could not connect. Down now, and it needs {@code rise} good checks to return. */
    public Transition onConnectionRefused() {
        goodStreak = 0;
        badStreak = Math.max(badStreak, fall);
        if (up) {
            up = false;
            return Transition.WENT_DOWN;
        }
        return Transition.NONE;
    }
}
