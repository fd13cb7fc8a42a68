package dev.tandem.client.app;

import dev.tandem.client.settings.Settings;
import dev.tandem.client.settings.WindowPlacement;
import java.util.List;
import java.util.function.DoubleSupplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * Puts a window where it was last time (or at a sensible default, see {@link WindowPlacement}) and remembers
 * its placement and the split's divider when it closes. While the window is maximized the remembered bounds
 * stay the ones it had before, so un-maximizing next time gives the old size back.
 *
 * <p>Threads: JavaFX thread only.
 */
final class WindowMemory {
    /** How long a window manager may take to frame a new window (openbox under load: a few pulses). */
    private static final Duration SETTLE = Duration.millis(300);
    private final Stage stage;
    private final Settings settings;
    private final DoubleSupplier divider;
    /** The last bounds while neither maximized nor iconified, and the ones before those. */
    private WindowPlacement normal;
    private WindowPlacement beforeNormal;

    private WindowMemory(Stage stage, Settings settings, DoubleSupplier divider) {
        this.stage = stage;
        this.settings = settings;
        this.divider = divider;
    }

    /**
     * Places {@code stage} (before it is shown) and starts following it.
     *
     * @param cascade for a window with nothing remembered: how many steps from the default spot (demo windows)
     */
    static void restore(Stage stage, Settings settings, int cascade, DoubleSupplier divider) {
        WindowMemory memory = new WindowMemory(stage, settings, divider);
        WindowPlacement placement = WindowPlacement.opening(settings.windowPlacement(), screens(), cascade);
        // The minimum goes on once the window is up, and the size and place are asked for again after it: GTK
        // hands a minimum to the window manager as the window's base size too, and openbox then shrinks the
        // window to it (the windows opened at their minimum size).
        // A maximized window opens normal first and is maximized once up, so that the window manager knows
        // the size to give back when it is un-maximized.
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            stage.setMinWidth(WindowPlacement.MIN_WIDTH);
            stage.setMinHeight(WindowPlacement.MIN_HEIGHT);
            stage.setWidth(placement.width());
            stage.setHeight(placement.height());
            stage.setX(placement.x()); // it may have placed the window by its own rules meanwhile
            stage.setY(placement.y());
            if (placement.maximized()) {
                // Once the window manager has framed it at that size: maximized sooner, the window came back
                // from un-maximizing a frame's size too large.
                PauseTransition settle = new PauseTransition(SETTLE);
                settle.setOnFinished(done -> stage.setMaximized(true));
                settle.play();
            }
        });
        stage.setX(placement.x());
        stage.setY(placement.y());
        stage.setWidth(placement.width());
        stage.setHeight(placement.height());
        memory.normal = new WindowPlacement(placement.x(), placement.y(), placement.width(), placement.height(), false);
        stage.xProperty().addListener((obs, old, now) -> memory.moved());
        stage.yProperty().addListener((obs, old, now) -> memory.moved());
        stage.widthProperty().addListener((obs, old, now) -> memory.moved());
        stage.heightProperty().addListener((obs, old, now) -> memory.moved());
        stage.maximizedProperty().addListener((obs, was, maximized) -> {
            if (maximized) {
                // Some window systems report the maximized size a moment before the flag: forget that step.
                if (memory.beforeNormal != null && memory.normal != null && memory.looksMaximized()) {
                    memory.normal = memory.beforeNormal;
                }
            } else if (memory.normal != null) {
                // Un-maximized, GTK under openbox gives back nearly the whole screen: the normal size it is.
                WindowPlacement normal = memory.normal;
                Platform.runLater(() -> {
                    if (!stage.isMaximized()) {
                        stage.setX(normal.x());
                        stage.setY(normal.y());
                        stage.setWidth(normal.width());
                        stage.setHeight(normal.height());
                    }
                });
            }
        });
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> memory.save());
    }

    private void moved() {
        if (stage.isMaximized() || stage.isIconified() || stage.isFullScreen()) {
            return;
        }
        WindowPlacement now = new WindowPlacement(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        if (!now.equals(normal)) {
            beforeNormal = normal;
            normal = now;
        }
    }

    private boolean looksMaximized() {
        return screens().stream().anyMatch(area -> area.x() == normal.x() && area.y() == normal.y()
                && area.width() == normal.width() && area.height() == normal.height());
    }

    private void save() {
        if (normal != null) {
            settings.rememberWindowPlacement(new WindowPlacement(normal.x(), normal.y(), normal.width(),
                    normal.height(), stage.isMaximized()));
        }
        settings.rememberDividerPosition(divider.getAsDouble());
    }

    /** The screens' usable areas, the primary one first. */
    private static List<WindowPlacement.Area> screens() {
        Screen primary = Screen.getPrimary();
        java.util.ArrayList<WindowPlacement.Area> areas = new java.util.ArrayList<>();
        areas.add(area(primary.getVisualBounds()));
        for (Screen screen : Screen.getScreens()) {
            if (!screen.equals(primary)) {
                areas.add(area(screen.getVisualBounds()));
            }
        }
        return areas;
    }

    private static WindowPlacement.Area area(Rectangle2D bounds) {
        return new WindowPlacement.Area(bounds.getMinX(), bounds.getMinY(), bounds.getWidth(), bounds.getHeight());
    }
}
