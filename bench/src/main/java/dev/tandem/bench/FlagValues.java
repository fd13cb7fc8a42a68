package dev.tandem.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parsers for flag values; each failure is an {@link IllegalArgumentException} that names the flag. Stateless. */
final class FlagValues {
    private FlagValues() {
    }

    static URI wsUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url is not a URL: " + value);
        }
        if (!("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be ws://host:port/... or wss://..., got " + value);
        }
        return uri;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String what, String value) {
        try {
            return Enum.valueOf(type, value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : ", ").append(c.name());
            }
            throw new IllegalArgumentException("unknown " + what + " '" + value + "' (one of " + names + ")");
        }
    }

    static int positiveInt(String name, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive whole number, got '" + value + "'");
    }

    static int nonNegativeInt(String name, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number, 0 or more, got '" + value + "'");
    }

    static double positiveDouble(String name, String value) {
        double v = nonNegativeDouble(name, value);
        if (v == 0) {
            throw new IllegalArgumentException("--" + name + " must be above zero");
        }
        return v;
    }

    static double nonNegativeDouble(String name, String value) {
        try {
            double v = Double.parseDouble(value);
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("--" + name + " must be a non-negative number, got '" + value + "'");
    }

    /** Words separated by blanks (JVM arguments given as one flag value); an all-blank value is no words. */
    static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        for (String w : value.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }
}
