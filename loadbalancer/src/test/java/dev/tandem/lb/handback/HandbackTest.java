package dev.tandem.lb.handback;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.routing.Router;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduling piece on frozen time: each tunnel's close runs on its own event loop at its turn in the
 * spread, and a tunnel whose key no longer maps to the returned backend at its turn is skipped. Embedded
 * channels (one event loop each, time frozen and advanced by the test) make the order exact; the same
 * behaviour on real sockets is in {@code HandbackIT}.
 */
class HandbackTest {
    private static final List<String> IDS = List.of("s1", "s2");
    private final Backend s1 = new Backend(new BackendSpec("s1", "127.0.0.1", 7001));
    private final Backend s2 = new Backend(new BackendSpec("s2", "127.0.0.1", 7002));
    private final Router router = new Router(List.of(s1, s2));
    private final List<EmbeddedChannel> clients = new ArrayList<>();

    /** {@code n} tunnels on s2 of distinct keys that s1 wins. */
    private void tunnelsOnS2ThatBelongToS1(int n) {
        for (int i = 0; i < n; i++) {
            EmbeddedChannel ch = new EmbeddedChannel();
            ch.freezeTime();
            s2.trackTunnel(ch, Keys.winningOn("k", "s1", IDS, i));
            clients.add(ch);
        }
    }

    /** Moves every channel's clock on and runs what is due. */
    private void advance(long millis) {
        for (EmbeddedChannel ch : clients) {
            ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
            ch.runPendingTasks();
        }
    }

    private long closed() {
        return clients.stream().filter(ch -> !ch.isActive()).count();
    }

    @Test
    void closesComeOneAtATimeOverTheSpread() {
        tunnelsOnS2ThatBelongToS1(4); // 4 s spread: turns at 0, 1, 2 and 3 s
        new Handback(router, true, Duration.ofSeconds(4)).backendUp(s1);
        assertThat(s1.handbackPending()).isEqualTo(4);

        advance(0);
        assertThat(closed()).as("the first at once").isEqualTo(1);
        advance(999);
        assertThat(closed()).isEqualTo(1);
        advance(1);
        assertThat(closed()).isEqualTo(2);
        advance(2000);
        assertThat(closed()).isEqualTo(4);
        assertThat(s1.handedBack()).isEqualTo(4);
        assertThat(s1.handbackPending()).isZero();
        assertThat(s2.tunnels()).isZero();
    }

    @Test
    void aBackendDownAgainBeforeATunnelsTurnKeepsThatTunnelWhereItIs() {
        tunnelsOnS2ThatBelongToS1(4);
        new Handback(router, true, Duration.ofSeconds(4)).backendUp(s1);
        advance(1000);
        assertThat(closed()).isEqualTo(2);

        s1.setHealthy(false); // its keys map to s2 again
        advance(5000);

        assertThat(closed()).as("the two whose turn came after s1 went down stay").isEqualTo(2);
        assertThat(s2.tunnels()).isEqualTo(2);
        assertThat(s1.handedBack()).isEqualTo(2);
        assertThat(s1.handbackPending()).as("their turns came and were skipped").isZero();
    }

    @Test
    void aTunnelClosedBeforeItsTurnIsSkipped() {
        tunnelsOnS2ThatBelongToS1(3); // turns at 0, 1 and 2 s
        new Handback(router, true, Duration.ofSeconds(3)).backendUp(s1);
        advance(0);
        assertThat(closed()).isEqualTo(1);
        // One of the others is closed by its client before its turn. Through the pipeline: EmbeddedChannel.close()
        // would also cancel the channel's scheduled tasks, which a real event loop does not.
        clients.stream().filter(EmbeddedChannel::isActive).findFirst().orElseThrow().pipeline().close();
        advance(3000);
        assertThat(closed()).isEqualTo(3);
        assertThat(s1.handedBack()).as("the one that left by itself is not counted").isEqualTo(2);
        assertThat(s1.handbackPending()).isZero();
    }

    @Test
    void zeroSpreadClosesAllAtOnce() {
        tunnelsOnS2ThatBelongToS1(5);
        new Handback(router, true, Duration.ZERO).backendUp(s1);
        advance(0);
        assertThat(closed()).isEqualTo(5);
        assertThat(s1.handedBack()).isEqualTo(5);
    }

    @Test
    void turnedOffItTouchesNothing() {
        tunnelsOnS2ThatBelongToS1(2);
        new Handback(router, false, Duration.ZERO).backendUp(s1);
        advance(10_000);
        assertThat(closed()).isZero();
        assertThat(s1.handbackPending()).isZero();
        assertThat(s2.tunnels()).isEqualTo(2);
    }
}
