package dev.tandem.client.settings;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the client remembers between runs, in {@link java.util.prefs}: the last server and user, the theme,
 * the todo filter, and the window's placement and split. Never a password or a resume token.
 *
 * <p>The preferences node is {@value #DEFAULT_NODE} under the user root, or the one named by the system
 * property {@value #NODE_PROPERTY}, so tests and demo windows can keep their own settings apart.
 * {@link Preferences} is thread-safe; this class adds no state of its own.
 */
public final class Settings {
    /** System property naming the preferences node (a path under the user root). */
    public static final String NODE_PROPERTY = "tandem.prefs.node";
    public static final String DEFAULT_NODE = "dev/tandem/client";

    private static final String SERVER = "server";
    private static final String USER = "user";
    private static final String THEME = "theme";
    private static final String TODO_FILTER = "todoFilter";
    private static final String WINDOW = "window.";
    private static final String DIVIDER = "split.divider";

    private final Preferences node;

    private Settings(Preferences node) {
        this.node = node;
    }

    /** The node named by {@value #NODE_PROPERTY}, or the default one. */
    public static Settings open() {
        return at(System.getProperty(NODE_PROPERTY, DEFAULT_NODE));
    }

    /** Settings stored at {@code path} under the user root (relative path, e.g. "test/tandem-123"). */
    public static Settings at(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return new Settings(Preferences.userRoot().node(relative));
    }

    public String server(String fallback) {
        return node.get(SERVER, fallback);
    }

    public void rememberServer(String value) {
        put(SERVER, value);
    }

    public String user() {
        return node.get(USER, "");
    }

    public void rememberUser(String value) {
        put(USER, value);
    }

    public String theme(String fallback) {
        return node.get(THEME, fallback);
    }

    public void rememberTheme(String value) {
        put(THEME, value);
    }

    public String todoFilter(String fallback) {
        return node.get(TODO_FILTER, fallback);
    }

    public void rememberTodoFilter(String value) {
        put(TODO_FILTER, value);
    }

    /** The window's last placement, if one was saved (and every part of it reads as a number). */
    public Optional<WindowPlacement> windowPlacement() {
        double x = node.getDouble(WINDOW + "x", Double.NaN);
        double y = node.getDouble(WINDOW + "y", Double.NaN);
        double width = node.getDouble(WINDOW + "width", Double.NaN);
        double height = node.getDouble(WINDOW + "height", Double.NaN);
        if (Double.isNaN(x) || Double.isNaN(y) || !(width > 0) || !(height > 0)) {
            return Optional.empty();
        }
        return Optional.of(new WindowPlacement(x, y, width, height, node.getBoolean(WINDOW + "maximized", false)));
    }

    public void rememberWindowPlacement(WindowPlacement placement) {
        node.putDouble(WINDOW + "x", placement.x());
        node.putDouble(WINDOW + "y", placement.y());
        node.putDouble(WINDOW + "width", placement.width());
        node.putDouble(WINDOW + "height", placement.height());
        node.putBoolean(WINDOW + "maximized", placement.maximized());
        flush(WINDOW);
    }

    /** Where the divider between chat and todos was (0..1 of the width), or {@code fallback}. */
    public double dividerPosition(double fallback) {
        double position = node.getDouble(DIVIDER, fallback);
        return position > 0 && position < 1 ? position : fallback;
    }

    public void rememberDividerPosition(double position) {
        node.putDouble(DIVIDER, position);
        flush(DIVIDER);
    }

    /** Removes the whole node (tests clean up with this). */
    public void clear() {
        try {
            node.removeNode();
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // Already removed or the store is read-only: nothing left to clean.
        }
    }

    private void put(String key, String value) {
        node.put(key, value == null ? "" : value);
        flush(key);
    }

    private void flush(String key) {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Preferences are a convenience; losing one is not worth interrupting the user.
            org.slf4j.LoggerFactory.getLogger(Settings.class).warn("cannot save setting {}: {}", key, e.toString());
        }
    }
}
