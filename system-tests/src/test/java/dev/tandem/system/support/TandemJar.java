package dev.tandem.system.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.ServerConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the fat jars started as users start it, {@code java [jvm options] -jar <jar> [flags]}, with its output
 * in a log file: the tests that need a real process (its heap, its signals, its command line) build it here
 * instead of each writing its own ProcessBuilder. An app server gets the test cluster secret and a low PBKDF2
 * work factor through their environment twins (a cold JVM hashes slowly; these tests are about processes,
 * not the hash) unless the test sets them.
 * <p>Threads: a builder belongs to the test thread that fills it; {@link #stop} may be called from any thread.
 */
public final class TandemJar {
    private final String jarProperty;
    private final String what;
    private final List<String> jvm = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path log;
    private boolean append;

    private TandemJar(String jarProperty, String what) {
        this.jarProperty = jarProperty;
        this.what = what;
    }

    /** {@code tandem-server.jar} (system property {@code tandem.server.jar}, set by the build). */
    public static TandemJar server() {
        return new TandemJar("tandem.server.jar", "server fat jar (built by the server module)")
                .env("TANDEM_CLUSTER_SECRET", ServerConfig.TEST_SECRET)
                .env("TANDEM_PBKDF2_ITERATIONS", "20000");
    }

    /** {@code tandem-lb.jar} (system property {@code tandem.lb.jar}, set by the build). */
    public static TandemJar proxy() {
        return new TandemJar("tandem.lb.jar", "proxy fat jar (built by the loadbalancer module)");
    }

    /** JVM options, before {@code -jar}. */
    public TandemJar jvm(String... options) {
        jvm.addAll(List.of(options));
        return this;
    }

    /** Flags after the jar. */
    public TandemJar args(String... flags) {
        args.addAll(List.of(flags));
        return this;
    }

    public TandemJar args(List<String> flags) {
        args.addAll(flags);
        return this;
    }

    /** An environment variable of the process (replaces one set before). */
    public TandemJar env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Where stdout and stderr go: a new file, or appended to ({@code append}) across restarts. */
    public TandemJar logTo(Path file, boolean append) {
        this.log = file;
        this.append = append;
        return this;
    }

    public Process start() throws IOException {
        String jar = System.getProperty(jarProperty);
        assertThat(jar).as("system property %s", jarProperty).isNotNull();
        assertThat(new File(jar)).as(what).exists();
        List<String> command = new ArrayList<>();
        command.add(jdkTool("java"));
        command.addAll(jvm);
        command.add("-jar");
        command.add(jar);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log != null) {
            builder.redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    /** A program of the JDK running these tests ({@code java}, {@code jcmd}). */
    public static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /**
     * Stops {@code process} as an init system would: SIGTERM, then SIGKILL if it has not exited within
     * {@code grace}. Does nothing to a process that already exited.
     */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
