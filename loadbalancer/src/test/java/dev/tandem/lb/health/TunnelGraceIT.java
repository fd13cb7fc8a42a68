package dev.tandem.lb.health;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.support.Affinity;
import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import dev.tandem.lb.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.tandem.lb.support.TestBackend.ID_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend whose {@code /health} stops answering (too busy, not dead) while its WebSockets keep working: it
 * leaves routing at once, but the proxy keeps its tunnels for the grace, keeps them for good if it comes back
 * in time, closes them after the grace if it does not, and at once if it then fails hard. The hard-down cases
 * (503, refused) are in {@link BackendFailureIT}.
 */
@Timeout(60)
class TunnelGraceIT {
    private static final Duration FEW_SECONDS = Duration.ofSeconds(5);
    // Checks every 100 ms, 300 ms to answer: a hanging /health is down after about 0.8 s.
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(300);
    private TestBackend s1;
    private TestBackend s2;
    private LoadBalancer lb;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startBackends() throws Exception {
        s1 = TestBackend.start("s1");
        s2 = TestBackend.start("s2");
    }

    @AfterEach
    void stop() {
        if (lb != null) {
            lb.stop();
        }
        s1.close();
        s2.close();
    }

    private void startProxy(Duration grace) {
        lb = Proxies.start(Proxies.config(s1, s2).withHealth(INTERVAL, CHECK_TIMEOUT, 2, 2).withTunnelCloseGrace(grace));
    }

    private boolean s1Healthy() {
        return lb.status().backends().get(0).healthy();
    }

    private boolean s1TunnelsOnGrace() {
        return lb.status().backends().get(0).tunnelsOnGrace();
    }

    private int s1Tunnels() {
        return lb.status().backends().get(0).tunnels();
    }

    private WsClient tunnel(String user) throws Exception {
        return WsClient.connect(http, "ws://127.0.0.1:" + lb.port() + "/ws?user=" + user).get(10, TimeUnit.SECONDS);
    }

    private static void assertEchoes(WsClient ws, String text) throws InterruptedException {
        ws.socket().sendText(text, true);
        assertThat(ws.nextText()).isEqualTo(text);
    }

    @Test
    void aBackendThatOnlyTimesOutLeavesRoutingButKeepsItsTunnelsWhenItRecoversWithinTheGrace() throws Exception {
        Duration grace = Duration.ofSeconds(4); // room for the steps below and a rise on a busy machine
        startProxy(grace);
        String onS1 = Affinity.userOn("s1");
        WsClient ws = tunnel(onS1);
        Await.until(FEW_SECONDS, "tunnel open on s1", () -> s1.openWebSockets() == 1);

        s1.setHealthHangs(true);
        Await.until(FEW_SECONDS, "s1 marked down by check timeouts", () -> !s1Healthy());
        long downSeen = System.nanoTime();

        // Out of routing for new connections at once...
        assertThat(Affinity.backendServing(lb.port(), onS1)).isEqualTo("s2");
        WsClient newcomer = tunnel(onS1);
        Await.until(FEW_SECONDS, "a new WebSocket of the same user lands on s2", () -> s2.openWebSockets() == 1);
        // ...but the tunnel it holds is still open and carries frames.
        assertEchoes(ws, "still relayed while s1 is down");
        assertThat(s1Tunnels()).isEqualTo(1);
        assertThat(s1TunnelsOnGrace()).as("status shows the tunnels waiting out the grace").isTrue();

        s1.setHealthHangs(false);
        Await.until(FEW_SECONDS, "s1 up again", () -> s1Healthy());
        assertThat(s1TunnelsOnGrace()).isFalse();
        assertThat(Affinity.backendServing(lb.port(), onS1)).isEqualTo("s1");

        // Past the end of the grace (two checks that arrived after it, so the checker's loop has passed its
        // deadline and run the timer), the tunnel is still there.
        long afterGrace = downSeen + grace.toNanos();
        Await.until(Duration.ofSeconds(10), "a check after the grace ended", () -> s1.lastHealthCheckNanos() > afterGrace);
        int checks = s1.healthChecks();
        Await.until(FEW_SECONDS, "one more check", () -> s1.healthChecks() > checks + 1);
        assertThat(ws.ended).as("the proxy never closed the tunnel").isNotDone();
        assertThat(s1.openWebSockets()).isEqualTo(1);
        assertThat(s1Tunnels()).isEqualTo(1);
        assertEchoes(ws, "still relayed after the grace");
        ws.socket().abort();
        newcomer.socket().abort();
    }

    @Test
    void aBackendThatStaysUnresponsiveHasItsTunnelsClosedWhenTheGraceEnds() throws Exception {
        Duration grace = Duration.ofMillis(1500);
        startProxy(grace);
        String onS1 = Affinity.userOn("s1");
        String onS2 = Affinity.userOn("s2");
        WsClient victim = tunnel(onS1);
        WsClient bystander = tunnel(onS2);
        Await.until(FEW_SECONDS, "one tunnel on each backend", () -> s1.openWebSockets() == 1 && s2.openWebSockets() == 1);

        long hangAt = System.nanoTime();
        s1.setHealthHangs(true);
        Await.until(FEW_SECONDS, "s1 marked down by check timeouts", () -> !s1Healthy());

        assertThat(victim.ended.get(10, TimeUnit.SECONDS)).as("the proxy closed the tunnel").isNotBlank();
        long closedAfter = System.nanoTime() - hangAt;
        assertThat(Duration.ofNanos(closedAfter)).as("not before the grace had passed").isGreaterThanOrEqualTo(grace);
        Await.until(FEW_SECONDS, "s1's end of the tunnel closed by the proxy", () -> s1.openWebSockets() == 0);
        assertThat(s1Healthy()).isFalse();
        assertThat(s1Tunnels()).isZero();
        assertThat(s1TunnelsOnGrace()).isFalse();

        assertThat(bystander.ended).as("the other backend's tunnel is untouched").isNotDone();
        assertEchoes(bystander, "still here");
        bystander.socket().abort();
    }

    @Test
    void aHardFailureDuringTheGraceClosesTheTunnelsAtOnce() throws Exception {
        startProxy(Duration.ofSeconds(60)); // far longer than this test may take
        String onS1 = Affinity.userOn("s1");
        WsClient ws = tunnel(onS1);
        Await.until(FEW_SECONDS, "tunnel open on s1", () -> s1.openWebSockets() == 1);

        s1.setHealthHangs(true);
        Await.until(FEW_SECONDS, "s1 marked down by check timeouts", () -> !s1Healthy());
        assertEchoes(ws, "kept during the grace");

        s1.setHealthy(false); // /health answers again, with 503: the server says it is broken
        s1.setHealthHangs(false);

        assertThat(ws.ended.get(10, TimeUnit.SECONDS)).as("closed long before the 60 s grace").isNotBlank();
        Await.until(FEW_SECONDS, "s1's end of the tunnel closed by the proxy", () -> s1.openWebSockets() == 0);
        assertThat(s1Healthy()).isFalse();
    }
}
