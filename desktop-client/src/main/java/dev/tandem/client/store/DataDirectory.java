package dev.tandem.client.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the app keeps what must outlive it: per account (server + user), the outbox of unsent changes, the
 * saved session and the last copy of the chat and the todo list.
 *
 * <p>The root is the system property {@value #PROPERTY}, else {@code TANDEM_DATA_DIR}, else the platform's
 * per-user data directory ({@code $XDG_DATA_HOME/tandem}, {@code ~/.local/share/tandem}, on macOS
 * {@code ~/Library/Application Support/Tandem}, on Windows {@code %LOCALAPPDATA%\Tandem}). Immutable.
 */
public record DataDirectory(Path root) {
    /** System property naming the data directory (tests give each run its own). */
    public static final String PROPERTY = "tandem.data.dir";

    /** The directory this process uses. */
    public static DataDirectory resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."));
    }

    static DataDirectory resolve(String property, Map<String, String> env, String osName, String home) {
        if (property != null && !property.isBlank()) {
            return new DataDirectory(Path.of(property));
        }
        String fromEnv = env.get("TANDEM_DATA_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataDirectory(Path.of(fromEnv));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return new DataDirectory(Path.of(home, "Library", "Application Support", "Tandem"));
        }
        if (os.contains("win") && env.get("LOCALAPPDATA") != null) {
            return new DataDirectory(Path.of(env.get("LOCALAPPDATA"), "Tandem"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        return new DataDirectory(xdg != null && xdg.startsWith("/") ? Path.of(xdg, "tandem")
                : Path.of(home, ".local", "share", "tandem"));
    }

    /** The files of one account: {@code accounts/<host>_<port><path>/<user>/}. */
    public AccountFiles account(URI server, String user) {
        return new AccountFiles(root.resolve("accounts").resolve(serverFolder(server)).resolve(user));
    }

    /**
     * A folder name for a server address that is a valid file name everywhere and differs for different
     * addresses: scheme, host, port and path, with anything but letters, digits, '.' and '-' turned into '_'.
     */
    static String serverFolder(URI server) {
        String raw = server.getScheme() + "_" + server.getHost() + "_" + server.getPort()
                + (server.getPath() == null ? "" : server.getPath());
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_");
    }
}
