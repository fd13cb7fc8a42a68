package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.client.theme.ThemeChoice;
import dev.tandem.model.ChatMessage;
import dev.tandem.server.limits.AbuseLimits;
import dev.tandem.server.limits.Rate;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server whose per-user limit is tight (3 frames, then one every 5 s) answers a quick run of messages with
 * {@code rate_limited} and a {@code retryAfterMs}: the window says "Sending too fast — retrying in 5 s" on the
 * held message, sends it again by itself once the wait has passed, with the same client id, and every message
 * arrives exactly once, in the order written. Screenshots of the held message at 800 × 500, light and dark,
 * go to target/screenshots/.
 */
@Timeout(180)
class ClientRateLimitIT {
    private static final double PER_SECOND = 0.2;

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(1_000)
            .withLimits(AbuseLimits.unlimited().withUser(new Rate(PER_SECOND, 3))));
    @RegisterExtension
    final FreshWindow window = new FreshWindow();

    @Test
    void messagesOverTheLimitWaitTheServersRetryAfterAndArriveOnceInOrder() throws Exception {
        ClientDriver alice = window.driver().created(cluster.port(1), "fast-alice", "password-alice");
        alice.resize(800, 500);
        List<String> texts = List.of("one", "two", "three", "four", "five");
        for (String text : texts) {
            alice.fill("#chat-input", text).type(KeyCode.ENTER);
        }

        until("a message is held, and says why and for how long", () -> held(alice) != null);
        ChatEntry.Message held = held(alice);
        assertThat(fx(() -> held.failureProperty().get())).matches("Sending too fast — retrying in [1-5] s");
        until("the row shows it", () -> alice.texts("#chat-list", ".chat-state").stream()
                .anyMatch(t -> t.startsWith("Sending too fast — retrying in")));
        Screenshots.save(alice, "rate-limited-light.png");
        fx(() -> {
            alice.window().model().themeProperty().set(ThemeChoice.DARK);
            return null;
        });
        Screenshots.save(alice, "rate-limited-dark.png");
        assertThat(alice.cutLabels()).as("nothing cut at 800x500").isEmpty();

        until("every message is confirmed in the end", 120, () -> fx(() -> messages(alice).stream()
                .allMatch(m -> m.state() == ChatEntry.State.SENT)) && messages(alice).size() == texts.size());
        Map<String, String> clientIds = fx(() -> messages(alice).stream()
                .collect(Collectors.toMap(ChatEntry.Message::text, ChatEntry.Message::clientId)));

        // What the server keeps: each message once, in the order written, under the client id it was first sent with.
        try (TestClient reader = TestClient.signIn(cluster.port(1), "fast-reader", "password-reader", "general")) {
            List<ChatMessage> history = reader.welcome().history().stream()
                    .filter(m -> m.author().equals("fast-alice")).toList();
            assertThat(history).extracting(ChatMessage::text).containsExactlyElementsOf(texts);
            assertThat(history).allSatisfy(m -> assertThat(m.clientId()).isEqualTo(clientIds.get(m.text())));
        }
    }

    @Test
    void todoChangesOverTheLimitSayItInThePaneAndAreSavedOnceInTheEnd() {
        ClientDriver bob = window.driver().created(cluster.port(1), "fast-bob", "password-bob");
        List<String> titles = List.of("milk", "eggs", "bread", "tea", "jam");
        for (String title : titles) {
            bob.fill("#todo-input", title).type(KeyCode.ENTER);
        }
        until("the pane says why they wait", () -> bob.isShown("#todo-error")
                && bob.text("#todo-error").matches("Sending too fast — retrying in [1-5] s"));
        assertThat(bob.todoTitles()).as("kept on screen meanwhile").containsExactlyElementsOf(titles);

        until("every change is saved in the end", 120, () -> fx(() -> bob.window().model().todos().allItems().stream()
                .noneMatch(item -> item.pending())));
        until("the wait is no longer said", () -> !bob.isShown("#todo-error") || bob.text("#todo-error").isEmpty());
        try (TestClient other = TestClient.signIn(cluster.port(1), "fast-bob", "password-bob")) {
            assertThat(other.welcome().todos().items()).extracting(dev.tandem.model.Todo::title)
                    .as("each once, in order").containsExactlyElementsOf(titles);
        }
    }

    private static ChatEntry.Message held(ClientDriver client) {
        return fx(() -> messages(client).stream().filter(m -> m.state() == ChatEntry.State.HELD).findFirst().orElse(null));
    }

    private static List<ChatEntry.Message> messages(ClientDriver client) {
        return client.window().model().chat().entries().stream().filter(ChatEntry.Message.class::isInstance)
                .map(ChatEntry.Message.class::cast).toList();
    }

}
