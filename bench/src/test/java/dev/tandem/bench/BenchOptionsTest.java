package dev.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void parsesEveryKindOfFlag() {
        BenchOptions o = BenchOptions.parse(new String[] {"fanout", "--url", "ws://127.0.0.1:9/ws",
                "--url=ws://127.0.0.1:10/ws", "--clients", "20", "--senders", "2", "--rate", "12.5", "--size", "64",
                "--warmup", "0", "--duration", "2", "--secret", "s3cret", "--pid", "s1=123", "--label", "direct"});
        assertThat(o.scenario).isEqualTo(BenchOptions.Scenario.fanout);
        assertThat(o.urls).containsExactly(URI.create("ws://127.0.0.1:9/ws"), URI.create("ws://127.0.0.1:10/ws"));
        assertThat(o.urlFor(3)).isEqualTo(URI.create("ws://127.0.0.1:10/ws"));
        assertThat(o.clients).isEqualTo(20);
        assertThat(o.rate).isEqualTo(12.5);
        assertThat(o.warmupSeconds).isZero();
        assertThat(o.pids).containsEntry("s1", 123L);
        assertThat(o.describe()).doesNotContainKey("secret").doesNotContainValue("s3cret");
    }

    @Test
    void roomsFlagsAreParsedAndChecked() {
        BenchOptions o = BenchOptions.parse(new String[] {"rooms", "--clients", "1000", "--rooms", "100",
                "--room-size", "10", "--big-rate", "5", "--big-senders", "3", "--secret", "s"});
        assertThat(o.scenario).isEqualTo(BenchOptions.Scenario.rooms);
        assertThat(o.rooms).isEqualTo(100);
        assertThat(o.roomSize).isEqualTo(10);
        assertThat(o.bigRate).isEqualTo(5);
        assertThat(o.bigSenders).isEqualTo(3);
        assertThat(o.describe()).containsEntry("rooms", 100).containsEntry("roomSize", 10);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"rooms", "--clients", "50", "--rooms", "10",
                "--room-size", "6", "--secret", "s"})).hasMessageContaining("cannot exceed --clients (50)");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"rooms", "--protocol", "socketio", "--secret", "s"}))
                .hasMessageContaining("Socket.IO peer has none");
    }

    @Test
    void desktopFlagsNeedNoClusterSecret() {
        BenchOptions o = BenchOptions.parse(new String[] {"desktop", "--url", "ws://127.0.0.1:19080/ws",
                "--desktop-jar", "/tmp/app.jar", "--desktop-jvm-args", " -Xmx256m  -XX:TieredStopAtLevel=1 ",
                "--runs", "3", "--history", "250", "--max-items", "40", "--start-timeout", "30", "--work-dir", "/tmp/w"});
        assertThat(o.scenario).isEqualTo(BenchOptions.Scenario.desktop);
        assertThat(o.desktopJar).isEqualTo(java.nio.file.Path.of("/tmp/app.jar"));
        assertThat(o.desktopJvmArgs).containsExactly("-Xmx256m", "-XX:TieredStopAtLevel=1");
        assertThat(o.runs).isEqualTo(3);
        assertThat(o.history).isEqualTo(250);
        assertThat(o.maxItems).isEqualTo(40);
        assertThat(o.startTimeoutSeconds).isEqualTo(30);
        assertThat(o.workDir).isEqualTo(java.nio.file.Path.of("/tmp/w"));
        assertThat(o.describe()).containsEntry("runs", 3).containsEntry("history", 250).containsEntry("maxItems", 40)
                .containsEntry("desktopJvmArgs", java.util.List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    }

    @Test
    void desktopDefaultsAreTheWelcomesSizes() {
        BenchOptions o = BenchOptions.parse(new String[] {"desktop"});
        assertThat(o.runs).isEqualTo(5);
        assertThat(o.history).isEqualTo(100);
        assertThat(o.maxItems).isEqualTo(100);
        assertThat(o.desktopJar).isEqualTo(java.nio.file.Path.of("desktop-client/target/tandem-desktop.jar"));
        assertThat(o.desktopJvmArgs).isEmpty();
        assertThat(o.workDir).isNull();
        assertThat(BenchOptions.parse(new String[] {"desktop", "--desktop-jvm-args", ""}).desktopJvmArgs).isEmpty();
        // An empty account (on an empty server: an empty saved copy) is a start worth timing too.
        BenchOptions empty = BenchOptions.parse(new String[] {"desktop", "--history", "0", "--max-items", "0"});
        assertThat(empty.history).isZero();
        assertThat(empty.maxItems).isZero();
    }

    @Test
    void helpReturnsNull() {
        assertThat(BenchOptions.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void eachMistakeGetsItsOwnMessage() {
        assertError(new String[] {}, "name a scenario");
        assertError(new String[] {"fanin"}, "unknown scenario 'fanin'");
        assertError(new String[] {"fanout", "--clients", "-3", "--secret", "x"}, "--clients must be a positive whole number");
        assertError(new String[] {"fanout", "--rate", "fast", "--secret", "x"}, "--rate must be a non-negative number");
        assertError(new String[] {"fanout", "--clients", "2", "--senders", "5", "--secret", "x"}, "cannot exceed --clients");
        assertError(new String[] {"fanout", "--size", "10", "--secret", "x"}, "at least 48");
        assertError(new String[] {"fanout", "--url", "http://x/ws", "--secret", "x"}, "--url must be ws://");
        assertError(new String[] {"fanout", "--bogus", "1"}, "unknown flag --bogus");
        assertError(new String[] {"fanout", "--clients"}, "--clients needs a value");
        assertError(new String[] {"signins", "--protocol", "socketio"}, "Socket.IO has none");
        assertError(new String[] {"connections", "--pid", "oops"}, "--pid wants NAME=PID");
        assertError(new String[] {"todos", "--protocol", "socketio"}, "Socket.IO peer has none");
        assertError(new String[] {"todos", "--max-items", "1001", "--secret", "x"}, "--max-items must be at most 1000");
        assertError(new String[] {"todos", "--max-items", "0", "--secret", "x"}, "--max-items must be a positive");
        assertError(new String[] {"desktop", "--runs", "0"}, "--runs must be a positive whole number");
        assertError(new String[] {"desktop", "--history", "many"}, "--history must be a whole number, 0 or more");
        assertError(new String[] {"desktop", "--max-items", "-1"}, "--max-items must be a whole number, 0 or more");
        assertError(new String[] {"desktop", "--history", "1001"}, "--history must be at most 1000");
        assertError(new String[] {"desktop", "--max-items", "1001"}, "--max-items must be at most 1000");
        assertError(new String[] {"desktop", "--start-timeout", "0"}, "--start-timeout must be above zero");
        assertError(new String[] {"desktop", "--url", "ws://a:1/ws", "--url", "ws://b:1/ws"}, "desktop takes one --url");
        assertError(new String[] {"desktop", "--protocol", "socketio"}, "only the tandem protocol");
        assertError(new String[] {"desktop", "--runs"}, "--runs needs a value");
    }

    @Test
    void tandemLoadNeedsTheClusterSecretUnlessTheEnvironmentHasIt() {
        if (System.getenv("TANDEM_CLUSTER_SECRET") == null) {
            assertError(new String[] {"fanout"}, "cluster secret");
        }
        assertThat(BenchOptions.parse(new String[] {"fanout", "--protocol", "socketio"}).secret)
                .isEqualTo(System.getenv("TANDEM_CLUSTER_SECRET"));
    }

    private static void assertError(String[] args, String message) {
        assertThatThrownBy(() -> BenchOptions.parse(args)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
