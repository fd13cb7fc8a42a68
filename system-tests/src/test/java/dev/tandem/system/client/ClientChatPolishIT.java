package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The chat as it reads: day separators over a history that spans days, links that open in the browser (and
 * nothing else that does), text that can be selected and copied, and a composer that grows with its text.
 */
@Timeout(150)
class ClientChatPolishIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(1_000));
    /** Where the server keeps the chat (server/.../chat/ChatKeys): the conversation of earlier days goes there. */
    private static final String SEQUENCE = "tandem:chat:seq";
    private static final String HISTORY = "tandem:chat:history";
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final LocalDate TODAY = LocalDate.now(ZONE);
    /** A day in a year that is not this one, so its separator carries the year. */
    private static final LocalDate LONG_AGO = TODAY.minusYears(2).withMonth(3).withDayOfMonth(14);
    private static ClientDriver reader;

    @BeforeAll
    static void start() throws Exception {
        // A conversation of earlier days, as the server would have kept it; the server reads it on start.
        cluster.stop(1);
        List<ChatMessage> earlier = List.of(
                message(1, "ben", "Kick-off notes are in the shared folder.", LONG_AGO, 9, 15),
                message(2, "ann", "Thanks, reading now.", LONG_AGO, 9, 16),
                message(3, "ben", "Friday deploy went fine.", TODAY.minusDays(3), 16, 40),
                message(4, "cleo", "Late one: anyone around tomorrow morning?", TODAY.minusDays(1), 21, 58),
                message(5, "ben", "Good morning!", TODAY, 0, 1));
        for (ChatMessage message : earlier) {
            cluster.admin().rpush(HISTORY, Codec.get().encode(message));
        }
        cluster.admin().set(SEQUENCE, Long.toString(earlier.size()));
        cluster.restart(1);
        ClientDriver.startToolkit();
        reader = ClientDriver.open(0).created(cluster.port(1), "polish-pia", "password-pia");
    }

    @AfterAll
    static void stop() {
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void daySeparatorsStandAboveTheFirstMessageOfEachDay() {
        until("the history shows", () -> reader.chatRow("Good morning!") != null);
        String threeDaysAgo = TODAY.minusDays(3).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + TODAY.minusDays(3).getDayOfMonth() + " "
                + TODAY.minusDays(3).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + (TODAY.minusDays(3).getYear() == TODAY.getYear() ? "" : " " + TODAY.minusDays(3).getYear());
        String longAgo = LONG_AGO.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " 14 March "
                + LONG_AGO.getYear();
        assertThat(separatorAbove("Kick-off notes are in the shared folder.")).isEqualTo(longAgo);
        assertThat(separatorAbove("Thanks, reading now.")).isNull();
        assertThat(separatorAbove("Friday deploy went fine.")).isEqualTo(threeDaysAgo);
        assertThat(separatorAbove("Late one: anyone around tomorrow morning?")).isEqualTo("Yesterday");
        assertThat(separatorAbove("Good morning!")).isEqualTo("Today");
        assertThat(reader.texts("#chat-list", ".chat-day-text"))
                .containsExactly(longAgo, threeDaysAgo, "Yesterday", "Today");
    }

    @Test
    void aLinkInAMessageIsALinkAndOpensInTheBrowser() {
        try (TestClient dan = TestClient.signIn(cluster.port(1), "polish-dan", "password-dan")) {
            dan.send(new ClientMessage.ChatSend("link-1", "Notes: https://example.org/notes?id=7. Not a link: ftp://x.org"));
            until("the message shows", () -> reader.chatRow("Notes: https://example.org/notes?id=7. Not a link: ftp://x.org") != null);
        }
        Node row = reader.chatRow("Notes: https://example.org/notes?id=7. Not a link: ftp://x.org");
        List<Text> links = fx(() -> new FxRobot().from(row).lookup(".chat-link").queryAllAs(Text.class).stream().toList());
        assertThat(fx(() -> links.stream().map(Text::getText).toList())).containsExactly("https://example.org/notes?id=7");
        Text link = links.get(0);
        // The underline comes from the stylesheet, applied at the pulse after the row was added.
        until("the link is styled", link::isUnderline);
        assertThat(fx(link::isUnderline)).isTrue();
        assertThat(fx(link::getCursor)).isEqualTo(Cursor.HAND);

        reader.click(link);
        until("the browser hook got the address", () -> reader.openedLinks().equals(List.of("https://example.org/notes?id=7")));
        // The plain text around it opens nothing.
        reader.click(reader.<Node>inRow(row, ".chat-run"));
        assertThat(reader.openedLinks()).hasSize(1);
    }

    @Test
    void partOfAMessageCanBeSelectedWithTheMouseAndCopied() {
        String text = "Select the middle words of this message";
        try (TestClient eve = TestClient.signIn(cluster.port(1), "polish-eve", "password-eve")) {
            eve.send(new ClientMessage.ChatSend("sel-1", text));
            until("the message shows", () -> reader.chatRow(text) != null);
        }
        TextFlow flow = reader.inRow(reader.chatRow(text), ".chat-text");
        // The list follows the newest message: wait until the row stops moving before aiming the mouse at it
        // (on a loaded machine the drag could otherwise start where the text was a pulse ago).
        Bounds[] last = new Bounds[1];
        until("the row has settled", () -> {
            Bounds now = flow.localToScreen(flow.getBoundsInLocal());
            boolean settled = now != null && now.equals(last[0]) && reader.window().model().chat().atBottomProperty().get();
            last[0] = now;
            return settled;
        });
        // From the start of "middle" to the end of "words": the characters' boxes, from the flow itself.
        int from = text.indexOf("middle");
        int to = text.indexOf(" of");
        Bounds start = fx(() -> flow.localToScreen(shapeBounds(flow, from, from + 1)));
        Bounds end = fx(() -> flow.localToScreen(shapeBounds(flow, to - 1, to)));
        reader.mouse().dragOnScreen(start.getMinX() + 1, start.getCenterY(), end.getMaxX() - 1, end.getCenterY());
        until("a highlight shows", () -> !new FxRobot().from(flow).lookup(".chat-selection").queryAs(javafx.scene.shape.Path.class)
                .getElements().isEmpty());
        reader.ctrl(KeyCode.C);
        until("the selection is on the clipboard", () -> "middle words".equals(Clipboard.getSystemClipboard().getString()));

        // Clicking into the composer ends the selection. The row on screen is looked up again: the list may
        // have rebuilt its rows since (a node taken out of the scene keeps its highlight, but nobody sees it).
        reader.click("#chat-input");
        // Under Monocle the robot's click can land while the drag's gesture is still being delivered to the
        // text (its release not yet processed), and then the text keeps the focus; a person's click cannot.
        // Click again only in that case: what is asserted is that the composer taking the focus ends it.
        if (!fx(() -> reader.<Node>node("#chat-input").isFocused())) {
            reader.click("#chat-input");
        }
        until("the composer has the focus", () -> reader.<Node>node("#chat-input").isFocused());
        until("the highlight goes", () -> new FxRobot().from(reader.<TextFlow>inRow(reader.chatRow(text), ".chat-text"))
                .lookup(".chat-selection").queryAs(javafx.scene.shape.Path.class).getElements().isEmpty());

        // A double-click selects a word (and the list's scroll pane does not take the focus, and the word, away).
        TextFlow shown = reader.inRow(reader.chatRow(text), ".chat-text");
        Bounds word = fx(() -> shown.localToScreen(shapeBounds(shown, text.indexOf("message"), text.indexOf("message") + 3)));
        reader.mouse().doubleClickOnScreen(word.getCenterX(), word.getCenterY());
        reader.ctrl(KeyCode.C);
        until("the word is on the clipboard", () -> "message".equals(Clipboard.getSystemClipboard().getString()));
    }

    @Test
    void theComposerGrowsWithItsTextUpToSixLinesThenScrolls() {
        reader.click("#chat-input");
        TextArea input = reader.node("#chat-input");
        double oneLine = fx(input::getHeight);
        reader.write("one").shiftEnter().write("two").shiftEnter().write("three");
        until("three lines tall", () -> input.getPrefRowCount() == 3 && input.getHeight() > oneLine);
        double threeLines = fx(input::getHeight);
        for (int i = 4; i <= 10; i++) {
            reader.shiftEnter().write("line " + i);
        }
        until("six lines tall, no more", () -> input.getHeight() > threeLines && input.getPrefRowCount() == 6);
        double sixLines = fx(input::getHeight);
        reader.shiftEnter().write("line 11");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(input::getHeight)).isEqualTo(sixLines);
        assertThat(fx(() -> new FxRobot().from(input).lookup(".scroll-bar:vertical").queryAll().stream()
                .anyMatch(Node::isVisible))).as("the text scrolls").isTrue();

        reader.type(KeyCode.ENTER); // sent: back to one line
        until("one line again", () -> input.getText().isEmpty() && input.getPrefRowCount() == 1
                && Math.abs(input.getHeight() - oneLine) <= 1.5);
    }

    private static String separatorAbove(String text) {
        return fx(() -> {
            Node message = reader.chatRow(text);
            Node row = message.getParent();
            return new FxRobot().from(row).lookup(".chat-day").queryAll().stream().filter(Node::isVisible)
                    .findFirst().map(day -> SceneChecks.textOf(new FxRobot().from(day).lookup(".chat-day-text").query()))
                    .orElse(null);
        });
    }

    private static Bounds shapeBounds(TextFlow flow, int from, int to) {
        javafx.scene.shape.Path path = new javafx.scene.shape.Path(flow.rangeShape(from, to));
        return path.getBoundsInLocal();
    }

    private static ChatMessage message(long id, String author, String text, LocalDate day, int hour, int minute) {
        Instant at = day.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
        return new ChatMessage(id, author, text, at, "old-" + id, "s1");
    }
}
