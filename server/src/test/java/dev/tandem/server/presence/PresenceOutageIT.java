package dev.tandem.server.presence;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.Await;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presence through a Redis outage: Redis stopped, a window closes meanwhile, Redis comes back empty. The
 * session path never notices (windows stay connected, the close is handled in memory), and once Redis answers
 * again every server converges: the user who left is offline, and those who stayed never flickered offline
 * although Redis lost every presence key.
 */
@Timeout(120)
class PresenceOutageIT {
    private static final String PASSWORD = "correct horse battery";
    private static final Duration BACK = Duration.ofSeconds(30);

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2).withRestartableRedis();

    private static void awaitHealth(int status) {
        for (int i = 1; i <= 2; i++) {
            Http.awaitGet(cluster.port(i), "/health", BACK, r -> r.statusCode() == status);
        }
    }

    @Test
    void afterAnOutageEveryServerConvergesWithoutFlickeringAndTheSessionPathNeverNoticed() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String carol = newUser("carol");
        try (TestClient aliceWindow = TestClient.signIn(cluster.port(1), alice, PASSWORD);
             TestClient bobWindow = TestClient.signIn(cluster.port(2), bob, PASSWORD)) {
            SeenOnline seen = new SeenOnline(aliceWindow);
            SeenOnline seenOnS2 = new SeenOnline(bobWindow);
            TestClient carolWindow = TestClient.signIn(cluster.port(2), carol, PASSWORD);
            seen.await("bob and carol online", BACK, online -> online.contains(bob) && online.contains(carol));
            seenOnS2.awaitOnline(alice);

            cluster.stopRedis();
            awaitHealth(503);
            Await.until(BACK, "both servers' presence ticks found Redis gone", () ->
                    !cluster.server(1).presence().redisAnswering() && !cluster.server(2).presence().redisAnswering());
            carolWindow.close();
            Await.until(BACK, "s2 handled carol's close without Redis", () -> cluster.server(2).presence().windows(carol) == 0);
            aliceWindow.send(new ClientMessage.Ping("still-here"));
            assertThat(aliceWindow.next(ServerMessage.Pong.class).nonce()).isEqualTo("still-here");

            cluster.startRedisAgain();
            awaitHealth(200);
            Await.until(BACK, "both servers' presence ticks reach Redis again", () ->
                    cluster.server(1).presence().redisAnswering() && cluster.server(2).presence().redisAnswering());
            seen.awaitOffline(carol);
            assertThat(seen.online()).contains(alice, bob);
            seenOnS2.awaitOffline(carol);
            // Whichever server reached Redis first found the other's key missing: neither flickered.
            assertThat(seen.reportedOffline()).as("bob stayed online while Redis had lost every presence key")
                    .doesNotContain(bob);
            assertThat(seenOnS2.reportedOffline()).as("alice too").doesNotContain(alice);

            String dave = newUser("dave");
            try (TestClient daveWindow = TestClient.signIn(cluster.port(1), dave, PASSWORD)) {
                assertThat(daveWindow.welcome().online()).contains(alice, bob, dave).doesNotContain(carol);
            }
            assertThat(bobWindow.isClosed()).isFalse();
        }
    }
}
