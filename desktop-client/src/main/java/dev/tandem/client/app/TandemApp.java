package dev.tandem.client.app;

import dev.tandem.client.settings.Settings;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: one {@link ClientWindow}; links in messages open through its {@code HostServices}.
 * Started by {@link dev.tandem.client.Launcher}.
 */
public final class TandemApp extends Application {
    /** Handed over from the launcher's thread before the FX toolkit starts; read once in {@link #start}. */
    private static volatile CommandLine options =
            new CommandLine(Optional.empty(), Optional.empty(), Optional.empty(), CommandLine.Action.RUN);

    private ClientWindow window;

    /** Starts the toolkit and opens the window; returns when the window is closed. */
    public static void launchWith(CommandLine commandLine) {
        options = commandLine;
        Application.launch(TandemApp.class);
    }

    @Override
    public void start(Stage stage) {
        window = ClientWindow.open(stage, options, Settings.open(), getHostServices()::showDocument);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
