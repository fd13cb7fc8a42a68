package dev.tandem.client.typing;

import dev.tandem.client.connection.Scheduler;
import java.time.Duration;
import java.time.Instant;
import javafx.animation.PauseTransition;
import javafx.application.Platform;

/**
 * A {@link Scheduler} on the JavaFX thread: tasks run there, timers are {@link PauseTransition}s (driven by the
 * toolkit's pulses, so they cost nothing between them). For view models whose timers change what is on screen.
 *
 * <p>Threads: {@link #schedule} and its handles on the JavaFX thread only; {@link #execute} from any thread.
 */
public final class FxScheduler implements Scheduler {

    @Override
    public void execute(Runnable task) {
        Platform.runLater(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(Math.max(1, delay.toMillis())));
        pause.setOnFinished(e -> task.run());
        pause.play();
        return pause::stop;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }
}
