package dev.tandem.system.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.connection.CaTrust;
import dev.tandem.client.connection.TyrusTransport;
import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.tls.SelfSigned;
import dev.tandem.lb.tls.TlsConfig;
import dev.tandem.lb.tls.TlsListener;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ResumeTokens;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.support.TandemCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis, two real app servers and the real proxy serving TLS only ({@code --plain false}, as a deployment
 * runs it), with a self-signed pair made the way {@code ./tandem up --tls} makes it. The desktop app's own
 * Tyrus transport, given the CA file, signs in over {@code wss://} and chats across the two servers; without
 * the CA, or with it but for a host the certificate does not name, the handshake is refused and reported as
 * an untrusted certificate, not as an unreachable server.
 */
@Timeout(120)
class TlsProxySystemIT {
    private static final ResumeTokens TOKENS =
            new ResumeTokens(ServerConfig.TEST_SECRET.getBytes(StandardCharsets.UTF_8));
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2);
    @TempDir
    static Path dir;
    private static Path ca;
    private static LoadBalancer lb;
    private static TyrusTransport trusting;
    private static TyrusTransport untrusting;

    @BeforeAll
    static void start() throws Exception {
        ca = dir.resolve("cert.pem");
        SelfSigned.generate(ca, dir.resolve("key.pem"), List.of());
        LbConfig config = LbConfig.defaults(List.of(
                        new BackendSpec("s1", "127.0.0.1", cluster.port(1)),
                        new BackendSpec("s2", "127.0.0.1", cluster.port(2))))
                // every loopback address, so 127.0.0.2 (a name the certificate does not carry) reaches it too
                .withListen("0.0.0.0", 0)
                .withHealth(Duration.ofMillis(200), Duration.ofSeconds(2), 2, 2)
                .withDrainTimeout(Duration.ofSeconds(2));
        lb = LoadBalancer.start(config, TlsListener.load(new TlsConfig(ca, dir.resolve("key.pem"), 0, false)));
        trusting = new TyrusTransport(CaTrust.sslContext(ca));
        untrusting = new TyrusTransport();
        dev.tandem.server.support.Await.until(Duration.ofSeconds(20), "both servers healthy behind the proxy",
                () -> lb.status().totals().healthyBackends() == 2);
    }

    @AfterAll
    static void stop() {
        trusting.shutdown();
        untrusting.shutdown();
        if (lb != null) {
            lb.stop();
        }
    }

    private static URI wss(String host, String user) {
        return URI.create("wss://" + host + ":" + lb.tlsPort() + Protocol.WS_PATH + "?user=" + user);
    }

    private static String serverOf(String user) throws Exception {
        try (TyrusWindow w = TyrusWindow.connected(trusting, wss("localhost", user))) {
            w.send(new ClientMessage.Resume(Protocol.VERSION, TOKENS.mint(user, Instant.now(), Duration.ofHours(1))));
            return w.await(ServerMessage.Welcome.class, x -> true).serverId();
        }
    }

    @Test
    void usersOnBothServersSignInOverWssWithTheCaFileAndChat() throws Exception {
        String onS1 = null;
        String onS2 = null;
        for (int i = 0; onS1 == null || onS2 == null; i++) {
            String user = TandemCluster.newUser("tls" + i);
            if (serverOf(user).equals("s1")) {
                onS1 = onS1 == null ? user : onS1;
            } else {
                onS2 = onS2 == null ? user : onS2;
            }
        }
        try (TyrusWindow a = TyrusWindow.connected(trusting, wss("localhost", onS1));
             TyrusWindow b = TyrusWindow.connected(trusting, wss("127.0.0.1", onS2))) {
            // a password sign-in that registers the name, over TLS all the way to the proxy
            a.send(new ClientMessage.SignIn(Protocol.VERSION, onS1, "password-" + onS1, true));
            assertThat(a.await(ServerMessage.Welcome.class, x -> true).serverId()).isEqualTo("s1");
            b.send(new ClientMessage.SignIn(Protocol.VERSION, onS2, "password-" + onS2, true));
            assertThat(b.await(ServerMessage.Welcome.class, x -> true).serverId()).isEqualTo("s2");

            a.send(new ClientMessage.ChatSend("tls-1", "hello over wss"));
            ChatMessage atB = b.await(ChatMessage.class, m -> "tls-1".equals(m.clientId()));
            assertThat(atB.author()).isEqualTo(onS1);
            assertThat(atB.serverId()).isEqualTo("s1");
            assertThat(atB.text()).isEqualTo("hello over wss");
            b.send(new ClientMessage.ChatSend("tls-2", "and back"));
            assertThat(a.await(ChatMessage.class, m -> "tls-2".equals(m.clientId())).author()).isEqualTo(onS2);
        }
    }

    @Test
    void withoutTheCaTheHandshakeIsRefusedAsAnUntrustedCertificate() throws Exception {
        TyrusWindow w = TyrusWindow.open(untrusting, wss("localhost", "nobody"));
        assertThat(w.refused.get(20, TimeUnit.SECONDS)).isEqualTo("untrusted: not signed by a trusted CA");
        assertThat(w.opened).isNotDone();
        // the proxy keeps serving everyone else, its own endpoints over https included
        HttpClient https = HttpClient.newBuilder().sslContext(CaTrust.sslContext(ca)).build();
        HttpResponse<String> status = https.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + lb.tlsPort() + "/lb/status")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"healthyBackends\":2");
    }

    @Test
    void hostNamesAreVerifiedEvenWithTheCa() throws Exception {
        TyrusWindow w = TyrusWindow.open(trusting, wss("127.0.0.2", "nobody"));
        assertThat(w.refused.get(20, TimeUnit.SECONDS)).startsWith("untrusted: issued for another host")
                .contains("127.0.0.2");
    }

    @Test
    void thePlainPortIsClosedWhenTlsOnlyIsAsked() {
        org.assertj.core.api.Assertions.assertThatThrownBy(lb::port).isInstanceOf(IllegalStateException.class);
    }
}
