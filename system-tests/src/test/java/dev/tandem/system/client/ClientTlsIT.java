package dev.tandem.system.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.tls.SelfSigned;
import dev.tandem.lb.tls.TlsConfig;
import dev.tandem.lb.tls.TlsListener;
import dev.tandem.server.support.TandemCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real desktop window over {@code wss://} through the proxy serving TLS only: started with the CA file
 * ({@code --ca-file}) it creates an account and chats; started without it, the sign-in screen says the
 * certificate is not trusted and how to fix that, and nothing is retried.
 */
@Timeout(120)
class ClientTlsIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2, config -> config.withPbkdf2Iterations(1_000));
    @TempDir
    static Path dir;
    private static Path ca;
    private static LoadBalancer lb;

    @BeforeAll
    static void start() throws Exception {
        ca = dir.resolve("cert.pem");
        SelfSigned.generate(ca, dir.resolve("key.pem"), List.of());
        lb = LoadBalancer.start(LbConfig.defaults(List.of(
                        new BackendSpec("s1", "127.0.0.1", cluster.port(1)),
                        new BackendSpec("s2", "127.0.0.1", cluster.port(2))))
                        .withListen("127.0.0.1", 0)
                        .withHealth(Duration.ofMillis(200), Duration.ofSeconds(2), 2, 2)
                        .withDrainTimeout(Duration.ofSeconds(2)),
                TlsListener.load(new TlsConfig(ca, dir.resolve("key.pem"), 0, false)));
        ClientDriver.startToolkit();
    }

    @AfterAll
    static void stop() {
        if (lb != null) {
            lb.stop();
        }
    }

    private static String wss() {
        return "wss://localhost:" + lb.tlsPort() + "/ws";
    }

    @Test
    void withTheCaFileTheWindowSignsInAndChatsOverWss() {
        ClientDriver client = ClientDriver.openTrusting(ca);
        try {
            client.createdAt(wss(), "tls-tess", "password-tess");
            assertThat(client.text("#status-line")).matches("Connected to server s[12]");
            client.fill("#chat-input", "hello over wss").type(KeyCode.ENTER);
            Fx.until("the message is confirmed in the chat", () -> client.window().model().chat().entries().stream()
                    .filter(ChatEntry.Message.class::isInstance).map(ChatEntry.Message.class::cast)
                    .anyMatch(e -> e.text().equals("hello over wss") && e.state() == ChatEntry.State.SENT));
        } finally {
            client.close();
        }
    }

    @Test
    void withoutTheCaFileTheSignInScreenSaysTheCertificateIsNotTrusted() {
        ClientDriver client = ClientDriver.open(1);
        try {
            client.createAccountAt(wss(), "tls-ulla", "password-ulla");
            Fx.until("the sign-in says why", () -> client.text("#signin-error").contains("is not trusted"));
            assertThat(client.text("#signin-error")).isEqualTo("The certificate of " + wss() + " is not trusted "
                    + "(not signed by a trusted CA). If the server uses its own CA (./tandem up --tls prints its file), "
                    + "start the app with --ca-file <that file>.");
            assertThat(client.isShown("#main-view")).isFalse();
        } finally {
            client.close();
        }
    }
}
