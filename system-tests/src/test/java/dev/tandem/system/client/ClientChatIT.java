package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.model.ClientMessage;
import dev.tandem.server.support.TestClient;
import javafx.scene.control.ScrollPane;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.tandem.server.support.TandemCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/** Chat between two real windows (two users) over a real server and Redis. */
@Timeout(120)
class ClientChatIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(1_000));
    private static ClientDriver alice;
    private static ClientDriver bob;

    @BeforeAll
    static void start() throws Exception {
        ClientDriver.startToolkit();
        alice = ClientDriver.open(0).created(cluster.port(1), "chat-alice", "password-alice");
        bob = ClientDriver.open(1).created(cluster.port(1), "chat-bob", "password-bob");
    }

    @AfterAll
    static void stop() {
        for (ClientDriver window : new ClientDriver[] {alice, bob}) {
            if (window != null) {
                window.close();
            }
        }
    }

    @Test
    void aMessageSentWithEnterArrivesInTheOtherWindowAndTurnsSent() {
        alice.fill("#chat-input", "hello bob").type(KeyCode.ENTER);

        until("bob sees alice's message", () -> bob.chatRow("hello bob") != null);
        assertThat(alice.text("#chat-input")).isEmpty();
        until("alice's message is confirmed", () -> alice.window().model().chat().entries().stream().filter(ChatEntry.Message.class::isInstance).map(ChatEntry.Message.class::cast)
                .anyMatch(e -> e.text().equals("hello bob") && e.state() == ChatEntry.State.SENT));

        Node atBob = bob.chatRow("hello bob");
        assertThat(bob.<javafx.scene.control.Label>inRow(atBob, ".chat-author").getText()).isEqualTo("chat-alice");
        assertThat(fx(() -> atBob.getStyleClass().contains("own"))).isFalse();
        Node atAlice = alice.chatRow("hello bob");
        assertThat(fx(() -> atAlice.getStyleClass().contains("own"))).isTrue();
        assertThat(alice.<javafx.scene.control.Label>inRow(atAlice, ".chat-author").getText())
                .isEqualTo("chat-alice (you)");
    }

    @Test
    void shiftEnterAddsALineAndEnterSendsBothLines() {
        bob.click("#chat-input").write("line one").shiftEnter().write("line two");
        assertThat(bob.text("#chat-input")).isEqualTo("line one\nline two");
        bob.type(KeyCode.ENTER);

        until("alice sees both lines in one message", () -> alice.chatRow("line one\nline two") != null);
        assertThat(bob.text("#chat-input")).isEmpty();
    }

    @Test
    void aWindowSignedInLaterShowsTheHistory() {
        alice.fill("#chat-input", "for the history").type(KeyCode.ENTER);
        until("confirmed", () -> alice.window().model().chat().entries().stream().filter(ChatEntry.Message.class::isInstance).map(ChatEntry.Message.class::cast)
                .anyMatch(e -> e.text().equals("for the history") && e.state() == ChatEntry.State.SENT));

        ClientDriver carol = ClientDriver.open(0);
        try {
            carol.created(cluster.port(1), "chat-carol", "password-carol");
            until("carol sees the history", () -> carol.chatRow("for the history") != null);
        } finally {
            carol.close();
        }
    }

    @Test
    void scrolledUpTheListStaysAndJumpToLatestCountsNewMessages() {
        try (TestClient dave = TestClient.signIn(cluster.port(1), "chat-dave", "password-dave")) {
            for (int i = 1; i <= 30; i++) {
                dave.send(new ClientMessage.ChatSend("fill-" + i, "filler message " + i));
            }
            until("the list is long enough to scroll", () -> bob.chatRow("filler message 30") != null);
            until("bob follows the newest message", () -> bob.window().model().chat().atBottomProperty().get());
            assertThat(bob.isShown("#chat-jump-latest")).isFalse();

            bob.mouse().dragScrollBarUp(bob.node("#chat-scroll"), 400);
            until("jump to latest shows", () -> bob.isShown("#chat-jump-latest"));
            double position = fx(() -> bob.<ScrollPane>node("#chat-scroll").getVvalue());

            dave.send(new ClientMessage.ChatSend("new-1", "while you were reading 1"));
            dave.send(new ClientMessage.ChatSend("new-2", "while you were reading 2"));
            until("the button counts them", () -> bob.text("#chat-jump-latest").equals("Jump to latest (2)"));
            assertThat(fx(() -> bob.<ScrollPane>node("#chat-scroll").getVvalue())).isLessThan(1.0);
            assertThat(position).isLessThan(1.0);

            bob.click("#chat-jump-latest");
            until("back at the bottom", () -> !bob.isShown("#chat-jump-latest")
                    && bob.<ScrollPane>node("#chat-scroll").getVvalue() == bob.<ScrollPane>node("#chat-scroll").getVmax());
        }
    }

    @Test
    void consecutiveMessagesOfOneAuthorAreGrouped() {
        alice.fill("#chat-input", "first of two").type(KeyCode.ENTER);
        until("first arrives", () -> bob.chatRow("first of two") != null);
        alice.fill("#chat-input", "second of two").type(KeyCode.ENTER);
        until("second arrives", () -> bob.chatRow("second of two") != null);

        Node second = bob.chatRow("second of two");
        assertThat(fx(() -> second.getStyleClass().contains("continuation"))).isTrue();
    }
}
