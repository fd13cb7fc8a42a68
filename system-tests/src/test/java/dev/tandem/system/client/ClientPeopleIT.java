package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.people.OnlineDot;
import dev.tandem.client.switcher.Choice;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.RoomNames;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * People, typing, notifications and the quick switcher in a real window, the other users being real protocol
 * clients on the same server: the people list and its dots follow who signs in and out, and a click opens the
 * DM; the typing line shows, keeps its height and goes (some 6 s after, or at once with the message), and the
 * window says when its own user types; a DM and a mention to a window in the back raise notifications, the
 * title counts the rooms, and a click on one brings the window to the front in that room; Ctrl+K filters
 * rooms, DMs and people, Enter opens one, Escape closes.
 */
@Timeout(150)
class ClientPeopleIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(1_000));
    private static final String ALICE = "ppl-alice";
    private static ClientDriver alice;
    /** Another application's window: what has the focus while alice's window is in the back. */
    private static Stage elsewhere;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        ClientDriver.startToolkit();
        alice = ClientDriver.open(0).created(cluster.port(1), ALICE, "password-alice");
        alice.click("#account-created-close");
        elsewhere = fx(() -> {
            Stage stage = new Stage();
            stage.setTitle("another app");
            stage.setScene(new Scene(new StackPane(new TextField("another app")), 300, 200));
            stage.setX(1300);
            stage.setY(0);
            stage.show();
            return stage;
        });
    }

    @AfterAll
    static void stop() {
        if (alice != null) {
            alice.close();
        }
        if (elsewhere != null) {
            fx(() -> {
                elsewhere.close();
                return null;
            });
        }
    }

    @BeforeEach
    void inFrontInGeneral() {
        fx(() -> alice.window().model().rooms().openRoom(RoomNames.GENERAL));
        alice.click("#chat-input");
    }

    // ---- people ----

    @Test
    void thePeopleListFollowsWhoComesAndGoesAndAClickOpensTheDm() {
        String bob = TandemCluster.newUser("ppl-bob");
        assertThat(personLabel(ALICE)).isEqualTo(ALICE + " (you)");
        try (TestClient client = TestClient.signIn(cluster.port(1), bob, "password-bob")) {
            until("bob shows with a green dot", () -> person(bob) != null && dotOf(person(bob)).isOnline());
            assertThat(alice.text("#people-count")).endsWith(" online");
            assertThat(alice.texts("#people-list", ".person-name").get(0)).as("oneself first")
                    .isEqualTo(ALICE + " (you)");

            alice.click(person(bob));
            until("the DM with bob is open", () -> current().equals(RoomNames.dm(ALICE, bob)));
            until("its line in the room list has bob's dot", () -> alice.nodes("#room-list .online-dot").stream()
                    .anyMatch(dot -> SceneChecks.shown(dot) && ((OnlineDot) dot).isOnline()));
        }
        until("bob is gone once his only window closed", () -> person(bob) == null);
    }

    // ---- typing ----

    @Test
    void theTypingLineShowsWhoTypesKeepsItsHeightAndGoes() {
        String carol = TandemCluster.newUser("ppl-carol");
        try (TestClient client = TestClient.signIn(cluster.port(1), carol, "password-carol")) {
            double height = fx(() -> alice.<Label>node("#typing-line").getHeight());
            assertThat(height).isPositive();

            client.send(new ClientMessage.Typing(RoomNames.GENERAL));
            until("carol is typing", () -> typingLine().equals(carol + " is typing…"));
            assertThat(fx(() -> alice.<Label>node("#typing-line").getHeight())).as("the chat does not jump")
                    .isEqualTo(height);
            until("it goes some 6 s after her last typing", () -> typingLine().isEmpty());

            client.send(new ClientMessage.Typing(RoomNames.GENERAL));
            until("typing again", () -> typingLine().equals(carol + " is typing…"));
            client.send(new ClientMessage.ChatSend("c-" + UUID.randomUUID(), RoomNames.GENERAL, "done typing"));
            Fx.until("her message ends it at once (long before 6 s)", 4, () -> typingLine().isEmpty());
            assertThat(alice.chatRow("done typing")).isNotNull();

            alice.fill("#chat-input", "hello carol");
            ServerMessage.Typing typing = client.await(ServerMessage.Typing.class, t -> true);
            assertThat(typing).isEqualTo(new ServerMessage.Typing(RoomNames.GENERAL, ALICE));
            assertThat(typingLine()).as("never oneself").isEmpty();
            fx(() -> {
                alice.window().model().chat().draftProperty().set("");
                return null;
            });
        }
    }

    // ---- notifications ----

    @Test
    void aDmAndAMentionToAMinimizedWindowNotifyAndAClickOpensTheRoom() {
        String dave = TandemCluster.newUser("ppl-dave");
        try (TestClient client = TestClient.signIn(cluster.port(1), dave, "password-dave")) {
            String dm = RoomNames.dm(ALICE, dave);
            client.send(new ClientMessage.DmOpen("d-1", ALICE));
            client.await(ServerMessage.RoomJoined.class, joined -> dm.equals(joined.summary().room()));
            until("alice has the DM", () -> alice.window().model().rooms().find(dm).isPresent());
            // Headless Monocle never takes the focus flag from a window, but minimizing it puts it in the back.
            fx(() -> {
                alice.window().stage().setIconified(true);
                return null;
            });

            client.send(new ClientMessage.ChatSend("d-2", RoomNames.GENERAL, "an ordinary message"));
            client.send(new ClientMessage.ChatSend("d-3", RoomNames.GENERAL, "@" + ALICE.toUpperCase() + " please look"));
            client.send(new ClientMessage.ChatSend("d-4", dm, "are you there?\nit is about the release"));
            untilCards(2, "a notification for the mention and one for the DM");
            assertThat(fx(() -> cards().stream().map(ClientPeopleIT::cardText).toList())).containsExactly(
                    "#general | Tandem | " + dave + " | @" + ALICE.toUpperCase() + " please look",
                    dave + " | Tandem | are you there? it is about the release");
            until("the title counts both rooms", () -> title().equals("(2) Tandem — " + ALICE));

            Node onDm = cards().get(1);
            robot.clickOn(onDm);
            until("the window is back in front, in the DM", () -> !alice.window().stage().isIconified()
                    && current().equals(dm));
            until("only the room not yet seen counts", () -> title().equals("(1) Tandem — " + ALICE));
            assertThat(cards()).hasSize(1);
            fx(() -> alice.window().model().rooms().openRoom(RoomNames.GENERAL));
            until("nothing counts once general is on screen too", () -> title().equals("Tandem — " + ALICE));
            until("a notification goes after some 6 s", () -> cards().isEmpty());
        }
    }

    // ---- quick switcher ----

    @Test
    void ctrlKFiltersRoomsAndPeopleAndEnterOpensOne() {
        String erin = TandemCluster.newUser("ppl-erin");
        String frank = TandemCluster.newUser("ppl-frank");
        try (TestClient withDm = TestClient.signIn(cluster.port(1), erin, "password-erin");
             TestClient online = TestClient.signIn(cluster.port(1), frank, "password-frank")) {
            String dm = RoomNames.dm(ALICE, erin);
            withDm.send(new ClientMessage.DmOpen("e-1", ALICE));
            until("alice has the DM with erin", () -> alice.window().model().rooms().find(dm).isPresent());
            until("frank is online", () -> person(frank) != null);
            assertThat(fx(() -> alice.<Control>node("#quick-switcher").getTooltip().getText()))
                    .contains("Ctrl+K");

            Stage switcher = openSwitcher();
            typeInto(switcher, "erin");
            until("erin's DM first", () -> firstChoice(switcher).equals(erin));
            press(switcher, KeyCode.ENTER);
            until("the DM with erin is open", () -> current().equals(dm) && !switcher.isShowing());

            openSwitcher();
            typeInto(switcher, "@" + frank);
            until("frank, to start a DM", () -> firstChoice(switcher).equals(frank));
            press(switcher, KeyCode.ENTER);
            until("the DM with frank is open", () -> current().equals(RoomNames.dm(ALICE, frank)));

            openSwitcher();
            typeInto(switcher, "gen");
            press(switcher, KeyCode.ESCAPE);
            until("Escape closes it", () -> !switcher.isShowing());
            assertThat(current()).isEqualTo(RoomNames.dm(ALICE, frank));
        }
    }

    // ---- helpers ----

    private static String current() {
        return alice.window().model().rooms().currentRoomProperty().get();
    }

    private static String title() {
        return fx(() -> alice.window().stage().getTitle());
    }

    private static String typingLine() {
        return alice.text("#typing-line");
    }

    private static Node person(String user) {
        return fx(() -> alice.nodes("#person-" + user).stream().filter(SceneChecks::shown).findFirst().orElse(null));
    }

    private static String personLabel(String user) {
        return fx(() -> SceneChecks.textOf(alice.inRow(person(user), ".person-name")));
    }

    private static OnlineDot dotOf(Node person) {
        return alice.inRow(person, ".online-dot");
    }

    /** The notification cards on screen, oldest first. */
    private static List<Node> cards() {
        return fx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof PopupWindow && w.isShowing() && w.getScene() != null)
                .map(w -> w.getScene().getRoot().lookup(".notification-card"))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparingDouble(card -> card.localToScreen(0, 0).getY()))
                .toList());
    }

    /** Waits for {@code count} notification cards; says which there are if they do not come. */
    private static void untilCards(int count, String what) {
        try {
            until(what, () -> cards().size() >= count);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; shown: "
                    + fx(() -> cards().stream().map(ClientPeopleIT::cardText).toList()) + ", window in front: "
                    + fx(() -> alice.window().stage().isFocused() + "/" + !alice.window().stage().isIconified()), e);
        }
    }

    /** The texts of a card's labels, in order, joined by " | ". FX thread. */
    private static String cardText(Node card) {
        return String.join(" | ", card.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList());
    }

    /** Ctrl+K in alice's window; returns the switcher's window once it shows. */
    private Stage openSwitcher() {
        alice.ctrl(KeyCode.K);
        until("the switcher shows", () -> switcher() != null);
        Stage switcher = fx(ClientPeopleIT::switcher);
        until("its field has the keyboard", () -> switcher.getScene().lookup("#switcher-field").isFocused());
        return switcher;
    }

    private static Stage switcher() {
        return Window.getWindows().stream()
                .filter(w -> w instanceof Stage && w.isShowing() && w.getScene().lookup("#switcher") != null)
                .map(Stage.class::cast).findFirst().orElse(null);
    }

    private void typeInto(Stage window, String text) {
        robot.targetWindow(window);
        robot.write(text, 0);
    }

    private void press(Stage window, KeyCode key) {
        robot.targetWindow(window);
        robot.type(key);
    }

    @SuppressWarnings("unchecked")
    private static String firstChoice(Stage switcher) {
        ListView<Choice> list = (ListView<Choice>) switcher.getScene().lookup("#switcher-list");
        return list.getItems().isEmpty() ? "" : list.getItems().get(0).title();
    }
}
