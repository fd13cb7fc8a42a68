package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.server.support.TandemCluster;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Honest connection state: a server that goes silent (frozen, not closed) is "not responding" within a few
 * seconds of a request it does not answer — not "Connected" for as long as the socket stays open — and the
 * window says "Connected" again as soon as it answers.
 */
@Timeout(120)
class ClientNotRespondingIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(1_000));
    private static FreezableRelay relay;
    private static ClientDriver client;

    @BeforeAll
    static void start() throws Exception {
        relay = new FreezableRelay(cluster.port(1));
        ClientDriver.startToolkit();
        client = ClientDriver.open(0).created(relay.port(), "frozen-fred", "password-fred");
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void aSilentServerIsNotRespondingAtOnceAndConnectedAgainWhenItAnswers() {
        relay.freeze();
        client.fill("#chat-input", "anyone there?").type(KeyCode.ENTER);
        // The answer deadline is 3 s; 8 s leaves room for a slow machine, and is still well short of the
        // 10 s after which the link would be dropped.
        until("not responding", 8, () -> client.text("#status-line").equals("Server s1 is not responding…"));
        assertThat(state("anyone there?")).isNotEqualTo(ChatEntry.State.SENT);

        relay.thaw();
        until("connected again, on the same link", () -> client.text("#status-line").equals("Connected to server s1"));
        until("the message went through", () -> state("anyone there?") == ChatEntry.State.SENT);
        assertThat(client.window().model().welcomesProperty().get()).as("no reconnect was needed").isEqualTo(1);
    }

    private static ChatEntry.State state(String text) {
        return fx(() -> client.window().model().chat().entries().stream().filter(ChatEntry.Message.class::isInstance).map(ChatEntry.Message.class::cast).filter(e -> text.equals(e.text()))
                .map(ChatEntry.Message::state).findFirst().orElse(null));
    }
}
