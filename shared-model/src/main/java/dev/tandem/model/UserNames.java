package dev.tandem.model;

import java.util.Locale;

/** User-name rules, shared so clients can check and normalise a name before connecting. */
public final class UserNames {
    private UserNames() {
    }

    /** True if {@code user} is a valid name as is ({@link Limits#USER_NAME_PATTERN}). */
    public static boolean isValid(String user) {
        return Checks.isUserName(user);
    }

    /** What a client should send for what a person typed: trimmed and lower-cased. */
    public static String normalize(String typed) {
        return typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    }
}
