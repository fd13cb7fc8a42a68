package dev.tandem.client.switcher;

import java.util.Locale;

/**
 * How well a name matches what was typed into the quick switcher, best first: the whole name, its start, the
 * start of one of its words (after {@code - _ .} or a space), anywhere in it. Case-insensitive. Toolkit-free.
 */
final class Matching {
    static final int NONE = Integer.MAX_VALUE;
    static final int EXACT = 0;
    static final int PREFIX = 1;
    static final int WORD = 2;
    static final int INSIDE = 3;

    private Matching() {
    }

    /** What is typed, as it is matched: trimmed, lower-case, without a leading {@code #} or {@code @}. */
    static String query(String typed) {
        String query = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return query.startsWith("#") || query.startsWith("@") ? query.substring(1).strip() : query;
    }

    /** The score of {@code name} for {@code query} (already {@link #query normalised}); {@link #NONE} if no match. */
    static int score(String name, String query) {
        if (query.isEmpty()) {
            return INSIDE;
        }
        String candidate = name.toLowerCase(Locale.ROOT);
        if (candidate.equals(query)) {
            return EXACT;
        }
        if (candidate.startsWith(query)) {
            return PREFIX;
        }
        int at = candidate.indexOf(query);
        if (at < 0) {
            return NONE;
        }
        for (; at > 0; at = candidate.indexOf(query, at + 1)) {
            if ("-_. ".indexOf(candidate.charAt(at - 1)) >= 0) {
                return WORD;
            }
        }
        return INSIDE;
    }
}
