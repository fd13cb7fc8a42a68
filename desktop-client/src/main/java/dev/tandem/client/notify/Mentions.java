package dev.tandem.client.notify;

import java.util.regex.Pattern;

/**
 * Whether a message mentions a user: {@code @name} as a word of its own, in any case ("@Alice" mentions alice),
 * but not inside an e-mail address ("alice@example.com", "bob@alice.org") and not as the start of a longer
 * name ("@alice.smith", "@alice-bot" name other users; "@alice." at the end of a sentence mentions alice).
 * Toolkit-free.
 */
public final class Mentions {
    /** What may stand right before a mention's "@": nothing that belongs to an address or a name. */
    private static final String BEFORE = "(?<![A-Za-z0-9._%+\\-@])@";
    /** What may not follow: a name's characters, an address's "@", or a dot that goes on with a name. */
    private static final String AFTER = "(?![A-Za-z0-9_\\-@])(?!\\.[A-Za-z0-9_\\-])";

    private Mentions() {
    }

    /** True if {@code text} mentions {@code user} (a valid, lower-case user name). */
    public static boolean mentions(String text, String user) {
        if (text == null || user == null || user.isEmpty() || text.indexOf('@') < 0) {
            return false;
        }
        return Pattern.compile(BEFORE + Pattern.quote(user) + AFTER, Pattern.CASE_INSENSITIVE).matcher(text).find();
    }
}
