package dev.tandem.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.metrics.PrometheusText;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One user's chat rate is bounded over all their connections and servers, and across reconnects: the
 * attacks of issue 16 (50 windows; a reconnect loop), on two real servers sharing a real Redis. What is
 * accepted can never exceed the bucket's burst plus its rate times the time the attempts took (measured
 * from the first send to the last answer, so a slow machine only loosens the bound), and everything over
 * it is answered {@code rate_limited} with a retry-after, never dropped without an answer.
 */
@Timeout(180)
class SharedRateIT {
    private static final String PASSWORD = "correct horse";
    private static final int RATE = 20;
    private static final int BURST = 40;

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2, config -> config.withRateLimit(RATE, BURST)
            .withLimits(AbuseLimits.unlimited().withUser(new Rate(RATE, BURST))));

    @Test
    void oneUsersChatOverFiftyConnectionsStaysWithinTheUserLimit() {
        String user = TandemCluster.newUser("many");
        List<TestClient> windows = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                windows.add(TestClient.signIn(cluster.port(1), user, PASSWORD));
            }
            double refusedBefore = refusedRateLimited();
            long start = System.nanoTime();
            // 20 each: within every connection's own burst (40), so only the shared limit can refuse.
            for (int i = 0; i < windows.size(); i++) {
                for (int j = 0; j < 20; j++) {
                    windows.get(i).send(new ClientMessage.ChatSend("w" + i + "-" + j, "hello " + j));
                }
            }
            Tally tally = new Tally();
            for (int i = 0; i < windows.size(); i++) {
                tally.collect(windows.get(i), "w" + i + "-", 20);
            }
            tally.assertWithinLimit(start, 1000);
            assertThat(refusedRateLimited() - refusedBefore).as("every refusal counted in the server's metrics")
                    .isEqualTo(tally.refused);
        } finally {
            windows.forEach(TestClient::close);
        }
    }

    @Test
    void aReconnectLoopOverBothServersStaysWithinTheUserLimit() {
        String user = TandemCluster.newUser("loop");
        Tally tally = new Tally();
        long start = System.nanoTime();
        for (int round = 0; round < 30; round++) {
            // Alternating servers: the bucket lives in Redis, not in a connection or a server.
            try (TestClient window = TestClient.signIn(cluster.port(1 + round % 2), user, PASSWORD)) {
                for (int j = 0; j < BURST; j++) {
                    window.send(new ClientMessage.ChatSend("r" + round + "-" + j, "again " + j));
                }
                tally.collect(window, "r" + round + "-", BURST);
            }
        }
        tally.assertWithinLimit(start, 30 * BURST);
    }

    /** Server 1's count of frames answered rate_limited, from its Prometheus scrape. */
    private static double refusedRateLimited() {
        return PrometheusText.parse(cluster.server(1).metrics().scrape())
                .sum("tandem_frames_refused_total", "code", "rate_limited");
    }

    /** The answers to a user's chat sends: each is either its message or rate_limited with a retry-after. */
    private static final class Tally {
        int accepted;
        int refused;

        void collect(TestClient window, String prefix, int count) {
            Set<String> open = new HashSet<>();
            for (int j = 0; j < count; j++) {
                open.add(prefix + j);
            }
            while (!open.isEmpty()) {
                ServerMessage m = window.next();
                if (m instanceof ChatMessage c && open.remove(c.clientId())) {
                    accepted++;
                } else if (m instanceof ServerMessage.Error e && open.contains(e.ref())) {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED.wire());
                    assertThat(e.retryAfterMs()).isNotNull().isPositive().isLessThanOrEqualTo(1000L * BURST / RATE);
                    open.remove(e.ref());
                    refused++;
                }
            }
        }

        void assertWithinLimit(long startNanos, int sent) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            assertThat(accepted + refused).isEqualTo(sent);
            assertThat(accepted).as("accepted in %.1f s", seconds).isPositive()
                    .isLessThanOrEqualTo((int) Math.ceil(BURST + RATE * seconds) + 1);
            assertThat(refused).isPositive();
        }
    }
}
