package dev.tandem.system.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.status.StatusReport;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ResumeTokens;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.support.Await;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Redis outage through the real proxy: while the Redis every server shares is down, both servers' health
 * fails with the shared cause, and the proxy keeps both in routing and every tunnel open — 0 disconnects over
 * 10 s of outage (50 health checks per backend at 200 ms) — while requests that need Redis are answered
 * {@code unavailable}; when Redis is back (empty) the servers pass again, the same connections go on, and a
 * chat message reaches every window on both servers.
 */
@Timeout(120)
class RedisOutageIT {
    private static final ResumeTokens TOKENS = new ResumeTokens(ServerConfig.TEST_SECRET.getBytes(StandardCharsets.UTF_8));
    private static final int CHECKS_DURING_OUTAGE = 50;

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2).withRestartableRedis();
    private static LoadBalancer lb;

    @BeforeAll
    static void start() throws Exception {
        lb = LoadBalancer.start(LbConfig.defaults(List.of(
                        new BackendSpec("s1", "127.0.0.1", cluster.port(1)),
                        new BackendSpec("s2", "127.0.0.1", cluster.port(2))))
                .withListen("127.0.0.1", 0)
                .withHealth(Duration.ofMillis(200), Duration.ofSeconds(2), 2, 2));
    }

    @AfterAll
    static void stop() {
        if (lb != null) {
            lb.stop();
        }
    }

    @Test
    void aRedisOutageDisconnectsNobodyThroughTheProxy() throws Exception {
        List<TestClient> windows = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                String user = TandemCluster.newUser("out" + i);
                TestClient window = TestClient.connect(lb.port(), user);
                window.send(new ClientMessage.Resume(Protocol.VERSION, TOKENS.mint(user, Instant.now(), Duration.ofHours(1))));
                window.next(ServerMessage.Welcome.class);
                windows.add(window);
            }
            assertThat(tunnels()).isEqualTo(6);

            cluster.stopRedis();
            for (int server = 1; server <= 2; server++) {
                int port = cluster.port(server);
                Http.awaitGet(port, "/health", Duration.ofSeconds(20), r -> r.statusCode() == 503
                        && r.headers().firstValue("X-Tandem-Shared-Cause").orElse("").equals("redis"));
            }
            double s1Checks = checks("s1");
            double s2Checks = checks("s2");
            // A request that needs Redis is answered, not dropped, and the connection stays.
            windows.get(0).send(new ClientMessage.ChatSend("during", "while Redis is down"));
            assertThat(windows.get(0).await(ServerMessage.Error.class, e -> "during".equals(e.ref())).code())
                    .isEqualTo("unavailable");
            Await.until(Duration.ofSeconds(60), CHECKS_DURING_OUTAGE + " health checks of each backend during the outage",
                    () -> {
                        assertThat(windows).as("no window is disconnected during the outage").noneMatch(TestClient::isClosed);
                        assertThat(lb.status().backends()).as("both backends stay in routing").allMatch(StatusReport.BackendStatus::healthy);
                        return checks("s1") - s1Checks >= CHECKS_DURING_OUTAGE && checks("s2") - s2Checks >= CHECKS_DURING_OUTAGE;
                    });
            assertThat(tunnels()).isEqualTo(6);

            cluster.startRedisAgain();
            for (int server = 1; server <= 2; server++) {
                Http.awaitGet(cluster.port(server), "/health", Duration.ofSeconds(30), r -> r.statusCode() == 200);
            }
            for (TestClient window : windows) {
                assertThat(window.isClosed()).isFalse();
                window.send(new ClientMessage.Ping("after"));
                window.await(ServerMessage.Pong.class, p -> "after".equals(p.nonce()));
            }
            assertThat(tunnels()).isEqualTo(6);
            // Redis came back empty (it keeps nothing on disk here): chat goes on, on both servers, to everyone.
            windows.get(0).send(new ClientMessage.ChatSend("back", "after the outage"));
            for (TestClient window : windows) {
                assertThat(window.await(dev.tandem.model.ChatMessage.class, m -> "back".equals(m.clientId())).text())
                        .isEqualTo("after the outage");
            }
        } finally {
            windows.forEach(TestClient::close);
        }
    }

    private static int tunnels() {
        return lb.status().totals().tunnels();
    }

    private static double checks(String backend) {
        Matcher m = Pattern.compile("(?m)^tandem_lb_health_check_seconds_count\\{backend=\"" + backend + "\"} (\\S+)$")
                .matcher(lb.metrics().scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
