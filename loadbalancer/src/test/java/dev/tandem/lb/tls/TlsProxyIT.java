package dev.tandem.lb.tls;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.TestBackend;
import dev.tandem.lb.support.TestCerts;
import dev.tandem.lb.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy's TLS listener in front of real Netty backends: its own endpoints, HTTP passthrough and a WSS
 * tunnel over https, the plain port beside it, an untrusted client refused, and a reload that changes the
 * certificate of new connections while an open tunnel keeps passing frames.
 */
@Timeout(90)
class TlsProxyIT {
    @TempDir
    static Path dir;
    private static TestBackend s1;
    private static TestBackend s2;
    private static TestCerts.Pair first;
    private static TestCerts.Pair second;
    private static Path liveCert;
    private static Path liveKey;
    private static TlsListener tls;
    private static LoadBalancer lb;
    private static HttpClient trusting;

    @BeforeAll
    static void start() throws Exception {
        s1 = TestBackend.start("s1");
        s2 = TestBackend.start("s2");
        first = TestCerts.make(Files.createDirectories(dir.resolve("first")));
        second = TestCerts.make(Files.createDirectories(dir.resolve("second")));
        liveCert = Files.copy(first.cert(), dir.resolve("cert.pem"));
        liveKey = Files.copy(first.key(), dir.resolve("key.pem"));
        tls = TlsListener.load(new TlsConfig(liveCert, liveKey, 0, true));
        lb = LoadBalancer.start(Proxies.config(s1, s2), tls);
        trusting = client(first.cert());
        Await.until(Duration.ofSeconds(10), "both backends healthy", () -> lb.status().totals().healthyBackends() == 2);
    }

    @AfterAll
    static void stop() {
        lb.stop();
        s1.close();
        s2.close();
    }

    private static HttpClient client(Path ca) throws Exception {
        return HttpClient.newBuilder().sslContext(TestCerts.trusting(ca)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String https(String path) {
        return "https://127.0.0.1:" + lb.tlsPort() + path;
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theProxysOwnStatusAndPassthroughWorkOverHttps() throws Exception {
        HttpResponse<String> status = get(trusting, https("/lb/status"));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"healthyBackends\":2");
        HttpResponse<String> health = get(trusting, https("/health?user=ann"));
        assertThat(health.statusCode()).isEqualTo(200);
        // Passthrough: the backend's info answer lists the headers it got; over TLS the proxy says https.
        HttpResponse<String> info = get(trusting, https("/info?user=ann"));
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).containsIgnoringCase("\"x-forwarded-proto\":\"https\"");
        // The plain port stays open beside it (the default), and says http.
        HttpResponse<String> plain = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + lb.port() + "/info?user=ann");
        assertThat(plain.body()).containsIgnoringCase("\"x-forwarded-proto\":\"http\"");
    }

    @Test
    void aWssTunnelEchoesThroughTheProxy() throws Exception {
        WsClient ws = WsClient.connect(trusting, "wss://127.0.0.1:" + lb.tlsPort() + "/ws?user=alice")
                .get(10, TimeUnit.SECONDS);
        ws.socket().sendText("über TLS ✓", true).get(10, TimeUnit.SECONDS);
        assertThat(ws.nextText()).isEqualTo("über TLS ✓");
        ws.socket().abort();
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedAndOthersStayServed() throws Exception {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> get(untrusting, https("/lb/status")))
                .isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> WsClient.connect(untrusting, "wss://127.0.0.1:" + lb.tlsPort() + "/ws?user=bob")
                .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
        assertThat(get(trusting, https("/lb/status")).statusCode()).isEqualTo(200);
    }

    @Test
    void aReloadServesTheNewCertificateToNewConnectionsAndKeepsOpenTunnels() throws Exception {
        WsClient before = WsClient.connect(trusting, "wss://127.0.0.1:" + lb.tlsPort() + "/ws?user=carol")
                .get(10, TimeUnit.SECONDS);
        Files.copy(second.cert(), liveCert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(second.key(), liveKey, StandardCopyOption.REPLACE_EXISTING);
        assertThat(tls.context().reload()).isTrue();

        before.socket().sendText("still here", true).get(10, TimeUnit.SECONDS);
        assertThat(before.nextText()).isEqualTo("still here");
        HttpResponse<String> fresh = get(client(second.cert()), https("/lb/status"));
        Certificate served = fresh.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(served).isEqualTo(TestCerts.read(second.cert()));
        // The first pair's clients no longer trust new connections: the certificate really changed.
        assertThatThrownBy(() -> get(client(first.cert()), https("/lb/status"))).isInstanceOf(SSLHandshakeException.class);
        before.socket().abort();
        // put the first pair back for the other tests
        Files.copy(first.cert(), liveCert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(first.key(), liveKey, StandardCopyOption.REPLACE_EXISTING);
        assertThat(tls.context().reload()).isTrue();
    }
}
