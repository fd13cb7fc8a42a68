package dev.tandem.client.app;

import dev.tandem.client.settings.Settings;
import dev.tandem.client.settings.WindowPlacement;
import java.util.List;
import java.util.function.DoubleSupplier;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Puts a window where it was last time (or at a sensible default, see {@link WindowPlacement}) and remembers
 * its placement and the split's divider when it closes. While the window is maximized the remembered bounds
 * stay the ones it had before, so un-maximizing next time gives the old size back.
 *
 * <p>Threads: JavaFX thread only.
 */
final class WindowMemory {
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
        stage.setMinWidth(WindowPlacement.MIN_WIDTH);
        stage.setMinHeight(WindowPlacement.MIN_HEIGHT);
        stage.setX(placement.x());
        stage.setY(placement.y());
        stage.setWidth(placement.width());
        stage.setHeight(placement.height());
        memory.normal = new WindowPlacement(placement.x(), placement.y(), placement.width(), placement.height(), false);
        stage.setMaximized(placement.maximized());
        stage.xProperty().addListener((obs, old, now) -> memory.moved());
        stage.yProperty().addListener((obs, old, now) -> memory.moved());
        stage.widthProperty().addListener((obs, old, now) -> memory.moved());
        stage.heightProperty().addListener((obs, old, now) -> memory.moved());
        stage.maximizedProperty().addListener((obs, was, maximized) -> {
            // Some window systems report the maximized size a moment before the flag: forget that step.
            if (maximized && memory.beforeNormal != null && memory.normal != null && memory.looksMaximized()) {
                memory.normal = memory.beforeNormal;
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
