package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.server.support.TestClient;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import javafx.scene.input.KeyCode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.tandem.server.support.TandemCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * The server goes away and comes back on the same port: the window shows it and reconnects by itself. Server
 * s2 stays up so others can keep chatting during the outage (more than a welcome's history holds).
 */
@Timeout(150)
class ClientReconnectIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2, config -> config.withPbkdf2Iterations(1_000).withRateLimit(100_000, 100_000));
    private static ClientDriver client;

    @BeforeAll
    static void start() throws Exception {
        // No rate limit to speak of: the outage's chatter is sent as one quick burst.
        ClientDriver.startToolkit();
        client = ClientDriver.open(0).created(cluster.port(1), "re-alice", "password-alice");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
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
        // Sending works offline too (the message would wait in the outbox); this one stays a draft.
        assertThat(client.<Button>node("#chat-send").isDisabled()).isFalse();

        // Meanwhile, on s2, someone sends 5 more messages than a welcome's history brings back.
        int missed = 5;
        try (TestClient carol = TestClient.signIn(cluster.port(2), "re-carol", "password-carol")) {
            int count = Limits.HISTORY_ON_SIGN_IN + missed;
            for (int i = 1; i <= count; i++) {
                carol.send(new ClientMessage.ChatSend("away-" + i, "away " + i));
            }
            carol.await(ChatMessage.class, m -> ("away-" + count).equals(m.clientId()));
        }

        cluster.restart(1);
        // Backoff waits 1, 2, 4, 8 s (with jitter) between attempts: allow for a slow restart.
        until("reconnected by itself", 60, () -> client.text("#status-line").equals("Connected to server s1"));
        assertThat(client.text("#chat-input")).isEqualTo("written while offline");
        assertThat(client.chatTexts()).containsOnlyOnce("before the outage");

        // The history starts at "away 6": the list says that something is missing, and where.
        until("the newest history shows", () -> client.chatRow("away " + (Limits.HISTORY_ON_SIGN_IN + missed)) != null);
        assertThat(client.chatRow("away " + missed)).isNull();
        assertThat(client.text("#chat-gap .chat-gap-text"))
                .isEqualTo("Some messages from while you were away are not shown (" + missed + " skipped)");
        VBox list = client.node("#chat-list");
        // A message's row in the list holds its day separator and the message itself.
        Node before = fx(() -> client.chatRow("before the outage").getParent());
        Node gap = client.node("#chat-gap");
        Node after = fx(() -> client.chatRow("away " + (missed + 1)).getParent());
        assertThat(fx(() -> List.of(list.getChildren().indexOf(before), list.getChildren().indexOf(gap),
                list.getChildren().indexOf(after)))).containsExactly(0, 1, 2);

        client.click("#chat-input").type(KeyCode.ENTER);
        until("the kept message is sent after the reconnect", () -> sent("written while offline"));
    }

    private static boolean sent(String text) {
        return client.window().model().chat().entries().stream().filter(ChatEntry.Message.class::isInstance).map(ChatEntry.Message.class::cast)
                .anyMatch(e -> e.text().equals(text) && e.state() == ChatEntry.State.SENT);
    }
}
