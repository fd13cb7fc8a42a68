package dev.tandem.lb.http;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.support.Affinity;
import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import dev.tandem.lb.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.tandem.lb.support.ProxyErrors.assertErrorAndClosed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The exchange deadline ({@code --response-timeout-ms}): a backend that accepts and reads a request but never
 * answers ("s2", hung) costs its client a 504 after the deadline, not a connection held for ever, and costs
 * the users of the healthy backend ("s1") nothing; a request body that stops arriving gets 408; a spliced
 * WebSocket tunnel has no deadline at all.
 */
@Timeout(60)
class ResponseTimeoutIT {
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    private static final String WS_UPGRADE_HEADERS = "Connection: Upgrade\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13";
    private static TestBackend healthy;
    private static TestBackend hung;
    private static LoadBalancer lb;
    private static String healthyUser;
    private static String hungUser;

    @BeforeAll
    static void start() throws Exception {
        healthy = TestBackend.start("s1");
        hung = TestBackend.start("s2");
        hung.setHangs(true); // its /health still answers: it stays in routing, as a stuck app server would
        lb = Proxies.start(Proxies.config(healthy, hung).withResponseTimeout(TIMEOUT));
        healthyUser = Affinity.userOn("s1");
        hungUser = Affinity.userOn("s2");
    }

    @AfterAll
    static void stop() {
        lb.stop();
        healthy.close();
        hung.close();
    }

    private static void awaitHungBackendConnectionsClosed() {
        Await.until(Duration.ofSeconds(5), "the proxy closed its connection to the hung backend",
                () -> hung.openConnections() == 0);
    }

    @Test
    void getToHungBackendGets504AfterTheDeadlineWhileOthersAreServed() throws Exception {
        int swallowedBefore = hung.swallowedRequests();
        try (RawHttp stuck = new RawHttp(lb.port())) {
            long sent = System.nanoTime();
            stuck.send(RawHttp.get("/info?user=" + hungUser));
            Await.until(Duration.ofSeconds(5), "the hung backend read the request",
                    () -> hung.swallowedRequests() > swallowedBefore);

            // Meanwhile the healthy backend's users are served as usual, on fresh and kept-alive connections.
            try (RawHttp other = new RawHttp(lb.port())) {
                for (int i = 0; i < 5; i++) {
                    other.send(RawHttp.get("/info?user=" + healthyUser));
                    RawHttp.Response r = other.read();
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.header(TestBackend.ID_HEADER)).isEqualTo("s1");
                }
            }

            assertErrorAndClosed(stuck, 504, "gateway_timeout");
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertThat(waitedMs).as("504 not before the deadline").isGreaterThanOrEqualTo(TIMEOUT.toMillis());
        }
        awaitHungBackendConnectionsClosed(); // not kept for reuse: it may still answer the old request
    }

    @Test
    void upgradeToHungBackendGets504() throws Exception {
        int swallowedBefore = hung.swallowedRequests();
        try (RawHttp c = new RawHttp(lb.port())) {
            long sent = System.nanoTime();
            c.send(RawHttp.get("/ws?user=" + hungUser, WS_UPGRADE_HEADERS));
            Await.until(Duration.ofSeconds(5), "the hung backend read the upgrade request",
                    () -> hung.swallowedRequests() > swallowedBefore);
            assertErrorAndClosed(c, 504, "gateway_timeout");
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertThat(waitedMs).as("504 not before the deadline").isGreaterThanOrEqualTo(TIMEOUT.toMillis());
        }
        awaitHungBackendConnectionsClosed();
        assertThat(lb.status().totals().tunnels()).as("no tunnel was opened").isZero();
    }

    @Test
    void responseThatStartsAndStallsIsCutAfterTheDeadline() throws Exception {
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send(RawHttp.get("/stall?user=" + healthyUser));
            String statusLine = readLine(c);
            long started = System.nanoTime();
            assertThat(statusLine).startsWith("HTTP/1.1 200");
            assertThat(c.closedByPeer()).as("a stalled response is cut by closing the connection").isTrue();
            long cutAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // The first chunk may have come a little after the head: the bound is the deadline less a margin.
            assertThat(cutAfterMs).as("not cut before the deadline").isGreaterThanOrEqualTo(TIMEOUT.toMillis() / 2);
        }
        Await.until(Duration.ofSeconds(5), "the proxy closed the stalled backend connection too",
                () -> healthy.openConnections() == 0);
    }

    private static String readLine(RawHttp c) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = c.nextByte()) != -1 && b != '\n') {
            sb.append((char) b);
        }
        return sb.toString().trim();
    }

    @Test
    void bodyTrickledLongerThanTheDeadlineIsFineButABodyThatStopsGets408() throws Exception {
        int trickled = 6;
        long gapMs = TIMEOUT.toMillis() / 5; // each pause well inside the deadline; all of them together past it
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send("POST /echo?user=" + healthyUser + " HTTP/1.1\r\nHost: test.local\r\nContent-Length: 100\r\n\r\n");
            long start = System.nanoTime();
            long lastByte = start;
            for (int i = 0; i < trickled; i++) {
                // Timed just before the byte goes out: the proxy hears it after that, so its deadline cannot end
                // earlier than a full deadline after this (timed after the send, CI measured 999 ms of 1,000).
                lastByte = pacer.schedule(() -> {
                    long sending = System.nanoTime();
                    c.send("x");
                    return sending;
                }, gapMs, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
            }
            // The body was still arriving past one deadline's worth of time, so the exchange is still alive ...
            assertThat(TimeUnit.NANOSECONDS.toMillis(lastByte - start)).isGreaterThan(TIMEOUT.toMillis());
            // ... and ends with 408 once the client goes quiet for the whole deadline.
            assertErrorAndClosed(c, 408, "request_timeout");
            long quietMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastByte);
            assertThat(quietMs).as("408 only after a full deadline of silence").isGreaterThanOrEqualTo(TIMEOUT.toMillis());
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void slowAnswersWithinTheDeadlineOnOneKeptAliveConnectionAllPassPastEarlierDeadlines() throws Exception {
        // A fast request, then slow ones back to back: together they run well past the first exchanges'
        // deadlines, so a timer left over from an earlier exchange would cut a later one.
        long slowMs = TIMEOUT.toMillis() * 45 / 100;
        try (RawHttp c = new RawHttp(lb.port())) {
            long start = System.nanoTime();
            c.send(RawHttp.get("/info?user=" + healthyUser));
            assertThat(c.read().status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                c.send(RawHttp.get("/slow?ms=" + slowMs + "&user=" + healthyUser));
                RawHttp.Response r = c.read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).contains("\"slow\":" + slowMs);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThan(TIMEOUT.toMillis());
            c.send(RawHttp.get("/info?user=" + healthyUser));
            assertThat(c.read().status()).as("the connection is still kept alive").isEqualTo(200);
        }
    }

    @Test
    void idleSplicedTunnelOutlivesTheResponseTimeout() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        WsClient ws = WsClient.connect(http, "ws://127.0.0.1:" + lb.port() + "/ws?user=" + healthyUser)
                .get(10, TimeUnit.SECONDS);
        try {
            ws.socket().sendText("before", true).get(5, TimeUnit.SECONDS);
            assertThat(ws.nextText()).isEqualTo("before");
            long idleFrom = System.nanoTime();
            long stillOpenUntil = idleFrom + 2 * TIMEOUT.toNanos();

            // Waits for the tunnel to end, and passes only if it did not end before twice the deadline.
            try {
                String end = ws.ended.get(stillOpenUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
                fail("tunnel ended while idle: " + end);
            } catch (TimeoutException stillOpen) {
                // expected
            }
            assertThat(System.nanoTime() - idleFrom).as("idle for twice the response timeout")
                    .isGreaterThanOrEqualTo(2 * TIMEOUT.toNanos());
            assertThat(ws.ended).isNotDone();
            assertThat(lb.status().totals().tunnels()).isEqualTo(1);

            ws.socket().sendBinary(java.nio.ByteBuffer.wrap("after".getBytes(StandardCharsets.UTF_8)), true)
                    .get(5, TimeUnit.SECONDS);
            assertThat(new String(ws.nextBinary(), StandardCharsets.UTF_8)).isEqualTo("after");
        } finally {
            ws.socket().abort();
        }
    }
}
