package dev.tandem.client;

import dev.tandem.client.app.AppVersion;
import dev.tandem.client.app.CommandLine;
import dev.tandem.client.app.TandemApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fat jar's entry point. It deliberately does not extend {@code javafx.application.Application}: the
 * JDK's launcher insists on JavaFX modules for a main class that does, which a plain classpath jar lacks.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(List.of(args), System.getenv(),
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        } catch (CommandLine.UsageException e) {
            System.err.println("tandem-desktop: " + e.getMessage());
            System.exit(2);
            return;
        }
        switch (commandLine.action()) {
            case HELP -> System.out.print(CommandLine.USAGE);
            case VERSION -> System.out.println("tandem-desktop " + AppVersion.get());
            case RUN -> TandemApp.launchWith(commandLine);
        }
    }
}
