package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.system.demo.TandemScript;
import java.io.IOException;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A signed-in window across {@code ./tandem down} and {@code ./tandem up}, as someone running the backend
 * would do it: the window says it is reconnecting, keeps what is typed meanwhile, and comes back signed in
 * by itself (the cluster secret outlives the restart, so its resume token is still good) — no "session
 * expired", no password asked for, nothing lost.
 */
@Timeout(300)
class ClientTandemRestartIT {
    private static TandemScript tandem;
    private static int lbPort;
    private static ClientDriver window;

    @BeforeAll
    static void up() throws Exception {
        tandem = TandemScript.onFreePorts("tandem-window-");
        lbPort = tandem.lbPort();
        assertThat(tandem.run("up").exitCode()).as("./tandem up").isZero();
        ClientDriver.startToolkit();
        window = ClientDriver.open(0).created(lbPort, "restart-rita", "password-rita");
    }

    @AfterAll
    static void down() throws IOException {
        if (window != null) {
            window.close();
        }
        if (tandem == null) {
            return;
        }
        tandem.downAndWipe();
    }

    @Test
    void downAndUpLeaveTheWindowSignedInWithWhatWasTypedMeanwhile() {
        window.fill("#chat-input", "before the restart").type(KeyCode.ENTER);
        until("sent", () -> state("before the restart") == ChatEntry.State.SENT);

        assertThat(tandem.run("down").exitCode()).as("./tandem down").isZero();
        until("the window knows", 30, () -> !window.window().model().status().onlineProperty().get());
        window.fill("#chat-input", "while it was down").type(KeyCode.ENTER);
        assertThat(state("while it was down")).isEqualTo(ChatEntry.State.QUEUED);

        assertThat(tandem.run("up").exitCode()).as("./tandem up again").isZero();
        until("connected again by itself", 90, () -> window.text("#status-line").startsWith("Connected"));
        assertThat(window.isShown("#main-view")).isTrue();
        assertThat(window.window().model().signIn().messageProperty().get()).as("no 'session expired'").isEmpty();
        until("what was typed meanwhile is sent", 30, () -> state("while it was down") == ChatEntry.State.SENT);
        assertThat(window.chatTexts().stream().filter(t -> t.equals("before the restart") || t.equals("while it was down")))
                .containsExactly("before the restart", "while it was down");
    }

    private static ChatEntry.State state(String text) {
        return fx(() -> window.window().model().chat().entries().stream().filter(ChatEntry.Message.class::isInstance).map(ChatEntry.Message.class::cast).filter(e -> text.equals(e.text()))
                .map(ChatEntry.Message::state).findFirst().orElse(null));
    }
}
