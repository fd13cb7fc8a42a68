package dev.tandem.lb.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of one flag's value turned into what {@link ProxyOptions} builds with; a value that does not fit
 * is refused with a message that starts with the flag's name (a backend's, from {@link BackendSpec#parse},
 * names the backend). Stateless.
 */
final class FlagValues {
    private FlagValues() {
    }

    static List<BackendSpec> backends(String flag, List<String> values) {
        List<BackendSpec> specs = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (!value.isBlank()) {
                specs.add(BackendSpec.parse(value));
            }
        }
        return specs;
    }

    static boolean bool(String flag, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new ConfigException(flag + " expects true or false, got '" + v + "'");
        };
    }

    static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " expects a whole number, got '" + v + "'");
        }
    }

    static int port(String flag, String v) {
        int p = integer(flag, v);
        if (p < 0 || p > 65535) {
            throw new ConfigException(flag + " must be a port from 0 to 65535, got " + p);
        }
        return p;
    }

    static Duration positiveMillis(String flag, String v) {
        Duration d = millis(flag, v);
        if (d.isZero()) {
            throw new ConfigException(flag + " must be positive, got 0");
        }
        return d;
    }

    static Duration millis(String flag, String v) {
        int ms = integer(flag, v);
        if (ms < 0) {
            throw new ConfigException(flag + " must not be negative, got " + ms);
        }
        return Duration.ofMillis(ms);
    }
}
