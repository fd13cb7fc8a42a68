package dev.tandem.lb.tunnel;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.TestBackend;
import dev.tandem.lb.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket through the proxy to a real Netty echo backend: after the 101 the proxy only moves bytes, so
 * whatever the client sends comes back byte-identical (a corruption in either direction would show).
 */
@Timeout(90)
class WebSocketRelayIT {
    private static TestBackend s1;
    private static TestBackend s2;
    private static LoadBalancer lb;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        s1 = TestBackend.start("s1");
        s2 = TestBackend.start("s2");
        lb = Proxies.start(Proxies.config(s1, s2));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        lb.stop();
        s1.close();
        s2.close();
    }

    private static String wsUrl(String user) {
        return "ws://127.0.0.1:" + lb.port() + "/ws?user=" + user;
    }

    private static WsClient open(String user) throws Exception {
        return WsClient.connect(http, wsUrl(user)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void oneMegabyteBinaryFramePassesByteIdenticalBothWays() throws Exception {
        WsClient ws = open("alice");
        byte[] payload = new byte[1024 * 1024];
        new Random(7).nextBytes(payload);
        ws.socket().sendBinary(ByteBuffer.wrap(payload), true).get(10, TimeUnit.SECONDS);
        assertThat(ws.nextBinary()).isEqualTo(payload);
        // and a second one on the same tunnel, after the first has gone through
        payload[0] ^= 1;
        ws.socket().sendBinary(ByteBuffer.wrap(payload), true).get(10, TimeUnit.SECONDS);
        assertThat(ws.nextBinary()).isEqualTo(payload);
        ws.socket().sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertThat(ws.ended.get(10, TimeUnit.SECONDS)).isEqualTo("close 1000");
    }

    @Test
    void tenThousandSmallFramesPassInOrderAndIntact() throws Exception {
        WsClient ws = open("bob");
        Random random = new Random(11);
        List<byte[]> sent = new ArrayList<>();
        CompletableFuture<WebSocket> chain = CompletableFuture.completedFuture(ws.socket());
        for (int i = 0; i < 10_000; i++) {
            byte[] frame = new byte[1 + random.nextInt(200)];
            random.nextBytes(frame);
            frame[0] = (byte) i;
            sent.add(frame);
            // The JDK client allows one outstanding send at a time: chain them.
            chain = chain.thenCompose(s -> s.sendBinary(ByteBuffer.wrap(frame), true));
        }
        chain.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(ws.nextBinary()).as("frame " + i).isEqualTo(sent.get(i));
        }
        // Text frames too, including multi-byte UTF-8.
        ws.socket().sendText("grüße, 你好 ✓", true).get(10, TimeUnit.SECONDS);
        assertThat(ws.nextText()).isEqualTo("grüße, 你好 ✓");
        ws.socket().abort();
    }

    @Test
    void fiveHundredConcurrentWebSocketsThroughTheProxy() throws Exception {
        Await.until(Duration.ofSeconds(10), "tunnels of earlier tests closed", () -> lb.status().totals().tunnels() == 0);
        int n = 500;
        List<CompletableFuture<WsClient>> opening = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            opening.add(WsClient.connect(http, wsUrl("crowd" + i)));
        }
        List<WsClient> clients = new ArrayList<>();
        for (CompletableFuture<WsClient> f : opening) {
            clients.add(f.get(30, TimeUnit.SECONDS));
        }
        // All 500 are open at the same time, as the proxy and both backends see it.
        assertThat(lb.status().totals().tunnels()).isEqualTo(n);
        Await.until(Duration.ofSeconds(5), "backends count " + n + " WebSockets",
                () -> s1.openWebSockets() + s2.openWebSockets() == n);
        assertThat(s1.openWebSockets()).isPositive();
        assertThat(s2.openWebSockets()).isPositive();

        for (int i = 0; i < n; i++) {
            clients.get(i).socket().sendText("hello " + i, true);
        }
        for (int i = 0; i < n; i++) {
            assertThat(clients.get(i).nextText()).isEqualTo("hello " + i);
        }
        for (WsClient c : clients) {
            c.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        for (WsClient c : clients) {
            assertThat(c.ended.get(10, TimeUnit.SECONDS)).isEqualTo("close 1000");
        }
        Await.until(Duration.ofSeconds(10), "all tunnels closed in the proxy", () -> lb.status().totals().tunnels() == 0);
        Await.until(Duration.ofSeconds(10), "all backend sockets closed",
                () -> s1.openWebSockets() + s2.openWebSockets() == 0);
    }
}
