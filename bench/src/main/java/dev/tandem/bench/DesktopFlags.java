package dev.tandem.bench;

import dev.tandem.model.Limits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The desktop scenario's own flags (a picocli mixin of {@link BenchOptions}): which app to start, how often,
 * and what the bench account holds. The app's start-up is timed from its own log; it needs a display.
 * <p>
 * Threads: filled by the thread that parses, once; read-only afterwards.
 */
public final class DesktopFlags {
    /** The fat jar of the desktop app to start. */
    @Option(names = "--desktop-jar", paramLabel = "FILE", defaultValue = "desktop-client/target/tandem-desktop.jar",
            description = "desktop: the app's fat jar")
    public Path jar;

    @Option(names = "--desktop-jvm-args", paramLabel = "ARGS",
            description = "desktop: extra JVM arguments for the app, blank-separated in one value (default: none,"
                    + " the app as people start it)")
    String jvmArgsText = "";

    /** Measured starts of each kind (restore, cold, signin, version). */
    @Option(names = "--runs", paramLabel = "R", defaultValue = "5", description = "desktop: measured starts of each kind")
    public int runs;

    /** Chat messages the bench account posts before the app first starts. */
    @Option(names = "--history", paramLabel = "N", defaultValue = "" + Limits.HISTORY_ON_SIGN_IN,
            description = "desktop: chat messages the bench account posts (0 with --max-items 0 on an empty server:"
                    + " an empty saved copy)")
    public int history;

    /** Longest wait for each of the app's start-up lines (and for its saved copy). */
    @Option(names = "--start-timeout", paramLabel = "S", defaultValue = "120",
            description = "desktop: max seconds for each start-up line")
    public double startTimeoutSeconds;

    /** Where the app's data, settings and logs go; null: a temporary directory, deleted after a clean run. */
    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "desktop: the app's data, settings and logs, kept (default: a temporary directory,"
                    + " deleted if all went well)")
    public Path workDir;

    /** The extra JVM arguments as words; an all-blank value is none. */
    public List<String> jvmArgs() {
        List<String> words = new ArrayList<>();
        for (String w : jvmArgsText.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return List.copyOf(words);
    }

    void check(BenchOptions o) {
        FlagRules.positive("--runs", runs);
        FlagRules.notNegative("--history", history);
        FlagRules.positive("--start-timeout", startTimeoutSeconds);
        if (o.protocol != BenchOptions.WireProtocol.tandem) {
            throw new IllegalArgumentException("desktop starts Tandem's desktop app; it speaks only the tandem protocol");
        }
        if (o.urls.size() > 1) {
            throw new IllegalArgumentException("desktop takes one --url (the server or proxy the app signs in to)");
        }
        if (history > Limits.HISTORY_RETAINED) {
            throw new IllegalArgumentException("--history must be at most " + Limits.HISTORY_RETAINED
                    + " (the chat history the server keeps)");
        }
    }

    void describe(Map<String, Object> m) {
        m.put("desktopJar", jar.toString());
        m.put("desktopJvmArgs", jvmArgs());
        m.put("runs", runs);
        m.put("history", history);
        m.put("startTimeoutSeconds", startTimeoutSeconds);
    }
}
