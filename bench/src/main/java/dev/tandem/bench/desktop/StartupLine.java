package dev.tandem.bench.desktop;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two start-up lines the desktop app logs (its {@code StartupTrace}; their wording is the contract between
 * the app and this bench), parsed from one line of the app's output. Times are milliseconds since the app's
 * JVM started, by the app's own clock. Immutable.
 */
public sealed interface StartupLine {

    /** {@code startup: first content after <ms> ms (<main|sign-in> screen, <n> messages, <m> todos)}. */
    record FirstContent(long ms, String screen, int messages, int todos) implements StartupLine {
        public boolean mainScreen() {
            return screen.equals("main");
        }
    }

    /** {@code startup: up to date after <ms> ms (<n> messages, <m> todos)}. */
    record UpToDate(long ms, int messages, int todos) implements StartupLine {
    }

    // Searched anywhere in the line: the logger puts thread, level and class in front.
    Pattern FIRST_CONTENT = Pattern.compile(
            "startup: first content after (\\d+) ms \\((main|sign-in) screen, (\\d+) messages, (\\d+) todos\\)");
    Pattern UP_TO_DATE = Pattern.compile("startup: up to date after (\\d+) ms \\((\\d+) messages, (\\d+) todos\\)");

    /** The start-up line in {@code line}, if it is one. */
    static Optional<StartupLine> parse(String line) {
        Matcher m = FIRST_CONTENT.matcher(line);
        if (m.find()) {
            return Optional.of(new FirstContent(Long.parseLong(m.group(1)), m.group(2), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4))));
        }
        m = UP_TO_DATE.matcher(line);
        if (m.find()) {
            return Optional.of(new UpToDate(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        }
        return Optional.empty();
    }
}
