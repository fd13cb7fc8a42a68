package dev.tandem.client.app;

import java.lang.management.ManagementFactory;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, once each, how long after the JVM started the window first showed content (the saved copy, or the
 * sign-in form) and when it was first up to date (the first welcome). The bench's {@code desktop}
 * scenario reads these two lines; their wording is its contract.
 *
 * <p>Threads: JavaFX thread only.
 */
final class StartupTrace {
    private static final Logger log = LoggerFactory.getLogger(StartupTrace.class);
    private static final long JVM_START = ManagementFactory.getRuntimeMXBean().getStartTime();

    private boolean shown;
    private boolean upToDate;

    /** After the next layout pulse of {@code scene} (what is on screen now is drawn): logs what it shows. */
    void firstPulse(Scene scene, AppViewModel model) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            if (!shown) {
                shown = true;
                log.info("startup: first content after {} ms ({} screen, {} messages, {} todos)", sinceStart(),
                        model.screenProperty().get() == AppViewModel.Screen.MAIN ? "main" : "sign-in",
                        model.chat().entries().size(), model.todos().allItems().size());
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /** The first welcome arrived: the window shows the server's state. */
    void welcomed(AppViewModel model) {
        if (!upToDate) {
            upToDate = true;
            log.info("startup: up to date after {} ms ({} messages, {} todos)", sinceStart(),
                    model.chat().entries().size(), model.todos().allItems().size());
        }
    }

    private static long sinceStart() {
        return System.currentTimeMillis() - JVM_START;
    }
}
