package dev.tandem.system.client;

import static dev.tandem.system.client.ClientDriver.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.system.Cluster;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server goes away and comes back on the same port: the window shows it and reconnects by itself. */
@Timeout(150)
class ClientReconnectIT {
    private static Cluster cluster;
    private static ClientDriver client;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start(1, config -> config.withPbkdf2Iterations(1_000));
        ClientDriver.startToolkit();
        client = ClientDriver.open(0).signedIn(cluster.port(1), "re-alice", "password-alice");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void stoppingTheServerShowsReconnectingAndARestartReconnectsByItself() {
        client.fill("#chat-input", "before the outage").type(KeyCode.ENTER);
        until("the first message is confirmed", () -> sent("before the outage"));

        cluster.stop(1);
        until("the status line says reconnecting", () -> client.text("#status-line").startsWith("Reconnecting"));
        assertThat(client.text("#status-line")).matches("Reconnecting( in \\d+ s|…)");
        client.fill("#chat-input", "written while offline");
        assertThat(client.<Button>node("#chat-send").isDisabled()).isTrue();

        cluster.restart(1);
        // Backoff waits 1, 2, 4, 8 s (with jitter) between attempts: allow for a slow restart.
        until("reconnected by itself", 60, () -> client.text("#status-line").equals("Connected to server s1"));
        assertThat(client.text("#chat-input")).isEqualTo("written while offline");
        assertThat(client.chatTexts()).containsOnlyOnce("before the outage");

        client.click("#chat-input").type(KeyCode.ENTER);
        until("the kept message is sent after the reconnect", () -> sent("written while offline"));
    }

    private static boolean sent(String text) {
        return client.window().model().chat().entries().stream()
                .anyMatch(e -> e.text().equals(text) && e.state() == ChatEntry.State.SENT);
    }
}
