package dev.tandem.system.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.connection.CaTrust;
import dev.tandem.client.connection.TyrusTransport;
import dev.tandem.lb.tls.SelfSigned;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TestClient;
import dev.tandem.system.tls.TyrusWindow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./tandem up --tls} as the README tells it: a self-signed pair under {@code TANDEM_HOME/tls}, the
 * proxy (a real process) serving {@code wss://} beside the plain port, the desktop app's Tyrus transport
 * signing in and chatting with the printed CA file; then the certificate files are replaced and the proxy
 * gets {@code SIGHUP}: the window opened before keeps chatting on its tunnel, a new handshake gets the new
 * certificate. Tests in order; the last runs {@code down}.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TandemUpTlsIT {
    private static TandemScript tandem;
    private static int tlsPort;
    private static Path cert;
    private static Path key;
    private static TyrusWindow window;
    private static TyrusTransport transport;

    @BeforeAll
    static void up() throws IOException {
        tlsPort = TandemScript.freePort();
        tandem = TandemScript.onFreePorts("tandem-tls-").withQuickJvms()
                .with("TANDEM_LB_TLS_PORT", Integer.toString(tlsPort));
        cert = tandem.home().resolve("tls/cert.pem");
        key = tandem.home().resolve("tls/key.pem");
    }

    @AfterAll
    static void stopWhateverIsLeft() throws IOException {
        if (transport != null) {
            transport.shutdown();
        }
        if (tandem != null) {
            tandem.downAndWipe();
        }
    }

    private static URI wss(String user) {
        return URI.create("wss://localhost:" + tlsPort + Protocol.WS_PATH + "?user=" + user);
    }

    private static Certificate read(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The certificate a brand-new handshake trusting {@code ca} is served, or null if it was refused. */
    private static Certificate served(Path ca) {
        try {
            HttpClient fresh = HttpClient.newBuilder().sslContext(CaTrust.sslContext(ca)).build();
            HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + tlsPort + "/lb/status")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.sslSession().orElseThrow().getPeerCertificates()[0];
        } catch (Exception refused) {
            return null;
        }
    }

    @Test
    @Order(1)
    void upWithTlsMakesAPairAndPrintsTheWssUrlAndTheCaFile() throws Exception {
        TandemScript.Result up = tandem.run("up", "--tls");
        assertThat(up.exitCode()).as("./tandem up --tls said:\n%s", up.output()).isZero();
        assertThat(up.output())
                .contains("Tandem backend is up: wss://localhost:" + tlsPort + "/ws (and ws://localhost:" + tandem.lbPort() + "/ws)")
                .contains("CA file for the desktop app: " + cert)
                .contains("--server wss://localhost:" + tlsPort + "/ws --ca-file " + cert);
        assertThat(Files.getPosixFilePermissions(key))
                .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(served(cert)).isEqualTo(read(cert));
    }

    @Test
    @Order(2)
    void theAppsTransportSignsInAndChatsOverWssAndThePlainPortStillWorks() throws Exception {
        transport = new TyrusTransport(CaTrust.sslContext(cert));
        window = TyrusWindow.connected(transport, wss("tina"));
        window.send(new ClientMessage.SignIn(Protocol.VERSION, "tina", "password-tina", true));
        window.await(ServerMessage.Welcome.class, w -> true);
        window.send(new ClientMessage.ChatSend("tls-up-1", "hello through ./tandem up --tls"));
        assertThat(window.await(ChatMessage.class, m -> "tls-up-1".equals(m.clientId())).author()).isEqualTo("tina");

        // the plain port is unchanged: ./tandem's own checks and local clients use it
        try (TestClient plain = TestClient.signIn(tandem.lbPort(), "tina", "password-tina")) {
            assertThat(plain.welcome().user()).isEqualTo("tina");
        }
    }

    @Test
    @Order(3)
    void sighupAfterReplacingTheFilesServesTheNewCertificateAndTheOpenTunnelKeepsGoing() throws Exception {
        Path renewed = Files.createDirectories(tandem.home().resolve("renewed"));
        SelfSigned.generate(renewed.resolve("cert.pem"), renewed.resolve("key.pem"), List.of());
        Certificate before = read(cert);
        Certificate after = read(renewed.resolve("cert.pem"));
        Files.copy(renewed.resolve("key.pem"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(renewed.resolve("cert.pem"), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long lb = tandem.recordedPids().get("lb");
        Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(lb)).inheritIO().start();
        assertThat(hup.waitFor(10, TimeUnit.SECONDS) && hup.exitValue() == 0).as("kill -HUP " + lb).isTrue();

        dev.tandem.server.support.Await.until(Duration.ofSeconds(20), "a new handshake gets the renewed certificate", 
                () -> after.equals(served(cert)));
        assertThat(after).isNotEqualTo(before);
        assertThat(TandemScript.isAlive(lb)).as("SIGHUP reloads, it does not stop the proxy").isTrue();
        // the window opened before the reload still has its tunnel, and it carries frames both ways
        window.send(new ClientMessage.ChatSend("tls-up-2", "still here after the reload"));
        assertThat(window.await(ChatMessage.class, m -> "tls-up-2".equals(m.clientId())).text())
                .isEqualTo("still here after the reload");
        assertThat(window.closed).isNotDone();
        window.close();
    }

    @Test
    @Order(4)
    void downStopsItAllAndKeepsThePair() {
        TandemScript.Result down = tandem.run("down");
        assertThat(down.exitCode()).as("./tandem down said:\n%s", down.output()).isZero();
        assertThat(TandemScript.listening(tlsPort)).isFalse();
        assertThat(cert).exists();
        assertThat(key).exists();
    }
}
