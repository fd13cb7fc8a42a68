package dev.tandem.bench.desktop;

import dev.tandem.bench.BenchOptions;
import dev.tandem.bench.report.MachineInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's start-up, timed from its own log (issue: "the startup time to a filled window is measured
 * in the bench"). A fresh account gets N chat messages and M todos through the server; the real fat jar is
 * started once with the password (leaving the saved session and copy), then each round starts it: with
 * {@code --version} (the JVM floor), cold (no saved session: the sign-in screen), restored (the saved copy on
 * the main screen, then the resume) and with a password on fresh settings. Kinds are interleaved round by
 * round, so a drift in the machine's load touches them all. Every start is checked: a restore must show the
 * main screen with the account's messages and todos, or the run fails.
 *
 * <p>Threads: one (the caller's), plus each app's output reader inside {@link DesktopProcess}.
 */
public final class DesktopStartup {
    private static final Logger log = LoggerFactory.getLogger(DesktopStartup.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final String RESTORE_NODE = "tandem-bench/restore";

    private final BenchOptions options;
    private final String password;
    private final String runId;
    private final Duration timeout;
    private final URI url;

    public DesktopStartup(BenchOptions options, String password, String runId) {
        this.options = options;
        this.password = password;
        this.runId = runId;
        this.timeout = Duration.ofMillis((long) (options.desktop.startTimeoutSeconds * 1000));
        this.url = options.urls.get(0);
    }

    /** Refuses to start without a display: the app opens a real window. */
    static void requireDisplay(Map<String, String> env) {
        if (isBlank(env.get("DISPLAY")) && isBlank(env.get("WAYLAND_DISPLAY"))) {
            throw new IllegalStateException("the desktop scenario opens real windows and needs a display, but neither"
                    + " DISPLAY nor WAYLAND_DISPLAY is set: run it under xvfb-run -a (Debian: apt-get install -y xvfb)"
                    + " or from a desktop session");
        }
    }

    public DesktopResult run() throws Exception {
        requireDisplay(System.getenv());
        if (!Files.isRegularFile(options.desktop.jar)) {
            throw new IllegalStateException("no desktop jar at " + options.desktop.jar + ": build it (./mvnw -pl"
                    + " desktop-client -am package -DskipTests) or name it with --desktop-jar");
        }
        Path work = options.desktop.workDir != null ? Files.createDirectories(options.desktop.workDir)
                : Files.createTempDirectory("tandem-desktop-bench-");
        boolean clean = false;
        try {
            DesktopResult result = run(work.toAbsolutePath());
            clean = true;
            return result;
        } finally {
            if (options.desktop.workDir == null && clean) {
                deleteTree(work);
            } else {
                log.info("desktop: the apps' data, settings and logs are in {}", work);
            }
        }
    }

    private DesktopResult run(Path work) throws Exception {
        // Private from the start: the app reads the password from this file (TANDEM_PASSWORD_FILE).
        Path passwordFile = work.resolve("password");
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password);
        String user = options.userPrefix + "d" + runId;
        log.info("desktop: preparing {} at {}: {} chat messages, {} todos", user, url, options.desktop.history, options.maxItems);
        AccountSeeder.Seeded account = new AccountSeeder(timeout).seed(url, user, password, options.desktop.history,
                options.maxItems, runId);
        log.info("desktop: prepared in {} s; a welcome now holds {} messages", Math.round(account.seconds() * 10) / 10.0,
                account.expectedMessages());

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        AppCommand app = new AppCommand(java, options.desktop.jar.toAbsolutePath(), options.desktop.jvmArgs(),
                work.resolve("prefs"));
        Starts starts = new Starts(work.resolve("logs"), timeout, STOP_GRACE);
        Map<String, Object> jvm = describeJvm(app, starts);
        Map<String, String> env = System.getenv();
        Map<String, String> signInEnv = AppCommand.environment(env, Optional.of(user), Optional.of(passwordFile));
        Map<String, String> plainEnv = AppCommand.environment(env, Optional.empty(), Optional.empty());
        List<String> serverArg = List.of("--server", url.toString());
        Expect expect = new Expect(account.expectedMessages(), account.todos());

        List<StartRun> runs = new ArrayList<>();
        Path restoreData = work.resolve("restore");
        StartRun prime = starts.toUpToDate(StartKind.prime, 0,
                app.start(restoreData, RESTORE_NODE, serverArg), signInEnv, () -> awaitSavedCopy(restoreData, user, expect));
        expect.signIn(prime);
        runs.add(prime);
        for (int round = 1; round <= options.desktop.runs; round++) {
            runs.add(starts.version(round, app.version(List.of()), plainEnv));
            // Cold and password starts get a data directory and settings node of their own: nothing saved.
            String cold = "cold-" + round;
            StartRun c = starts.toFirstContent(StartKind.cold, round,
                    app.start(work.resolve(cold), "tandem-bench/" + cold, List.of()), plainEnv);
            expect.coldStart(c);
            runs.add(c);
            StartRun r = starts.toUpToDate(StartKind.restore, round, app.start(restoreData, RESTORE_NODE, List.of()),
                    plainEnv, () -> { });
            expect.restore(r);
            runs.add(r);
            String signIn = "signin-" + round;
            StartRun s = starts.toUpToDate(StartKind.signin, round,
                    app.start(work.resolve(signIn), "tandem-bench/" + signIn, serverArg), signInEnv, () -> { });
            expect.signIn(s);
            runs.add(s);
        }
        return new DesktopResult(url.toString(), account, jvm, runs);
    }

    /** The app's JVM: version, the flags given, and the flags the JVM chose by itself (heap, GC) on this machine. */
    private Map<String, Object> describeJvm(AppCommand app, Starts starts) throws Exception {
        List<String> out = starts.output(app.version(List.of("-XX:+PrintCommandLineFlags")),
                AppCommand.environment(System.getenv(), Optional.empty(), Optional.empty()), "jvm-flags");
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("java", app.java().toString());
        jvm.put("javaVersion", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        jvm.put("desktopJvmArgs", app.jvmArgs());
        jvm.put("isolation", List.of("-Djava.util.prefs.userRoot=<work>/prefs", "-Dtandem.prefs.node=tandem-bench/…",
                "-Dtandem.data.dir=<work>/…"));
        jvm.put("ergonomicFlags", out.stream().filter(l -> l.startsWith("-XX:")).findFirst().orElse("?"));
        jvm.put("appVersion", out.stream().filter(l -> l.startsWith("tandem-desktop")).findFirst().orElse("?"));
        for (String name : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            if (System.getenv(name) != null) {
                jvm.put(name, System.getenv(name)); // picked up by the app's JVM too
            }
        }
        jvm.put("display", Optional.ofNullable(System.getenv("DISPLAY")).orElse("wayland " + System.getenv("WAYLAND_DISPLAY")));
        jvm.put("machineLoadAtStart", MachineInfo.loadAverage());
        return jvm;
    }

    /**
     * Waits until the app has saved its copy ({@code <data>/accounts/<server>/<user>/cache.json}) holding the
     * account's messages and todos: the restore runs start from it.
     */
    private void awaitSavedCopy(Path data, String user, Expect expect) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no file";
        while (System.nanoTime() < deadline) {
            Optional<Path> cache = findCache(data, user);
            if (cache.isPresent()) {
                Optional<int[]> counts = SavedCopyFile.counts(cache.get());
                last = counts.map(c -> c[0] + " messages, " + c[1] + " todos").orElse("unreadable");
                if (counts.isPresent() && counts.get()[0] == expect.messages() && counts.get()[1] == expect.todos()) {
                    return;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the app did not save its copy of " + expect.messages() + " messages and "
                + expect.todos() + " todos under " + data + "/accounts/*/" + user + "/cache.json within "
                + timeout.toSeconds() + " s (last seen: " + last + ")");
    }

    private static Optional<Path> findCache(Path data, String user) {
        Path accounts = data.resolve("accounts");
        if (!Files.isDirectory(accounts)) {
            return Optional.empty();
        }
        try (Stream<Path> servers = Files.list(accounts)) {
            return servers.map(s -> s.resolve(user).resolve("cache.json")).filter(Files::isRegularFile).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
