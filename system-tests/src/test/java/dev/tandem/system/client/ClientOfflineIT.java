package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.client.todos.TodoItem;
import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.server.support.TandemCluster;
import java.time.Duration;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Offline-first with real processes: the proxy goes away, the user writes three messages and makes two
 * todo changes, quits the app and starts it again while still offline — all five are there, marked as not
 * sent — and once the proxy is back each arrives exactly once, in order, in the user's second window.
 * What this loses: nothing (0 of 5).
 */
@Timeout(240)
class ClientOfflineIT {
    private static final String USER = "offline-olga";
    private static final String PASSWORD = "password-olga";
    private static final List<String> WRITTEN = List.of("written offline 1", "written offline 2", "written offline 3");

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2, config -> config.withPbkdf2Iterations(1_000));
    private static LoadBalancer lb;
    private static int port;
    private static ClientDriver first;
    private static ClientDriver second;

    @BeforeAll
    static void start() throws Exception {
        lb = startProxy(0);
        port = lb.port();
        ClientDriver.startToolkit();
        first = ClientDriver.open(0).created(port, USER, PASSWORD);
        second = ClientDriver.open(1).signedIn(port, USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        for (ClientDriver window : new ClientDriver[] {first, second}) {
            if (window != null) {
                window.close();
            }
        }
        if (lb != null) {
            lb.stop();
        }
    }

    @Test
    void whatIsWrittenOfflineSurvivesAQuitAndArrivesOnceInOrderWhenTheBackendIsBack() throws Exception {
        first.fill("#todo-input", "buy milk").type(KeyCode.ENTER);
        until("milk saved", () -> first.window().model().todos().allItems().stream()
                .anyMatch(item -> item.title().equals("buy milk") && !item.pending()));
        until("milk in the second window", () -> second.todoTitles().contains("buy milk"));

        lb.stop();
        until("the first window knows it is offline", 30,
                () -> !first.window().model().status().onlineProperty().get());

        for (String text : WRITTEN) {
            first.fill("#chat-input", text).type(KeyCode.ENTER);
        }
        first.fill("#todo-input", "buy eggs").type(KeyCode.ENTER); // todo change 1: an add
        first.click(first.inRow(first.todoRow("buy milk"), ".todo-check")); // todo change 2: a toggle
        assertFivePending(first);

        first = first.quitAndStartAgain(); // still offline
        until("signed in again without a password", () -> first.isShown("#main-view"));
        assertFivePending(first);
        assertThat(first.text("#status-line")).contains("not yet up to date");

        lb = startProxy(port);
        until("the first window is back", 90, () -> first.text("#status-line").startsWith("Connected"));
        until("everything written offline was answered", 30, () -> chat(first).stream()
                .filter(e -> WRITTEN.contains(e.text())).allMatch(e -> e.state() == ChatEntry.State.SENT)
                && first.window().model().todos().allItems().stream().noneMatch(TodoItem::pending));

        until("the second window has all three messages", 90,
                () -> second.chatTexts().containsAll(WRITTEN));
        assertThat(second.chatTexts().stream().filter(WRITTEN::contains).toList())
                .as("each exactly once, in the order written").containsExactlyElementsOf(WRITTEN);
        until("the second window has both todo changes", () -> second.todoTitles().equals(List.of("buy milk", "buy eggs"))
                && completed(second, "buy milk") && !completed(second, "buy eggs"));
        assertThat(first.todoTitles()).containsExactly("buy milk", "buy eggs");
    }

    private static void assertFivePending(ClientDriver window) {
        until("three messages queued and two todo changes pending", () -> {
            List<ChatEntry.Message> queued = chat(window).stream().filter(e -> WRITTEN.contains(e.text())).toList();
            List<TodoItem> todos = window.window().model().todos().allItems();
            return queued.size() == 3 && queued.stream().allMatch(e -> e.state() == ChatEntry.State.QUEUED)
                    && queued.stream().map(ChatEntry::text).toList().equals(WRITTEN)
                    && todos.size() == 2 && todos.stream().allMatch(TodoItem::pending)
                    && todos.get(0).title().equals("buy milk") && todos.get(0).completed()
                    && todos.get(1).title().equals("buy eggs");
        });
    }

    private static List<ChatEntry.Message> chat(ClientDriver window) {
        return fx(() -> window.window().model().chat().entries().stream().filter(ChatEntry.Message.class::isInstance)
                .map(ChatEntry.Message.class::cast).toList());
    }

    private static boolean completed(ClientDriver window, String title) {
        return fx(() -> window.window().model().todos().allItems().stream()
                .anyMatch(item -> item.title().equals(title) && item.completed()));
    }

    private static LoadBalancer startProxy(int listenPort) throws InterruptedException {
        return LoadBalancer.start(LbConfig.defaults(List.of(
                        new BackendSpec("s1", "127.0.0.1", cluster.port(1)),
                        new BackendSpec("s2", "127.0.0.1", cluster.port(2))))
                .withListen("127.0.0.1", listenPort)
                .withHealth(Duration.ofMillis(200), Duration.ofSeconds(2), 2, 2)
                .withDrainTimeout(Duration.ofSeconds(2)));
    }
}
