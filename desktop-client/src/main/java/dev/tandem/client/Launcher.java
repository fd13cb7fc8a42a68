package dev.tandem.client;

import dev.tandem.client.app.DesktopOptions;
import dev.tandem.client.app.TandemApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The fat jar's entry point. It deliberately does not extend {@code javafx.application.Application}: the
 * JDK's launcher insists on JavaFX modules for a main class that does, which a plain classpath jar lacks.
 * The command line is parsed here, before the toolkit starts, so that --help, --version and a bad flag answer
 * without a display; the parsed options reach the window through {@link TandemApp#launchWith}, not through
 * {@code Application.launch}'s string arguments.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        DesktopOptions.Parsed parsed = DesktopOptions.parse(args, System::getenv,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        if (parsed.commandLine() == null) {
            (parsed.exitCode() == 0 ? System.out : System.err).println(parsed.output().stripTrailing());
            System.exit(parsed.exitCode());
            return;
        }
        TandemApp.launchWith(parsed.commandLine());
    }
}
