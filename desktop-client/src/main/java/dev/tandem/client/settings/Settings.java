package dev.tandem.client.settings;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the client remembers between runs, in {@link java.util.prefs}: the last server and user, the theme
 * and the todo filter. Never a password or a resume token.
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
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Preferences are a convenience; losing one is not worth interrupting the user.
            org.slf4j.LoggerFactory.getLogger(Settings.class).warn("cannot save setting {}: {}", key, e.toString());
        }
    }
}
