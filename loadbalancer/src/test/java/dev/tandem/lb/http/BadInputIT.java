package dev.tandem.lb.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.tandem.lb.support.ProxyErrors.assertErrorAndClosed;
import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of bad input gets its own status, and the proxy keeps serving everyone else. */
@Timeout(60)
class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HEAD_TIMEOUT = Duration.ofMillis(700);
    private static TestBackend backend;
    private static LoadBalancer lb;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start("s1");
        lb = Proxies.start(Proxies.config(backend).withHeadTimeout(HEAD_TIMEOUT));
    }

    @AfterAll
    static void stop() {
        lb.stop();
        backend.close();
    }

    @AfterEach
    void proxyStillServesNormalRequests() throws Exception {
        RawHttp.Response r = RawHttp.exchange(lb.port(), RawHttp.get("/info?user=alice"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header(TestBackend.ID_HEADER)).isEqualTo("s1");
    }

    @Test
    void headersOverTheLimitGet431() throws Exception {
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send(RawHttp.get("/info?user=alice", "X-Big: " + "a".repeat(9000)));
            assertErrorAndClosed(c, 431, "header_too_large");
        }
    }

    @Test
    void manyHeadersAddingUpOverTheLimitGet431() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add("X-Filler-" + i + ": " + "b".repeat(90));
        }
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send(RawHttp.get("/info?user=alice", lines.toArray(String[]::new)));
            assertErrorAndClosed(c, 431, "header_too_large");
        }
    }

    @Test
    void requestLineOverTheLimitGets414() throws Exception {
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send(RawHttp.get("/info?user=alice&pad=" + "x".repeat(9000)));
            assertErrorAndClosed(c, 414, "request_line_too_long");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GARBAGE\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello",
            "GET / NOT-HTTP\r\nHost: x\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n",
    })
    void malformedRequestsGet400(String request) throws Exception {
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send(request);
            assertErrorAndClosed(c, 400, "bad_request");
        }
    }

    @Test
    void randomBytesGet400OrAClose() throws Exception {
        java.util.Random random = new java.util.Random(3);
        for (int round = 0; round < 8; round++) {
            byte[] junk = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(junk);
            try (RawHttp c = new RawHttp(lb.port())) {
                try {
                    c.send(junk);
                } catch (IOException closedEarly) {
                    continue; // the proxy already answered and closed: fine
                }
                int first = c.nextByte();
                if (first != -1) {
                    assertThat((char) first).isEqualTo('H'); // the start of an HTTP error response
                    assertThat(c.closedByPeer()).isTrue();
                }
            } catch (java.net.SocketException reset) {
                // reset after the close while junk was still arriving: also fine
            }
        }
    }

    @Test
    void http11WithoutHostGets400() throws Exception {
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send("GET /info?user=alice HTTP/1.1\r\n\r\n");
            assertErrorAndClosed(c, 400, "bad_request");
        }
    }

    @Test
    void incompleteHeadGets408AfterTheHeadTimeout() throws Exception {
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send("GET /info?user=alice HTTP/1.1\r\nHost: x\r\n");
            assertErrorAndClosed(c, 408, "request_timeout");
        }
    }

    @Test
    void silentNewConnectionGets408() throws Exception {
        try (RawHttp c = new RawHttp(lb.port())) {
            assertErrorAndClosed(c, 408, "request_timeout");
        }
    }

    @Test
    void idleKeptAliveConnectionIsClosedQuietly() throws Exception {
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send(RawHttp.get("/info?user=alice"));
            assertThat(c.read().status()).isEqualTo(200);
            assertThat(c.nextByte()).as("closed without a 408").isEqualTo(-1);
        }
    }

    @Test
    void slowlorisConnectionsDoNotBlockANormalRequest() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        List<RawHttp> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                RawHttp c = new RawHttp(lb.port());
                c.send("GET /info?user=slow" + i + " HTTP/1.1\r\nHost: x\r\n");
                slow.add(c);
            }
            // Keep every slow head growing by one header byte every 50 ms: the timer is for the whole head.
            // Trickling stops halfway through the timeout, so no late byte races the proxy's 408 and close.
            var trickling = trickle.scheduleAtFixedRate(() -> slow.forEach(c -> {
                try {
                    c.send("X");
                } catch (IOException closedAlready) {
                    // nothing to do: this one is gone
                }
            }), 50, 50, TimeUnit.MILLISECONDS);
            trickle.schedule(() -> trickling.cancel(false), HEAD_TIMEOUT.toMillis() / 2, TimeUnit.MILLISECONDS);

            RawHttp.Response normal = RawHttp.exchange(lb.port(), RawHttp.get("/info?user=alice"));
            long normalDone = System.nanoTime();
            assertThat(normal.status()).isEqualTo(200);

            for (RawHttp c : slow) {
                RawHttp.Response r = c.read();
                long timedOut = System.nanoTime();
                assertThat(r.status()).isEqualTo(408);
                assertThat(timedOut).as("normal request answered before any slow head timed out")
                        .isGreaterThan(normalDone);
            }
        } finally {
            trickle.shutdownNow();
            for (RawHttp c : slow) {
                c.close();
            }
        }
    }

    @Test
    void noHealthyBackendGets503WithJson() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again right away: nothing listens there
        }
        LbConfig cfg = LbConfig.defaults(List.of(BackendSpec.parse("gone=http://127.0.0.1:" + deadPort)))
                .withListen("127.0.0.1", 0);
        LoadBalancer dead = Proxies.start(cfg);
        try {
            for (int i = 0; i < 3; i++) {
                try (RawHttp c = new RawHttp(dead.port())) {
                    c.send(RawHttp.get("/info?user=alice"));
                    RawHttp.Response r = c.read();
                    assertThat(r.status()).isEqualTo(503);
                    JsonNode body = JSON.readTree(r.body());
                    assertThat(body.get("error").asText()).isEqualTo("no_healthy_backend");
                    // 503 is not a connection error: the same connection still works, e.g. for the status page.
                    c.send(RawHttp.get("/lb/status"));
                    JsonNode status = JSON.readTree(c.read().body());
                    assertThat(status.get("backends").get(0).get("healthy").asBoolean()).isFalse();
                }
            }
            // A client waiting for 100-continue gets the 503 at once (and the connection closes), not a hang.
            try (RawHttp c = new RawHttp(dead.port())) {
                c.send("POST /echo?user=alice HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
                RawHttp.Response r = c.read();
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.header("connection")).isEqualTo("close");
                assertThat(c.closedByPeer()).isTrue();
            }
        } finally {
            dead.stop();
        }
    }
}
