package dev.tandem.lb.http;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.support.Affinity;
import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import dev.tandem.lb.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static dev.tandem.lb.support.TestBackend.ID_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, item 3: a hostile client must not be able to put one user's WebSockets on two servers. On
 * {@code /ws} the only affinity key is the URL's single valid user, read by the parser the app server uses
 * ({@code AffinityUser}); anything else is the proxy's own 400, never forwarded.
 */
@Timeout(60)
class WsAffinityIT {
    private static final Duration FEW_SECONDS = Duration.ofSeconds(5);
    private static final String UPGRADE = "Connection: Upgrade\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13";
    private static TestBackend s1;
    private static TestBackend s2;
    private static LoadBalancer lb;
    /** Two users on different backends: the attacks try to read one as the other. */
    private static final String ALICE = Affinity.userOn("s1");
    private static final String BOB = Affinity.userOn("s2");
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WsClient> opened = new ArrayList<>();

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

    @AfterEach
    void closeTunnels() {
        opened.forEach(ws -> ws.socket().abort());
        Await.until(FEW_SECONDS, "every test tunnel closed",
                () -> s1.openWebSockets() == 0 && s2.openWebSockets() == 0);
    }

    private WsClient tunnel(String pathAndQuery) throws Exception {
        WsClient ws = WsClient.connect(http, "ws://127.0.0.1:" + lb.port() + pathAndQuery).get(10, TimeUnit.SECONDS);
        opened.add(ws);
        return ws;
    }

    /** Opens a WebSocket and says which backend it landed on. */
    private String landsOn(String pathAndQuery) throws Exception {
        tunnel(pathAndQuery);
        Await.until(FEW_SECONDS, pathAndQuery + " open on one backend",
                () -> s1.openWebSockets() + s2.openWebSockets() == 1);
        String on = s1.openWebSockets() == 1 ? "s1" : "s2";
        closeTunnels();
        opened.clear();
        return on;
    }

    @Test
    void aSemicolonDoesNotSplitTheQuery() throws Exception {
        // Netty's QueryStringDecoder split on ';' and took the first user (bob); the server reads alice.
        assertThat(landsOn("/ws?user=" + ALICE)).isEqualTo("s1");
        assertThat(landsOn("/ws?x=1;user=" + BOB + "&user=" + ALICE)).as("routed as alice").isEqualTo("s1");
    }

    @Test
    void theUserIsNormalisedLikeTheServerDoes() throws Exception {
        assertThat(landsOn("/ws?user=" + ALICE.toUpperCase(Locale.ROOT))).isEqualTo("s1");
        assertThat(landsOn("/ws?user=%20" + BOB + "%20")).isEqualTo("s2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/ws",                                  // no query: was least-loaded
            "/ws?x=1",                              // no user
            "/ws?user=",                            // empty
            "/ws?user=BOB_IS_HERE&user=ALICE",      // repeated: which one is meant is not clear
            "/ws?user=%zz",                         // broken escape
            "/ws?user=no%20spaces",                 // not a valid user name
            "/ws?x=1;user=bob",                     // ';' is no separator: there is no user parameter
            "/ws/?x=1",                             // other spellings of the path a server may still map to /ws
            "/%77s",
            "/ws;a=b",
            "/./ws",
            "//ws",
            "http://test.local/ws",
    })
    void aWsRequestWithoutOneValidUserGets400AndIsNeverForwarded(String uri) throws Exception {
        String target = uri.replace("BOB_IS_HERE", BOB).replace("ALICE", ALICE);
        int forwardedBefore = s1.requests() + s2.requests();
        try (RawHttp c = new RawHttp(lb.port())) {
            // A header and a cookie that name someone: on /ws they count for nothing.
            c.send(RawHttp.get(target, UPGRADE, "X-Tandem-User: " + ALICE, "Cookie: TANDEM_AFFINITY=" + ALICE));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("content-type")).startsWith("text/plain");
            assertThat(r.text()).isEqualTo("/ws needs ?user=<name> (one valid user name)\n");
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(r.headers("set-cookie")).isEmpty();
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(s1.requests() + s2.requests()).as("nothing reached a backend").isEqualTo(forwardedBefore);
    }

    @Test
    void onlyAHeaderOnWsGets400EvenWithoutUpgradeHeaders() throws Exception {
        int forwardedBefore = s1.requests() + s2.requests();
        RawHttp.Response r = RawHttp.exchange(lb.port(), RawHttp.get("/ws", "X-Tandem-User: " + ALICE));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("/ws needs ?user=<name>");
        assertThat(s1.requests() + s2.requests()).isEqualTo(forwardedBefore);
    }

    @Test
    void otherPathsKeepQueryThenHeaderThenCookieWithTheSameParser() throws Exception {
        assertThat(RawHttp.exchange(lb.port(), RawHttp.get("/health?user=" + ALICE)).header(ID_HEADER)).isEqualTo("s1");
        assertThat(RawHttp.exchange(lb.port(), RawHttp.get("/health?user=" + BOB)).header(ID_HEADER)).isEqualTo("s2");
        assertThat(RawHttp.exchange(lb.port(), RawHttp.get("/info?x=1;user=" + BOB + "&user=" + ALICE))
                .header(ID_HEADER)).as("';' does not split here either").isEqualTo("s1");
        // A repeated user counts as none: the header decides, then the cookie.
        assertThat(RawHttp.exchange(lb.port(), RawHttp.get("/info?user=" + ALICE + "&user=" + ALICE,
                "X-Tandem-User: " + BOB)).header(ID_HEADER)).isEqualTo("s2");
        assertThat(RawHttp.exchange(lb.port(), RawHttp.get("/info?user=" + ALICE + "&user=" + BOB,
                "Cookie: TANDEM_AFFINITY=" + BOB)).header(ID_HEADER)).isEqualTo("s2");
        RawHttp.Response keyless = RawHttp.exchange(lb.port(), RawHttp.get("/info?user=" + ALICE + "&user=" + BOB));
        assertThat(keyless.status()).isEqualTo(200);
        assertThat(keyless.header("set-cookie")).as("least-loaded, with a cookie").startsWith("TANDEM_AFFINITY=");
    }

    @Test
    void anUpgradeToAnotherPathStillFallsBackToLeastLoaded() throws Exception {
        WsClient ws = tunnel("/ws/other");
        ws.socket().sendText("hi", true);
        assertThat(ws.nextText()).isEqualTo("hi");
    }
}
