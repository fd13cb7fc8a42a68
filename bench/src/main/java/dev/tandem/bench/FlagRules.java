package dev.tandem.bench;

/**
 * The range rules of numeric flags, checked after picocli converted them; each failure is an
 * {@link IllegalArgumentException} naming the flag (the one line a bad value gets). Stateless.
 */
final class FlagRules {
    private FlagRules() {
    }

    static void positive(String flag, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(flag + " must be a positive whole number, got " + value);
        }
    }

    static void notNegative(String flag, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(flag + " must be a whole number, 0 or more, got " + value);
        }
    }

    static void positive(String flag, double value) {
        notNegative(flag, value);
        if (value == 0) {
            throw new IllegalArgumentException(flag + " must be above zero");
        }
    }

    static void notNegative(String flag, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(flag + " must be a non-negative number, got " + value);
        }
    }
}
