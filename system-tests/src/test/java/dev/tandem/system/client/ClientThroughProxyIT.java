package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;
import java.time.Duration;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.tandem.server.support.TandemCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * The client as deployed: through the real proxy to one of two real servers. The status line names the
 * server affinity chose; when that server stops, the window resumes on the other one by itself.
 */
@Timeout(150)
class ClientThroughProxyIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2, config -> config.withPbkdf2Iterations(1_000));
    private static LoadBalancer lb;
    private static ClientDriver client;

    @BeforeAll
    static void start() throws Exception {
        lb = LoadBalancer.start(LbConfig.defaults(List.of(
                        new BackendSpec("s1", "127.0.0.1", cluster.port(1)),
                        new BackendSpec("s2", "127.0.0.1", cluster.port(2))))
                .withListen("127.0.0.1", 0)
                .withHealth(Duration.ofMillis(200), Duration.ofSeconds(2), 2, 2)
                .withDrainTimeout(Duration.ofSeconds(2)));
        ClientDriver.startToolkit();
        client = ClientDriver.open(0).created(lb.port(), "proxy-pat", "password-pat");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (lb != null) {
            lb.stop();
        }
    }

    @Test
    void theStatusLineNamesTheServerAndALostServerIsReplacedByTheOther() {
        String status = client.text("#status-line");
        assertThat(status).matches("Connected to server s[12]");
        int first = status.endsWith("s1") ? 1 : 2;
        int other = 3 - first;

        client.fill("#chat-input", "before failover").type(KeyCode.ENTER);
        until("sent", () -> sent("before failover"));

        cluster.stop(first);
        until("reconnecting", () -> client.text("#status-line").startsWith("Reconnecting"));
        until("resumed on the other server", 60,
                () -> client.text("#status-line").equals("Connected to server s" + other));

        assertThat(client.chatTexts()).containsOnlyOnce("before failover"); // history merged, no duplicate
        client.fill("#chat-input", "after failover").type(KeyCode.ENTER);
        until("sent through the other server", () -> sent("after failover"));
    }

    private static boolean sent(String text) {
        return client.window().model().chat().entries().stream().filter(ChatEntry.Message.class::isInstance).map(ChatEntry.Message.class::cast)
                .anyMatch(e -> e.text().equals(text) && e.state() == ChatEntry.State.SENT);
    }
}
