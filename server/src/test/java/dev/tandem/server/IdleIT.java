package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.metrics.PrometheusText;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The idle timeout counts what the client sends, not what it receives: a signed-in window that never sends
 * is closed with 4002 although chat keeps flowing to it, while a window that pings stays open. (The server
 * here uses a 2 s timeout instead of 60 s, so the test takes seconds.)
 */
@Timeout(60)
class IdleIT {
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withIdleTimeout(IDLE).withRateLimit(100, 100));

    @Test
    void aWindowThatOnlyListensIsClosedWith4002AndOneThatPingsStaysOpen() throws Exception {
        try (TestClient silent = TestClient.signIn(cluster.port(1), newUser("silent"), PASSWORD);
             TestClient pinging = TestClient.signIn(cluster.port(1), newUser("pinging"), PASSWORD)) {
            // Pinging every quarter of the timeout, and chatting, so frames keep flowing to the silent window too.
            int round = 0;
            while (!silent.isClosed()) {
                assertThat(round).as("the silent window is closed within a few timeouts").isLessThan(40);
                pinging.ask(new ClientMessage.ChatSend("c" + round, "still here " + round), ChatMessage.class);
                pinging.send(new ClientMessage.Ping("n" + round));
                pinging.await(ServerMessage.Pong.class, p -> p.nonce() != null && p.nonce().startsWith("n"));
                pinging.poll(IDLE.toMillis() / 4); // the client's ping interval, reading meanwhile
                round++;
            }
            assertThat(silent.awaitClose()).isEqualTo(CloseCodes.IDLE);
            assertThat(pinging.isClosed()).isFalse();
            pinging.ask(new ClientMessage.ChatSend("after", "still open"), ChatMessage.class);
            assertThat(PrometheusText.parse(cluster.server(1).metrics().scrape())
                    .sum("tandem_connections_cut_total", "reason", "idle")).isEqualTo(1);
        }
    }
}
