package dev.tandem.client.settings;

import java.util.List;
import java.util.Optional;

/**
 * Where a window stands on the desktop: its normal (not maximized) bounds and whether it is maximized; and
 * the rules for where a window opens. No toolkit: the screens come in as plain rectangles, so the rules are
 * tested on their own.
 *
 * <ul>
 *   <li>With nothing remembered, a window opens at {@link #DEFAULT_WIDTH} × {@link #DEFAULT_HEIGHT} (less on a
 *       small screen, never less than the minimum) in the middle of the primary screen, moved
 *       {@code cascade} × {@link #CASCADE_STEP} px right and down so several windows do not cover each other.</li>
 *   <li>A remembered placement is used as it is when its title bar can still be grabbed on some screen (a
 *       screen was unplugged, the resolution changed: otherwise it is moved back onto the primary screen),
 *       its size shrunk to fit that screen.</li>
 * </ul>
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {
    public static final double DEFAULT_WIDTH = 1120;
    public static final double DEFAULT_HEIGHT = 760;
    /** Below this the layout is not meant to work (and UI tests check it at exactly this size). */
    public static final double MIN_WIDTH = 800;
    public static final double MIN_HEIGHT = 500;
    public static final double CASCADE_STEP = 48;
    /** The strip along the top edge that has to be on a screen for the window to be movable. */
    static final double TITLE_BAR = 32;
    /** How much of that strip, horizontally, has to be on the screen. */
    static final double GRAB_WIDTH = 120;

    /** A screen's usable area (without task bars), in desktop coordinates. */
    public record Area(double x, double y, double width, double height) {
        double maxX() {
            return x + width;
        }

        double maxY() {
            return y + height;
        }
    }

    /**
     * Where a window opens: the remembered placement if it is reachable, else a default one.
     *
     * @param screens the screens' usable areas, the primary one first (at least one)
     * @param cascade how many windows opened before this one that may stand at the default spot (0 for the first)
     */
    public static WindowPlacement opening(Optional<WindowPlacement> remembered, List<Area> screens, int cascade) {
        Area primary = screens.get(0);
        if (remembered.isEmpty()) {
            return centred(primary, DEFAULT_WIDTH, DEFAULT_HEIGHT, cascade, false);
        }
        WindowPlacement last = remembered.get();
        for (Area screen : screens) {
            if (grabbable(last, screen)) {
                double width = fit(last.width, MIN_WIDTH, screen.width);
                double height = fit(last.height, MIN_HEIGHT, screen.height);
                // Shrunk to the screen, it would still stick out: move it in. A window the user left hanging
                // over an edge at a size that fits stays where it was.
                double x = width < last.width ? Math.max(screen.x, Math.min(last.x, screen.maxX() - width)) : last.x;
                double y = height < last.height ? Math.max(screen.y, Math.min(last.y, screen.maxY() - height)) : last.y;
                return new WindowPlacement(x, y, width, height, last.maximized);
            }
        }
        return centred(primary, last.width, last.height, 0, last.maximized);
    }

    /** True when the window's title bar has a grabbable piece on {@code screen}. */
    static boolean grabbable(WindowPlacement placement, Area screen) {
        double left = Math.max(placement.x, screen.x);
        double right = Math.min(placement.x + placement.width, screen.maxX());
        boolean topOnScreen = placement.y >= screen.y && placement.y + TITLE_BAR <= screen.maxY();
        return topOnScreen && right - left >= Math.min(GRAB_WIDTH, placement.width);
    }

    private static WindowPlacement centred(Area screen, double wantedWidth, double wantedHeight, int cascade,
                                           boolean maximized) {
        double width = fit(Math.min(wantedWidth, screen.width * 0.9), MIN_WIDTH, screen.width);
        double height = fit(Math.min(wantedHeight, screen.height * 0.9), MIN_HEIGHT, screen.height);
        double x = screen.x + (screen.width - width) / 2;
        double y = screen.y + (screen.height - height) / 2;
        // Each further window one step right and down; where the screen ends, it stops at the edge.
        double shift = cascade * CASCADE_STEP;
        x = Math.min(x + shift, screen.maxX() - width);
        y = Math.min(y + shift, screen.maxY() - height);
        return new WindowPlacement(Math.round(x), Math.round(y), Math.round(width), Math.round(height), maximized);
    }

    /** {@code wanted}, but at least {@code min} and at most {@code max} (the screen wins over the minimum). */
    private static double fit(double wanted, double min, double max) {
        return Math.min(Math.max(wanted, min), max);
    }
}
