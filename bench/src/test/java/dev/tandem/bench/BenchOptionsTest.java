package dev.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.cli.Cli;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    /** No environment at all: the tests never depend on the real one. */
    private static final Function<String, String> NO_ENV = name -> null;

    @Test
    void parsesEveryKindOfFlag() {
        BenchOptions o = BenchOptions.of(NO_ENV, "fanout", "--url", "ws://127.0.0.1:9/ws",
                "--url=ws://127.0.0.1:10/ws", "--clients", "20", "--senders", "2", "--rate", "12.5", "--size", "64",
                "--warmup", "0", "--duration", "2", "--secret", "s3cret", "--pid", "s1=123", "--pid", "redis=77",
                "--label", "direct");
        assertThat(o.scenario).isEqualTo(BenchOptions.Scenario.fanout);
        assertThat(o.urls).containsExactly(URI.create("ws://127.0.0.1:9/ws"), URI.create("ws://127.0.0.1:10/ws"));
        assertThat(o.urlFor(3)).isEqualTo(URI.create("ws://127.0.0.1:10/ws"));
        assertThat(o.clients).isEqualTo(20);
        assertThat(o.rate).isEqualTo(12.5);
        assertThat(o.warmupSeconds).isZero();
        assertThat(o.pids).containsExactly(Map.entry("s1", 123L), Map.entry("redis", 77L));
        assertThat(o.label).isEqualTo("direct");
        assertThat(o.describe()).doesNotContainKey("secret").doesNotContainValue("s3cret");
    }

    @Test
    void defaultsAreTheOnesTheReadmeNames() {
        BenchOptions o = BenchOptions.of(NO_ENV, "fanout", "--secret", "s");
        assertThat(o.urls).containsExactly(URI.create("ws://127.0.0.1:8080/ws"));
        assertThat(o.protocol).isEqualTo(BenchOptions.WireProtocol.tandem);
        assertThat(o.clients).isEqualTo(1000);
        assertThat(o.senders).isEqualTo(10);
        assertThat(o.rate).isEqualTo(100);
        assertThat(o.size).isEqualTo(100);
        assertThat(o.warmupSeconds).isEqualTo(5);
        assertThat(o.durationSeconds).isEqualTo(15);
        assertThat(o.drainSeconds).isEqualTo(10);
        assertThat(o.connectRate).isEqualTo(500);
        assertThat(o.connectTimeoutSeconds).isEqualTo(60);
        assertThat(o.threads).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors()));
        assertThat(o.userPrefix).isEqualTo("bench-");
        assertThat(o.maxItems).isEqualTo(100);
        assertThat(o.probeRate).isEqualTo(5);
        assertThat(o.label).isEmpty();
        assertThat(o.rateLimitSetting).isEmpty();
        assertThat(o.pids).isEmpty();
        assertThat(o.json).isNull();
        assertThat(o.room.rooms).isEqualTo(100);
        assertThat(o.room.roomSize).isEqualTo(10);
        assertThat(o.room.bigRate).isEqualTo(20);
        assertThat(o.room.bigSenders).isEqualTo(10);
    }

    @Test
    void flagsComeInAnyOrderAndTheLastValueOfARepeatedOneWins() {
        // run.sh puts its own flags after the run's (--threads, --rate-limit-setting, then --bench-args).
        BenchOptions o = BenchOptions.of(NO_ENV, "--clients", "5", "fanout", "--senders", "1", "--secret", "s",
                "--threads", "2", "--clients", "7");
        assertThat(o.scenario).isEqualTo(BenchOptions.Scenario.fanout);
        assertThat(o.clients).isEqualTo(7);
        assertThat(o.threads).isEqualTo(2);
    }

    @Test
    void roomsFlagsAreParsedAndChecked() {
        BenchOptions o = BenchOptions.of(NO_ENV, "rooms", "--clients", "1000", "--rooms", "100",
                "--room-size", "10", "--big-rate", "5", "--big-senders", "3", "--secret", "s");
        assertThat(o.scenario).isEqualTo(BenchOptions.Scenario.rooms);
        assertThat(o.room.rooms).isEqualTo(100);
        assertThat(o.room.roomSize).isEqualTo(10);
        assertThat(o.room.bigRate).isEqualTo(5);
        assertThat(o.room.bigSenders).isEqualTo(3);
        assertThat(o.describe()).containsEntry("rooms", 100).containsEntry("roomSize", 10);
        assertError(new String[] {"rooms", "--clients", "50", "--rooms", "10", "--room-size", "6", "--secret", "s"},
                "cannot exceed --clients (50)");
        assertError(new String[] {"rooms", "--protocol", "socketio", "--secret", "s"}, "Socket.IO peer has none");
        assertError(new String[] {"rooms", "--rooms", "1000", "--clients", "5000", "--room-size", "1", "--secret", "s"},
                "--rooms must be at most 999");
        assertError(new String[] {"rooms", "--big-senders", "0", "--secret", "s"},
                "--big-senders must be a positive whole number");
    }

    @Test
    void desktopFlagsNeedNoClusterSecret() {
        BenchOptions o = BenchOptions.of(NO_ENV, "desktop", "--url", "ws://127.0.0.1:19080/ws",
                "--desktop-jar", "/tmp/app.jar", "--desktop-jvm-args", " -Xmx256m  -XX:TieredStopAtLevel=1 ",
                "--runs", "3", "--history", "250", "--max-items", "40", "--start-timeout", "30", "--work-dir", "/tmp/w");
        assertThat(o.scenario).isEqualTo(BenchOptions.Scenario.desktop);
        assertThat(o.desktop.jar).isEqualTo(Path.of("/tmp/app.jar"));
        assertThat(o.desktop.jvmArgs()).containsExactly("-Xmx256m", "-XX:TieredStopAtLevel=1");
        assertThat(o.desktop.runs).isEqualTo(3);
        assertThat(o.desktop.history).isEqualTo(250);
        assertThat(o.maxItems).isEqualTo(40);
        assertThat(o.desktop.startTimeoutSeconds).isEqualTo(30);
        assertThat(o.desktop.workDir).isEqualTo(Path.of("/tmp/w"));
        assertThat(o.describe()).containsEntry("runs", 3).containsEntry("history", 250).containsEntry("maxItems", 40)
                .containsEntry("desktopJvmArgs", List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        // A value that starts with a dash, as the README's AppCDS example passes it, is the flag's value.
        assertThat(BenchOptions.of(NO_ENV, "desktop", "--desktop-jvm-args", "-XX:SharedArchiveFile=/tmp/app.jsa")
                .desktop.jvmArgs()).containsExactly("-XX:SharedArchiveFile=/tmp/app.jsa");
    }

    @Test
    void desktopDefaultsAreTheWelcomesSizes() {
        BenchOptions o = BenchOptions.of(NO_ENV, "desktop");
        assertThat(o.desktop.runs).isEqualTo(5);
        assertThat(o.desktop.history).isEqualTo(100);
        assertThat(o.maxItems).isEqualTo(100);
        assertThat(o.desktop.jar).isEqualTo(Path.of("desktop-client/target/tandem-desktop.jar"));
        assertThat(o.desktop.jvmArgs()).isEmpty();
        assertThat(o.desktop.startTimeoutSeconds).isEqualTo(120);
        assertThat(o.desktop.workDir).isNull();
        assertThat(BenchOptions.of(NO_ENV, "desktop", "--desktop-jvm-args", "").desktop.jvmArgs()).isEmpty();
        // An empty account (on an empty server: an empty saved copy) is a start worth timing too.
        BenchOptions empty = BenchOptions.of(NO_ENV, "desktop", "--history", "0", "--max-items", "0");
        assertThat(empty.desktop.history).isZero();
        assertThat(empty.maxItems).isZero();
    }

    @Test
    void helpListsEveryFlagOnceAndSaysUsageOnce() {
        for (String flag : List.of("--help", "-h")) {
            Cli.Exit exit = BenchOptions.parse(new String[] {flag}, NO_ENV).exit();
            assertThat(exit.code()).isZero();
            assertThat(exit.text()).startsWith("Tandem's load generator").contains(
                    "Usage: java -jar tandem-bench.jar SCENARIO [flags]",
                    "       java -jar tandem-bench.jar summarize RESULTS_DIR",
                    "--url URL", "--secret S", "TANDEM_CLUSTER_SECRET", "--room-size M", "--desktop-jar FILE",
                    "TANDEM_BENCH_PASSWORD");
            // picocli wraps the parameter's description to the width the longest flag leaves.
            assertThat(exit.text().replaceAll("\\s+", " ")).contains("one of: fanout, rooms, connections, signins, todos,");
            assertThat(exit.text()).doesNotContain("Usage: Usage:");
        }
    }

    @Test
    void versionComesFromTheManifest() {
        Cli.Exit exit = BenchOptions.parse(new String[] {"--version"}, NO_ENV).exit();
        assertThat(exit.code()).isZero();
        // target/classes has no manifest: "dev"; BenchJarIT checks the shaded jar's, the pom's version.
        assertThat(exit.text()).isEqualTo("tandem-bench dev");
    }

    @Test
    void eachMistakeGetsOneLineNamingIt() {
        assertError(new String[] {}, "Missing required parameter: 'SCENARIO'");
        assertError(new String[] {"fanin"}, "expected one of [fanout, rooms, connections, signins, todos, desktop, flood]"
                + " (case-sensitive) but was 'fanin'");
        assertError(new String[] {"fanout", "flood", "--secret", "x"}, "Unmatched argument at index 1: 'flood'");
        assertError(new String[] {"fanout", "--clients", "-3", "--secret", "x"},
                "--clients must be a positive whole number, got -3");
        assertError(new String[] {"fanout", "--clients", "many", "--secret", "x"},
                "Invalid value for option '--clients': 'many' is not an int");
        assertError(new String[] {"fanout", "--rate", "fast", "--secret", "x"},
                "Invalid value for option '--rate': 'fast' is not a double");
        assertError(new String[] {"fanout", "--rate", "0", "--secret", "x"}, "--rate must be above zero");
        assertError(new String[] {"fanout", "--warmup", "-1", "--secret", "x"}, "--warmup must be a non-negative number");
        assertError(new String[] {"fanout", "--duration", "Infinity", "--secret", "x"},
                "--duration must be a non-negative number");
        assertError(new String[] {"fanout", "--clients", "2", "--senders", "5", "--secret", "x"}, "cannot exceed --clients");
        assertError(new String[] {"fanout", "--size", "10", "--secret", "x"}, "at least 48");
        assertError(new String[] {"fanout", "--size", "2001", "--secret", "x"}, "--size must be at most 2000");
        assertError(new String[] {"fanout", "--url", "http://x/ws", "--secret", "x"},
                "Invalid value for option '--url' (URL): must be ws://host:port/... or wss://..., got http://x/ws");
        assertError(new String[] {"fanout", "--protocol", "mqtt", "--secret", "x"}, "Invalid value for option '--protocol'");
        assertError(new String[] {"fanout", "--user-prefix", "Bench", "--secret", "x"}, "--user-prefix must be lowercase");
        assertError(new String[] {"fanout", "--bogus", "1"}, "Unknown options: '--bogus', '1'");
        assertError(new String[] {"fanout", "--clients"}, "Missing required parameter for option '--clients' (N)");
        assertError(new String[] {"signins", "--protocol", "socketio"}, "Socket.IO has none");
        assertError(new String[] {"connections", "--pid", "oops", "--secret", "x"},
                "--pid wants NAME=PID, got 'oops'");
        assertError(new String[] {"connections", "--pid", "s1=0", "--secret", "x"}, "--pid wants NAME=PID with a positive PID, got 's1=0'");
        assertError(new String[] {"connections", "--pid", "s1=x", "--secret", "x"}, "--pid wants NAME=PID with a positive PID, got 's1=x'");
        assertError(new String[] {"todos", "--protocol", "socketio"}, "Socket.IO peer has none");
        assertError(new String[] {"todos", "--max-items", "1001", "--secret", "x"}, "--max-items must be at most 1000");
        assertError(new String[] {"todos", "--max-items", "0", "--secret", "x"}, "--max-items must be a positive");
        assertError(new String[] {"flood", "--secret", "x"}, "flood takes two --url");
        assertError(new String[] {"desktop", "--runs", "0"}, "--runs must be a positive whole number");
        assertError(new String[] {"desktop", "--history", "many"}, "Invalid value for option '--history': 'many' is not an int");
        assertError(new String[] {"desktop", "--history", "-1"}, "--history must be a whole number, 0 or more");
        assertError(new String[] {"desktop", "--max-items", "-1"}, "--max-items must be a whole number, 0 or more");
        assertError(new String[] {"desktop", "--history", "1001"}, "--history must be at most 1000");
        assertError(new String[] {"desktop", "--max-items", "1001"}, "--max-items must be at most 1000");
        assertError(new String[] {"desktop", "--start-timeout", "0"}, "--start-timeout must be above zero");
        assertError(new String[] {"desktop", "--url", "ws://a:1/ws", "--url", "ws://b:1/ws"}, "desktop takes one --url");
        assertError(new String[] {"desktop", "--protocol", "socketio"}, "only the tandem protocol");
        assertError(new String[] {"desktop", "--runs"}, "Missing required parameter for option '--runs' (R)");
    }

    @Test
    void theClusterSecretComesFromTheFlagOrItsTwin() {
        assertError(new String[] {"fanout"}, "the cluster secret is needed to mint resume tokens");
        Function<String, String> env = Map.of("TANDEM_CLUSTER_SECRET", " from-env ")::get;
        assertThat(BenchOptions.of(env, "fanout").secret).isEqualTo("from-env");
        assertThat(BenchOptions.of(env, "fanout", "--secret", "from-flag").secret).isEqualTo("from-flag");
        // The Socket.IO peer and the password scenarios mint no tokens.
        assertThat(BenchOptions.of(NO_ENV, "fanout", "--protocol", "socketio").secret).isNull();
        assertThat(BenchOptions.of(NO_ENV, "signins").needsResumeTokens()).isFalse();
    }

    @Test
    void theJarsExitCodesAreTheOthersOnes() {
        Cli.Exit exit = BenchOptions.parse(new String[] {"fanout", "--clients", "0", "--secret", "x"}, NO_ENV).exit();
        assertThat(exit.code()).isEqualTo(Cli.EXIT_USAGE).isEqualTo(2);
        assertThatThrownBy(() -> BenchOptions.of(NO_ENV, "fanout", "--clients", "0", "--secret", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tandem-bench: --clients");
    }

    /** A usage error: exit 2, one line "tandem-bench: <message>" naming the mistake, then the hint. */
    private static void assertError(String[] args, String message) {
        Cli.Exit exit = BenchOptions.parse(args, NO_ENV).exit();
        assertThat(exit).as("exit of %s", List.of(args)).isNotNull();
        assertThat(exit.code()).isEqualTo(2);
        String[] lines = exit.text().split("\n");
        assertThat(lines).as("lines of %s", exit.text()).hasSize(2);
        assertThat(lines[0]).startsWith("tandem-bench: ").contains(message);
        assertThat(lines[1]).isEqualTo("Try --help.");
    }
}
