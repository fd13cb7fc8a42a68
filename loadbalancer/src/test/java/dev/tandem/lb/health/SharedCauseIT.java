package dev.tandem.lb.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.support.Affinity;
import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.TestBackend;
import dev.tandem.lb.support.WsClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Health failures with a shared cause (the app server's {@code X-Tandem-Shared-Cause: redis} on its 503):
 * when every backend fails for it, none leaves routing and no tunnel is cut, since moving users cannot help;
 * when one fails for it while another passes (that server alone lost Redis), it leaves routing and its tunnels
 * close after the grace, as for a backend that only times out.
 */
@Timeout(60)
class SharedCauseIT {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private TestBackend s1;
    private TestBackend s2;
    private LoadBalancer lb;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        s1 = TestBackend.start("s1");
        s2 = TestBackend.start("s2");
        s1.setSharedCause("redis");
        s2.setSharedCause("redis");
        lb = Proxies.start(Proxies.config(s1, s2).withHealth(INTERVAL, Duration.ofMillis(500), 2, 2).withTunnelCloseGrace(GRACE));
    }

    @AfterEach
    void stop() {
        lb.stop();
        s1.close();
        s2.close();
    }

    @Test
    void whenEveryBackendFailsForTheSharedCauseAllStayInRoutingWithTheirTunnels() throws Exception {
        WsClient onS1 = tunnel(Affinity.userOn("s1"));
        WsClient onS2 = tunnel(Affinity.userOn("s2"));
        s1.setHealthy(false);
        s2.setHealthy(false);
        int checks1 = s1.healthChecks();
        int checks2 = s2.healthChecks();
        // Forty checks each (four seconds, twice the grace): long enough to have gone down and cut tunnels.
        Await.until(Duration.ofSeconds(30), "40 failed checks of each backend", () -> {
            assertThat(lb.status().backends()).allMatch(b -> b.healthy() && !b.tunnelsOnGrace());
            assertThat(onS1.ended).isNotDone();
            assertThat(onS2.ended).isNotDone();
            return s1.healthChecks() - checks1 >= 40 && s2.healthChecks() - checks2 >= 40;
        });
        assertThat(lb.status().totals().tunnels()).isEqualTo(2);
        s1.setHealthy(true);
        s2.setHealthy(true);
        onS1.socket().sendText("still", true);
        assertThat(onS1.nextText()).isEqualTo("still");
    }

    @Test
    void whenOnlyOneFailsForItWhileAnotherPassesItsUsersMoveAfterTheGrace() throws Exception {
        WsClient onS1 = tunnel(Affinity.userOn("s1"));
        s1.setHealthy(false);
        Await.until(Duration.ofSeconds(10), "s1 out of routing", () -> !lb.status().backends().get(0).healthy());
        assertThat(lb.status().backends().get(0).tunnelsOnGrace()).as("kept for the grace, like a timeout").isTrue();
        assertThat(onS1.ended.get(GRACE.toMillis() * 5, TimeUnit.MILLISECONDS)).as("closed once the grace is over").isNotNull();
        assertThat(lb.status().backends().get(1).healthy()).isTrue();
    }

    private WsClient tunnel(String user) throws Exception {
        return WsClient.connect(http, "ws://127.0.0.1:" + lb.port() + "/ws?user=" + user).get(10, TimeUnit.SECONDS);
    }
}
