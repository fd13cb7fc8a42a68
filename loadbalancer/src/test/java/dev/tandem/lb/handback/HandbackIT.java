package dev.tandem.lb.handback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.status.StatusReport.BackendStatus;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handback on real sockets: s1 goes down (its {@code /health} answers 503), its users' new WebSockets land on
 * s2, s1 comes back, and the proxy closes exactly those tunnels so that their clients reconnect onto s1;
 * tunnels of s2's own users and keyless ones stay. Each test gets fresh backends and a proxy (checks every
 * 100 ms, down after 2 failures, up after 2 passes).
 */
@Timeout(60)
class HandbackIT {
    private static final Duration FEW_SECONDS = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestBackend s1;
    private TestBackend s2;
    private LoadBalancer lb;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WsClient> opened = new ArrayList<>();

    @BeforeEach
    void startBackends() throws Exception {
        s1 = TestBackend.start("s1");
        s2 = TestBackend.start("s2");
    }

    @AfterEach
    void stop() {
        opened.forEach(ws -> ws.socket().abort());
        if (lb != null) {
            lb.stop();
        }
        s1.close();
        s2.close();
    }

    private void startProxy(boolean handback, Duration spread) {
        lb = Proxies.start(Proxies.config(s1, s2).withHandback(handback, spread));
    }

    private BackendStatus status(String id) {
        return lb.status().backends().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    private WsClient tunnel(String pathAndQuery) throws Exception {
        WsClient ws = WsClient.connect(http, "ws://127.0.0.1:" + lb.port() + pathAndQuery).get(10, TimeUnit.SECONDS);
        opened.add(ws);
        return ws;
    }

    private static void assertEchoes(WsClient ws, String text) throws InterruptedException {
        ws.socket().sendText(text, true);
        assertThat(ws.nextText()).isEqualTo(text);
    }

    /** s1 out of routing on a hard failure (503): its own tunnels close at once, new ones go to s2. */
    private void takeS1Down() {
        s1.setHealthy(false);
        Await.until(FEW_SECONDS, "s1 marked down", () -> !status("s1").healthy());
    }

    private void bringS1Back() {
        s1.setHealthy(true);
        Await.until(FEW_SECONDS, "s1 up again", () -> status("s1").healthy());
    }

    @Test
    void aTunnelMovedWhileItsBackendWasDownIsClosedWhenItReturnsAndTheReconnectLandsThere() throws Exception {
        startProxy(true, Duration.ofMillis(500));
        String onS1 = Affinity.userOn("s1");
        WsClient s2sOwn = tunnel("/ws?user=" + Affinity.userOn("s2"));
        takeS1Down();
        WsClient moved = tunnel("/ws?user=" + onS1);
        WsClient keyless = tunnel("/ws/other"); // no user, no cookie: least-loaded (on /ws itself a 400)
        Await.until(FEW_SECONDS, "all three tunnels on s2", () -> s2.openWebSockets() == 3);
        assertEchoes(moved, "on s2 while s1 is down");

        bringS1Back();

        assertThat(moved.ended.get(10, TimeUnit.SECONDS)).as("the proxy closed the moved tunnel").isNotBlank();
        Await.until(FEW_SECONDS, "the handback done", () -> status("s1").handbackPending() == 0
                && status("s1").handedBack() == 1);
        Await.until(FEW_SECONDS, "s2's end of the moved tunnel closed too", () -> s2.openWebSockets() == 2);
        WsClient reconnected = tunnel("/ws?user=" + onS1);
        Await.until(FEW_SECONDS, "the reconnect landed on s1", () -> s1.openWebSockets() == 1);
        assertEchoes(reconnected, "back on s1");

        // The batch is over, so what it would have closed is closed: the others were left alone.
        assertThat(s2sOwn.ended).as("a tunnel whose key maps to s2 anyway").isNotDone();
        assertThat(keyless.ended).as("a keyless tunnel").isNotDone();
        assertEchoes(s2sOwn, "still on s2");
        assertEchoes(keyless, "still on s2 too");
        assertThat(status("s2").tunnels()).isEqualTo(2);
        JsonNode backends = JSON.readTree(RawHttp.exchange(lb.port(), RawHttp.get("/lb/status")).body()).get("backends");
        assertThat(backends.get(0).get("id").asText()).isEqualTo("s1");
        assertThat(backends.get(0).get("handedBack").asLong()).as("/lb/status counts it for s1").isEqualTo(1);
        assertThat(backends.get(0).get("handbackPending").asInt()).isZero();
        assertThat(backends.get(1).get("handedBack").asLong()).isZero();
    }

    @Test
    void withHandbackOffOpenTunnelsStayWhereTheyAre() throws Exception {
        startProxy(false, Duration.ZERO);
        String onS1 = Affinity.userOn("s1");
        takeS1Down();
        WsClient moved = tunnel("/ws?user=" + onS1);
        Await.until(FEW_SECONDS, "the tunnel on s2", () -> s2.openWebSockets() == 1);

        bringS1Back();
        WsClient fresh = tunnel("/ws?user=" + onS1);
        Await.until(FEW_SECONDS, "a new connection of the user goes to s1", () -> s1.openWebSockets() == 1);
        // With handback on, the close is due at once when s1 is up; a few more checks later it would have happened.
        int checks = s1.healthChecks();
        Await.until(FEW_SECONDS, "three more checks of s1", () -> s1.healthChecks() >= checks + 3);

        assertThat(moved.ended).as("the old tunnel stays on s2").isNotDone();
        assertEchoes(moved, "still on s2");
        assertEchoes(fresh, "on s1");
        assertThat(status("s1").handedBack()).isZero();
        assertThat(status("s2").tunnels()).isEqualTo(1);
    }

    @Test
    void theClosesAreSpreadOverTheWindow() throws Exception {
        int n = 20;
        startProxy(true, Duration.ofSeconds(1)); // turns every 50 ms, the last at 950 ms
        takeS1Down();
        Queue<Long> closedAt = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> ends = new ArrayList<>();
        for (String user : Affinity.usersOn("s1", n)) {
            WsClient ws = tunnel("/ws?user=" + user);
            ends.add(ws.ended.thenRun(() -> closedAt.add(System.nanoTime())));
        }
        Await.until(FEW_SECONDS, n + " tunnels on s2", () -> s2.openWebSockets() == n);

        bringS1Back();

        CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        Await.until(FEW_SECONDS, "the handback counted", () -> status("s1").handedBack() == n);
        assertThat(status("s1").handbackPending()).isZero();
        long first = closedAt.stream().min(Long::compare).orElseThrow();
        long last = closedAt.stream().max(Long::compare).orElseThrow();
        assertThat(Duration.ofNanos(last - first)).as("first to last close, planned 950 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        Await.until(FEW_SECONDS, "s2's ends closed", () -> s2.openWebSockets() == 0);
    }

    @Test
    void aBackendDownAgainBeforeATunnelsTurnKeepsThatTunnelWhereItIs() throws Exception {
        startProxy(true, Duration.ofSeconds(6)); // two tunnels: turns at 0 and 3 s
        takeS1Down();
        List<WsClient> moved = new ArrayList<>();
        for (String user : Affinity.usersOn("s1", 2)) {
            moved.add(tunnel("/ws?user=" + user));
        }
        Await.until(FEW_SECONDS, "both tunnels on s2", () -> s2.openWebSockets() == 2);

        bringS1Back();
        Await.until(FEW_SECONDS, "the first turn closed one tunnel", () -> status("s1").handedBack() == 1);
        takeS1Down(); // well before the second turn: 2 checks of 100 ms
        Await.until(Duration.ofSeconds(10), "the second turn came", () -> status("s1").handbackPending() == 0);

        assertThat(status("s1").handedBack()).isEqualTo(1);
        Await.until(FEW_SECONDS, "the first one's client saw its close", () -> moved.stream().anyMatch(ws -> ws.ended.isDone()));
        assertThat(moved.stream().filter(ws -> ws.ended.isDone()).count()).as("tunnels closed").isEqualTo(1);
        WsClient kept = moved.stream().filter(ws -> !ws.ended.isDone()).findFirst().orElseThrow();
        assertEchoes(kept, "still on s2, where its key maps again");
        assertThat(status("s2").tunnels()).isEqualTo(1);
    }
}
