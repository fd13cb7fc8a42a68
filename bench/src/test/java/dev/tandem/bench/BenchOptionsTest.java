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
