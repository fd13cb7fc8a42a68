package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tandem.client.chat.ChatEntry;
import dev.tandem.client.settings.Settings;
import dev.tandem.client.settings.WindowPlacement;
import dev.tandem.client.theme.ThemeChoice;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ServerMessage;
import java.util.List;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The window's layout: nothing cut at the smallest size or larger, in both themes, on the sign-in screen and the
 * main screen with its longest texts (a refused message with "Retry", a todo error, the offline state); a split
 * and a window placement remembered across a close and a reopen on the same settings; sensible, cascaded,
 * on-screen opening places.
 */
@Timeout(150)
class ClientLayoutIT {
    /**
     * Three messages a second but a burst of one: the client, which paces to the rate, sends up to three at once
     * and the server refuses the ones after the first, as the fastest typist would see; one at a time
     * everything goes through.
     */
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1,
            config -> config.withPbkdf2Iterations(1_000).withRateLimit(3, 1));
    private final List<ClientDriver> windows = new java.util.ArrayList<>();

    @BeforeAll
    static void startToolkit() throws Exception {
        ClientDriver.startToolkit();
    }

    @AfterEach
    void closeWindows() {
        windows.forEach(ClientDriver::close);
    }

    @Test
    void noTextIsCutOnTheSignInScreenAtTheSmallestSizeOrLarger() {
        ClientDriver client = keep(ClientDriver.open(0));
        // The longest messages the card shows: an unreachable server, and the name rules.
        client.signIn(1, "ui-nobody", "password-x1");
        until("the unreachable message", () -> client.isShown("#signin-error"));
        for (ThemeChoice theme : ThemeChoice.values()) {
            fx(() -> {
                client.window().model().themeProperty().set(theme);
                return null;
            });
            for (double[] size : new double[][] {{800, 500}, {1100, 720}, {1600, 900}}) {
                client.resize(size[0], size[1]);
                assertThat(client.cutLabels()).as(theme + " at " + size[0] + "x" + size[1]).isEmpty();
                assertThat(client.isShown("#signin-error")).isTrue();
            }
        }
        client.fill("#signin-user", "Bad Name!").paste("#signin-password", "password-x1").click("#signin-submit");
        until("the name rules", () -> client.text("#signin-error").contains("is not a valid user name"));
        client.resize(800, 500);
        assertThat(client.cutLabels()).isEmpty();
    }

    @Test
    void noTextIsCutOnTheMainScreenAtTheSmallestSize() {
        ClientDriver client = keep(ClientDriver.open(0)).created(cluster.port(1), "layout-lena", "password-lena");
        ClientDriver second = keep(ClientDriver.open(1)).signedIn(cluster.port(1), "layout-lena", "password-lena");
        // Five messages and five todos at once (the server's burst of one answers most with rate_limited, which
        // the outbox simply sends again). A refusal for good is rare through this UI, so one message and one
        // todo are refused the way the server would refuse them (an error naming their client id) — what the
        // layout must show: "Retry" on the message, the reason in the todo pane.
        fx(() -> {
            var chat = client.window().model().chat();
            chat.draftProperty().set("A first message, long enough to wrap over more than one line in the narrow chat "
                    + "pane of the smallest window, with a link https://example.org/a/rather/long/path?and=query");
            chat.send();
            for (int i = 2; i <= 5; i++) {
                chat.draftProperty().set("message " + i + " of a burst");
                chat.send();
            }
            var todos = second.window().model().todos();
            todos.newTitleProperty().set("A todo with a title long enough to wrap in the narrow todo pane of the window");
            todos.add();
            for (int i = 2; i <= 5; i++) {
                todos.newTitleProperty().set("todo " + i + " of a burst");
                todos.add();
            }
            chat.restoreQueued("layout-lena", List.of(new ClientMessage.ChatSend("refused-c1",
                    "A message the server refused, with a reason long enough to wrap in the narrow pane")));
            chat.error(new ServerMessage.Error("invalid", "text holds something this server does not accept", "refused-c1"));
            todos.restoreQueued(List.of(new ClientMessage.TodoAdd("refused-t1", "a refused todo")));
            todos.error(new ServerMessage.Error("limit_reached", "1000 todos", "refused-t1"));
            return null;
        });
        until("the refused message offers Retry", () -> client.window().model().chat().entries().stream().filter(ChatEntry.Message.class::isInstance).map(ChatEntry.Message.class::cast)
                .anyMatch(e -> e.state() == ChatEntry.State.FAILED)
                && client.nodes(".chat-retry").stream().anyMatch(client::shown));
        until("the refused todo says so", () -> second.isShown("#todo-error"));
        until("the accepted todos show in both", () -> !client.todoTitles().isEmpty()
                && client.todoTitles().equals(second.todoTitles()));
        for (ThemeChoice theme : ThemeChoice.values()) {
            fx(() -> {
                client.window().model().themeProperty().set(theme);
                return null;
            });
            for (ClientDriver window : List.of(client, second)) {
                window.resize(800, 500);
                assertThat(window.cutLabels()).as(theme + " at 800x500").isEmpty();
                window.resize(1300, 850);
                assertThat(window.cutLabels()).as(theme + " at 1300x850").isEmpty();
            }
        }

        // The chat pane at its narrowest (the divider dragged all the way right) still cuts nothing.
        client.resize(800, 500);
        Node divider = client.node("#main-split > .split-pane-divider");
        client.mouse().drag(divider, 600);
        assertThat(client.cutLabels()).as("divider far right").isEmpty();
        client.mouse().drag(divider, -800);
        assertThat(client.cutLabels()).as("divider far left").isEmpty();

        // Offline: the status line counts down with "Retry now", the composer says what happens to a message.
        cluster.stop(1);
        until("reconnecting", () -> client.text("#status-line").startsWith("Reconnecting"));
        until("offline composer hint", () -> client.text("#chat-hint").startsWith("Offline"));
        client.resize(800, 500);
        assertThat(client.cutLabels()).as("offline at 800x500").isEmpty();
        assertThat(client.isShown("#status-line")).isTrue();
        cluster.restart(1);
    }

    @Test
    void theSplitAndThePlacementAreRememberedAcrossACloseAndAReopen() {
        String node = "dev/tandem/system-tests/" + UUID.randomUUID();
        ClientDriver first = ClientDriver.openWith(node, 0).created(cluster.port(1), "layout-sid", "password-sid");
        fx(() -> {
            Stage stage = first.window().stage();
            stage.setX(140);
            stage.setY(60);
            stage.setWidth(1000);
            stage.setHeight(640);
            return null;
        });
        first.resize(1000, 640);
        Node divider = first.node("#main-split > .split-pane-divider");
        double before = fx(() -> first.<SplitPane>node("#main-split").getDividerPositions()[0]);
        first.mouse().drag(divider, -120); // the user gives the todo pane more room
        double moved = fx(() -> first.<SplitPane>node("#main-split").getDividerPositions()[0]);
        assertThat(moved).isLessThan(before - 0.05);
        first.closeKeepingSettings();

        ClientDriver second = keep(ClientDriver.openWith(node, 0));
        Stage stage = second.window().stage();
        assertThat(fx(() -> List.of(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())))
                .containsExactly(140.0, 60.0, 1000.0, 640.0);
        until("the split is laid out", () -> second.<SplitPane>node("#main-split").getWidth() > 0);
        assertThat(fx(() -> second.<SplitPane>node("#main-split").getDividerPositions()[0])).isCloseTo(moved, within(0.01));
    }

    @Test
    void aMaximizedWindowOpensMaximizedAndKeepsItsNormalSize() {
        String node = "dev/tandem/system-tests/" + UUID.randomUUID();
        ClientDriver first = ClientDriver.openWith(node, 0);
        fx(() -> {
            Stage stage = first.window().stage();
            stage.setX(100);
            stage.setY(50);
            stage.setWidth(900);
            stage.setHeight(600);
            return null;
        });
        first.resize(900, 600);
        fx(() -> {
            first.window().stage().setMaximized(true);
            return null;
        });
        until("maximized", () -> first.window().stage().isMaximized());
        first.closeKeepingSettings();
        assertThat(Settings.at(node).windowPlacement()).contains(new WindowPlacement(100, 50, 900, 600, true));

        ClientDriver second = keep(ClientDriver.openWith(node, 0));
        until("it opens maximized", () -> second.window().stage().isMaximized());
    }

    @Test
    void windowsOpenAtASensibleSizeCascadedAndOnScreen() {
        ClientDriver first = keep(ClientDriver.openWith("dev/tandem/system-tests/" + UUID.randomUUID(), 0));
        ClientDriver second = keep(ClientDriver.openWith("dev/tandem/system-tests/" + UUID.randomUUID(), 1));
        Stage one = first.window().stage();
        Stage two = second.window().stage();
        assertThat(fx(one::getWidth)).isEqualTo(WindowPlacement.DEFAULT_WIDTH);
        assertThat(fx(one::getHeight)).isGreaterThan(WindowPlacement.MIN_HEIGHT);
        assertThat(fx(() -> two.getX() - one.getX())).isEqualTo(WindowPlacement.CASCADE_STEP);
        assertThat(fx(() -> two.getY() - one.getY())).isEqualTo(WindowPlacement.CASCADE_STEP);

        // A placement remembered on a screen that is gone (far right of this one) comes back onto the screen.
        String node = "dev/tandem/system-tests/" + UUID.randomUUID();
        Settings.at(node).rememberWindowPlacement(new WindowPlacement(9000, 4000, 900, 600, false));
        ClientDriver lost = keep(ClientDriver.openWith(node, 0));
        var screen = fx(() -> Screen.getPrimary().getVisualBounds());
        Stage stage = lost.window().stage();
        assertThat(fx(() -> screen.contains(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()))).isTrue();
        assertThat(fx(stage::getWidth)).isEqualTo(900.0);
    }

    private ClientDriver keep(ClientDriver window) {
        windows.add(window);
        return window;
    }
}
