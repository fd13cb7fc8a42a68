package dev.tandem.system.client;

import static dev.tandem.system.client.ClientDriver.fx;
import static dev.tandem.system.client.ClientDriver.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.system.Cluster;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Chat between two real windows (two users) over a real server and Redis. */
@Timeout(120)
class ClientChatIT {
    private static Cluster cluster;
    private static ClientDriver alice;
    private static ClientDriver bob;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start(1, config -> config.withPbkdf2Iterations(1_000));
        ClientDriver.startToolkit();
        alice = ClientDriver.open(0).signedIn(cluster.port(1), "chat-alice", "password-alice");
        bob = ClientDriver.open(1).signedIn(cluster.port(1), "chat-bob", "password-bob");
    }

    @AfterAll
    static void stop() {
        for (ClientDriver window : new ClientDriver[] {alice, bob}) {
            if (window != null) {
                window.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aMessageSentWithEnterArrivesInTheOtherWindowAndTurnsSent() {
        alice.fill("#chat-input", "hello bob").type(KeyCode.ENTER);

        until("bob sees alice's message", () -> bob.chatRow("hello bob") != null);
        assertThat(alice.text("#chat-input")).isEmpty();
        until("alice's message is confirmed", () -> alice.window().model().chat().entries().stream()
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
    void consecutiveMessagesOfOneAuthorAreGrouped() {
        alice.fill("#chat-input", "first of two").type(KeyCode.ENTER);
        until("first arrives", () -> bob.chatRow("first of two") != null);
        alice.fill("#chat-input", "second of two").type(KeyCode.ENTER);
        until("second arrives", () -> bob.chatRow("second of two") != null);

        Node second = bob.chatRow("second of two");
        assertThat(fx(() -> second.getStyleClass().contains("continuation"))).isTrue();
    }
}
