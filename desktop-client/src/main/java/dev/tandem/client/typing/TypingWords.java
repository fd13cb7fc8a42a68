package dev.tandem.client.typing;

import java.util.List;

/** What the typing line says for who is typing (toolkit-free). */
public final class TypingWords {
    private TypingWords() {
    }

    /** "", "bob is typing…", "bob and carol are typing…", or "several people are typing…" for three or more. */
    public static String line(List<String> users) {
        return switch (users.size()) {
            case 0 -> "";
            case 1 -> users.get(0) + " is typing…";
            case 2 -> users.get(0) + " and " + users.get(1) + " are typing…";
            default -> "several people are typing…";
        };
    }
}
