package dev.tandem.bench.desktop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the bench starts the desktop app: {@code java [jvm args] [isolation] -jar tandem-desktop.jar [app args]},
 * with the environment cleaned of the app's own variables. Each start names its data directory and its
 * settings node; the settings live under a java.util.prefs root inside the bench's work directory, so no run
 * sees (or leaves) settings in the home directory that other people's windows use. Immutable.
 *
 * @param java      the java binary (the bench's own JDK)
 * @param jar       the app's fat jar
 * @param jvmArgs   extra JVM arguments, as given
 * @param prefsRoot the java.util.prefs user root of every start
 */
record AppCommand(Path java, Path jar, List<String> jvmArgs, Path prefsRoot) {
    /** The app's environment twins; a start sets them itself or not at all. */
    static final List<String> APP_VARIABLES = List.of("TANDEM_SERVER", "TANDEM_USER", "TANDEM_PASSWORD_FILE",
            "TANDEM_DATA_DIR");

    AppCommand {
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** One start of the app with its data in {@code dataDir} and its settings at {@code prefsNode}. */
    List<String> start(Path dataDir, String prefsNode, List<String> appArgs) {
        List<String> c = new ArrayList<>();
        c.add(java.toString());
        c.addAll(jvmArgs);
        c.add("-Djava.util.prefs.userRoot=" + prefsRoot);
        c.add("-Dtandem.prefs.node=" + prefsNode);
        c.add("-Dtandem.data.dir=" + dataDir);
        c.add("-jar");
        c.add(jar.toString());
        c.addAll(appArgs);
        return c;
    }

    /** {@code --version}: the JVM and the fat jar without the toolkit (the floor under every start). */
    List<String> version(List<String> extraJvmArgs) {
        List<String> c = new ArrayList<>();
        c.add(java.toString());
        c.addAll(extraJvmArgs);
        c.addAll(jvmArgs);
        c.add("-jar");
        c.add(jar.toString());
        c.add("--version");
        return c;
    }

    /**
     * The bench's environment without the app's variables, plus a user and password file for a scripted
     * sign-in when given (the app signs in by itself with both).
     */
    static Map<String, String> environment(Map<String, String> base, Optional<String> user, Optional<Path> passwordFile) {
        Map<String, String> env = new LinkedHashMap<>(base);
        APP_VARIABLES.forEach(env::remove);
        user.ifPresent(u -> env.put("TANDEM_USER", u));
        passwordFile.ifPresent(f -> env.put("TANDEM_PASSWORD_FILE", f.toString()));
        return env;
    }
}
