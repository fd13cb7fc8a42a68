package dev.tandem.lb.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.tandem.lb.support.TestBackend.ID_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend failing its health check, stopping, coming back, and refusing connections: users move to the
 * other backend within seconds, their tunnels are closed by the proxy, and recovery shows in /lb/status.
 * Each test gets fresh backends and a proxy (they start in milliseconds) because each one breaks something.
 */
@Timeout(60)
class BackendFailureIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FEW_SECONDS = Duration.ofSeconds(5);
    private TestBackend s1;
    private TestBackend s2;
    private LoadBalancer lb;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        s1 = TestBackend.start("s1");
        s2 = TestBackend.start("s2");
        lb = Proxies.start(Proxies.config(s1, s2)); // checks every 100 ms, down after 2 failures, up after 2 passes
    }

    @AfterEach
    void stop() {
        lb.stop();
        s1.close();
        s2.close();
    }

    private boolean statusSaysHealthy(String backendId) {
        try {
            JsonNode status = JSON.readTree(RawHttp.exchange(lb.port(), RawHttp.get("/lb/status")).body());
            for (JsonNode b : status.get("backends")) {
                if (b.get("id").asText().equals(backendId)) {
                    return b.get("healthy").asBoolean();
                }
            }
            throw new AssertionError("no backend " + backendId + " in " + status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WsClient tunnel(String user) throws Exception {
        return WsClient.connect(http, "ws://127.0.0.1:" + lb.port() + "/ws?user=" + user).get(10, TimeUnit.SECONDS);
    }

    @Test
    void failingHealthChecksMoveTheUsersAndCloseOnlyThatBackendsTunnels() throws Exception {
        String onS1 = Affinity.userOn("s1");
        String onS2 = Affinity.userOn("s2");
        WsClient victim = tunnel(onS1);
        WsClient bystander = tunnel(onS2);
        Await.until(FEW_SECONDS, "one WebSocket on each backend", () -> s1.openWebSockets() == 1 && s2.openWebSockets() == 1);

        s1.setHealthy(false); // /health answers 503, but s1 keeps its connections open itself

        Await.until(FEW_SECONDS, "s1 reported down", () -> !statusSaysHealthy("s1"));
        assertThat(victim.ended.get(5, TimeUnit.SECONDS)).as("the proxy closed the tunnel to s1").isNotBlank();
        Await.until(FEW_SECONDS, "s1's end of the tunnel closed by the proxy", () -> s1.openWebSockets() == 0);
        assertThat(lb.status().backends().get(0).tunnels()).isZero();
        assertThat(Affinity.backendServing(lb.port(), onS1)).isEqualTo("s2");
        WsClient reconnected = tunnel(onS1);
        Await.until(FEW_SECONDS, "the reconnect landed on s2", () -> s2.openWebSockets() == 2);

        // The tunnel to the healthy backend is untouched.
        assertThat(bystander.ended).isNotDone();
        bystander.socket().sendText("still here", true);
        assertThat(bystander.nextText()).isEqualTo("still here");

        s1.setHealthy(true);
        Await.until(FEW_SECONDS, "s1 reported up again", () -> statusSaysHealthy("s1"));
        assertThat(Affinity.backendServing(lb.port(), onS1)).isEqualTo("s1");
        assertThat(Affinity.backendServing(lb.port(), onS2)).isEqualTo("s2");
        reconnected.socket().abort();
        bystander.socket().abort();
    }

    @Test
    void stoppedBackendGoesDownWithinSecondsAndIsHealthyAgainAfterRestart() throws Exception {
        String onS1 = Affinity.userOn("s1");
        WsClient ws = tunnel(onS1);
        Await.until(FEW_SECONDS, "tunnel open on s1", () -> s1.openWebSockets() == 1);

        s1.stopAccepting(); // new connections refused; the open WebSocket on s1 stays up on s1's side

        Await.until(FEW_SECONDS, "s1 reported down", () -> !statusSaysHealthy("s1"));
        assertThat(ws.ended.get(5, TimeUnit.SECONDS)).isNotBlank();
        Await.until(FEW_SECONDS, "the proxy closed its connection to s1", () -> s1.openWebSockets() == 0);
        for (int i = 0; i < 5; i++) {
            assertThat(Affinity.backendServing(lb.port(), onS1)).isEqualTo("s2");
        }

        s1.resumeAccepting();
        Await.until(FEW_SECONDS, "s1 reported healthy again", () -> statusSaysHealthy("s1"));
        assertThat(Affinity.backendServing(lb.port(), onS1)).isEqualTo("s1");
    }

    @Test
    void refusedConnectionMarksTheBackendDownAndRetriesTheRequestOnTheNextOne() throws Exception {
        lb.stop();
        // Active checks far apart, so only the passive check (the refused connection) can notice.
        lb = Proxies.start(Proxies.config(s1, s2).withHealth(Duration.ofSeconds(60), Duration.ofSeconds(1), 2, 2));
        String onS1 = Affinity.userOn("s1");
        assertThat(Affinity.backendServing(lb.port(), onS1)).isEqualTo("s1");

        s1.stopAccepting();

        // The very first request after the stop is answered, by s2.
        RawHttp.Response r = RawHttp.exchange(lb.port(), RawHttp.get("/info?user=" + onS1));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header(ID_HEADER)).isEqualTo("s2");
        Await.until(FEW_SECONDS, "s1 marked down by the refused connection", () -> !statusSaysHealthy("s1"));
        assertThat(Affinity.backendServing(lb.port(), onS1)).isEqualTo("s2");
    }
}
