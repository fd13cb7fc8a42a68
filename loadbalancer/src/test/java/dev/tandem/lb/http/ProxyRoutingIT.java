package dev.tandem.lb.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.routing.RendezvousHash;
import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.tandem.lb.support.TestBackend.ID_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/** Plain HTTP through the proxy to two real backends: affinity, spreading, cookies, headers, bodies, status. */
@Timeout(60)
class ProxyRoutingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestBackend s1;
    private static TestBackend s2;
    private static LoadBalancer lb;

    @BeforeAll
    static void start() throws Exception {
        s1 = TestBackend.start("s1");
        s2 = TestBackend.start("s2");
        lb = Proxies.start(Proxies.config(s1, s2));
    }

    @AfterAll
    static void stop() {
        lb.stop();
        s1.close();
        s2.close();
    }

    /** Where rendezvous hashing says the key belongs (both backends healthy). */
    private static String expectedBackend(String key) {
        return RendezvousHash.beats(key, "s1", "s2") ? "s1" : "s2";
    }

    private static String userOnBackend(String backendId) {
        for (int i = 0; ; i++) {
            if (expectedBackend("user" + i).equals(backendId)) {
                return "user" + i;
            }
        }
    }

    @Test
    void sameUserAlwaysLandsOnTheSameBackendOverManyConnections() throws Exception {
        for (String user : List.of("alice", "bob", "carol", "dave", "erin", "frank")) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 15; i++) {
                seen.add(RawHttp.exchange(lb.port(), RawHttp.get("/info?user=" + user)).header(ID_HEADER));
            }
            // The header and the cookie carry the same key, so they reach the same backend.
            seen.add(RawHttp.exchange(lb.port(), RawHttp.get("/info", "X-Tandem-User: " + user)).header(ID_HEADER));
            seen.add(RawHttp.exchange(lb.port(), RawHttp.get("/info", "Cookie: TANDEM_AFFINITY=" + user))
                    .header(ID_HEADER));
            assertThat(seen).as("backends seen by " + user).containsExactly(expectedBackend(user));
        }
    }

    @Test
    void queryParameterWinsOverHeaderAndCookie() throws Exception {
        String onS1 = userOnBackend("s1");
        String onS2 = userOnBackend("s2");
        RawHttp.Response r = RawHttp.exchange(lb.port(), RawHttp.get("/info?user=" + onS1,
                "X-Tandem-User: " + onS2, "Cookie: TANDEM_AFFINITY=" + onS2));
        assertThat(r.header(ID_HEADER)).isEqualTo("s1");
        r = RawHttp.exchange(lb.port(), RawHttp.get("/info", "X-Tandem-User: " + onS2, "Cookie: TANDEM_AFFINITY=" + onS1));
        assertThat(r.header(ID_HEADER)).isEqualTo("s2");
        // User names are case-insensitive, as in the app.
        r = RawHttp.exchange(lb.port(), RawHttp.get("/info?user=" + onS2.toUpperCase()));
        assertThat(r.header(ID_HEADER)).isEqualTo("s2");
    }

    @Test
    void twentyUsersSpreadOverBothBackends() throws Exception {
        Map<String, Integer> perBackend = new HashMap<>();
        for (int i = 1; i <= 20; i++) {
            String user = String.format("user%02d", i);
            String backend = RawHttp.exchange(lb.port(), RawHttp.get("/info?user=" + user)).header(ID_HEADER);
            assertThat(backend).as(user).isEqualTo(expectedBackend(user));
            perBackend.merge(backend, 1, Integer::sum);
        }
        assertThat(perBackend).containsOnlyKeys("s1", "s2");
        assertThat(perBackend.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
    }

    @Test
    void keylessRequestsGoToTheLeastLoadedBackendAndGetAnAffinityCookie() throws Exception {
        Await.until(Duration.ofSeconds(5), "no backend connections left from other tests",
                () -> lb.status().totals().backendConnections() == 0);
        try (RawHttp first = new RawHttp(lb.port()); RawHttp second = new RawHttp(lb.port())) {
            first.send(RawHttp.get("/info"));
            RawHttp.Response a = first.read();
            // `first` stays open, so its backend now has one connection more than the other.
            second.send(RawHttp.get("/info"));
            RawHttp.Response b = second.read();
            assertThat(a.header(ID_HEADER)).isNotEqualTo(b.header(ID_HEADER));

            String cookieA = cookieValue(a);
            String cookieB = cookieValue(b);
            for (int i = 0; i < 5; i++) {
                RawHttp.Response again = RawHttp.exchange(lb.port(), RawHttp.get("/info", "Cookie: TANDEM_AFFINITY=" + cookieA));
                assertThat(again.header(ID_HEADER)).isEqualTo(a.header(ID_HEADER));
                assertThat(again.headers("set-cookie")).as("a request with a key gets no new cookie").isEmpty();
                again = RawHttp.exchange(lb.port(), RawHttp.get("/info", "Cookie: other=1; TANDEM_AFFINITY=" + cookieB));
                assertThat(again.header(ID_HEADER)).isEqualTo(b.header(ID_HEADER));
            }
        }
    }

    private static String cookieValue(RawHttp.Response r) {
        String setCookie = r.header("set-cookie");
        assertThat(setCookie).startsWith("TANDEM_AFFINITY=").contains("Path=/").contains("HTTPOnly");
        return setCookie.substring("TANDEM_AFFINITY=".length(), setCookie.indexOf(';'));
    }

    @Test
    void forwardedHeadersArrive() throws Exception {
        JsonNode seen = JSON.readTree(RawHttp.exchange(lb.port(), "GET /info?user=alice HTTP/1.1\r\n"
                + "Host: chat.example:8080\r\n\r\n").body()).get("headers");
        assertThat(seen.get("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(seen.get("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(seen.get("x-forwarded-host").asText()).isEqualTo("chat.example:8080");
        assertThat(seen.get("host").asText()).isEqualTo("chat.example:8080");

        seen = JSON.readTree(RawHttp.exchange(lb.port(), RawHttp.get("/info?user=alice",
                "X-Forwarded-For: 203.0.113.7")).body()).get("headers");
        assertThat(seen.get("x-forwarded-for").asText()).isEqualTo("203.0.113.7, 127.0.0.1");
    }

    @Test
    void hopByHopHeadersAreStrippedAndEndToEndOnesKept() throws Exception {
        JsonNode seen = JSON.readTree(RawHttp.exchange(lb.port(), RawHttp.get("/info?user=alice",
                "Connection: keep-alive, X-Private-Hop",
                "X-Private-Hop: secret",
                "Keep-Alive: timeout=5",
                "Proxy-Connection: keep-alive",
                "TE: trailers",
                "Trailer: X-Checksum",
                "Proxy-Authorization: Basic c2VjcmV0",
                "Upgrade: h2c",
                "X-End-To-End: kept")).body()).get("headers");
        assertThat(seen.has("x-end-to-end")).isTrue();
        for (String hop : List.of("connection", "x-private-hop", "keep-alive", "proxy-connection", "te", "trailer",
                "proxy-authorization", "upgrade")) {
            assertThat(seen.has(hop)).as(hop + " must not reach the backend").isFalse();
        }
    }

    @Test
    void keptAliveConnectionRoutesEveryRequestByItsOwnKey() throws Exception {
        String onS1 = userOnBackend("s1");
        String onS2 = userOnBackend("s2");
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send(RawHttp.get("/info?user=" + onS1));
            assertThat(c.read().header(ID_HEADER)).isEqualTo("s1");
            c.send(RawHttp.get("/info?user=" + onS2));
            assertThat(c.read().header(ID_HEADER)).isEqualTo("s2");
            // Pipelined: three heads in one write; answers come back in order, each from its own backend.
            c.send(RawHttp.get("/info?user=" + onS1) + RawHttp.get("/info?user=" + onS2) + RawHttp.get("/info?user=" + onS1));
            assertThat(c.read().header(ID_HEADER)).isEqualTo("s1");
            assertThat(c.read().header(ID_HEADER)).isEqualTo("s2");
            assertThat(c.read().header(ID_HEADER)).isEqualTo("s1");
        }
    }

    @Test
    void backendClosingAKeptAliveConnectionDoesNotCostTheClientAnError() throws Exception {
        // Each /hangup answer closes the backend connection without saying so. The pipelined GET behind it
        // may go out on that dying connection; the proxy must resend it on a fresh one, not answer 502.
        for (int i = 0; i < 20; i++) {
            try (RawHttp c = new RawHttp(lb.port())) {
                c.send(RawHttp.get("/hangup?user=alice") + RawHttp.get("/info?user=alice"));
                assertThat(c.read().status()).isEqualTo(200);
                RawHttp.Response second = c.read();
                assertThat(second.status()).as("round " + i).isEqualTo(200);
                assertThat(second.header(ID_HEADER)).isEqualTo(expectedBackend("alice"));
            }
        }
    }

    @Test
    void healthThroughTheProxyAnswersFromTheUsersServer() throws Exception {
        for (String user : List.of("alice", "bob", "carol")) {
            RawHttp.Response r = RawHttp.exchange(lb.port(), RawHttp.get("/health?user=" + user));
            assertThat(r.status()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).get("serverId").asText()).isEqualTo(expectedBackend(user));
        }
    }

    @Test
    void requestBodiesPassThroughUnchangedWithLengthOrChunked() throws Exception {
        byte[] body = new byte[1024 * 1024];
        new Random(42).nextBytes(body);
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send(("POST /echo?user=alice HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            c.send(body);
            assertThat(c.read().body()).isEqualTo(body);

            ByteArrayOutputStream chunked = new ByteArrayOutputStream();
            chunked.writeBytes("POST /echo?user=alice HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (int off = 0; off < body.length; off += 100_000) {
                int n = Math.min(100_000, body.length - off);
                chunked.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                chunked.write(body, off, n);
                chunked.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            c.send(chunked.toByteArray());
            assertThat(c.read().body()).isEqualTo(body);
        }
    }

    @Test
    void largeChunkedResponseStreamsThroughIntact() throws Exception {
        int total = 8 * 1024 * 1024;
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send(RawHttp.get("/stream?bytes=" + total + "&user=alice"));
            RawHttp.Response r = c.read();
            assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(r.body()).hasSize(total);
            for (int i = 0; i < total; i++) {
                if (r.body()[i] != (byte) (i % 251)) {
                    throw new AssertionError("byte " + i + " differs");
                }
            }
            // The connection is reusable after a chunked response.
            c.send(RawHttp.get("/info?user=alice"));
            assertThat(c.read().status()).isEqualTo(200);
        }
    }

    @Test
    void expectContinueGetsTheBackendsInterimResponseThenTheFinalOne() throws Exception {
        try (RawHttp c = new RawHttp(lb.port())) {
            c.send("POST /echo?user=alice HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(100);
            c.send("hello");
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("hello");
        }
    }

    @Test
    void statusEndpointReportsEveryBackendAndTotals() throws Exception {
        RawHttp.Response r = RawHttp.exchange(lb.port(), RawHttp.get("/lb/status"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        JsonNode status = JSON.readTree(r.body());
        assertThat(status.get("status").asText()).isEqualTo("up");
        JsonNode backends = status.get("backends");
        assertThat(backends).hasSize(2);
        assertThat(backends.get(0).get("id").asText()).isEqualTo("s1");
        assertThat(backends.get(0).get("address").asText()).isEqualTo(s1.url());
        assertThat(backends.get(1).get("id").asText()).isEqualTo("s2");
        for (JsonNode b : backends) {
            assertThat(b.get("healthy").asBoolean()).isTrue();
            assertThat(b.has("openConnections")).isTrue();
            assertThat(b.has("tunnels")).isTrue();
        }
        JsonNode totals = status.get("totals");
        assertThat(totals.get("healthyBackends").asInt()).isEqualTo(2);
        assertThat(totals.get("clientConnections").asInt()).isGreaterThanOrEqualTo(1); // this request's own
        assertThat(totals.get("requests").asLong()).isGreaterThanOrEqualTo(1);
    }
}
