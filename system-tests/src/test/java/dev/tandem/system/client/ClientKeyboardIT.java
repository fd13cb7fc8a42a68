package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.theme.ThemeChoice;
import dev.tandem.client.todos.TodoFilter;
import dev.tandem.client.todos.TodoItem;
import dev.tandem.server.support.TandemCluster;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Border;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole window by keyboard: Tab order (the filters are one stop, as radio buttons are; the room list too),
 * Tab in the composer, editing todos with F2 / Enter / Escape, arrows between todos, the shortcuts, and a visible
 * focus ring on everything Tab reaches, in both themes.
 */
@Timeout(150)
class ClientKeyboardIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(1_000));
    private static ClientDriver client;

    @BeforeAll
    static void start() throws Exception {
        ClientDriver.startToolkit();
        client = ClientDriver.open(0).created(cluster.port(1), "keys-kim", "password-kim");
        client.click("#account-created-close");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
    }

    /** Each test starts with an empty list, an empty composer and the light theme (not what is under test). */
    @BeforeEach
    void reset() {
        fx(() -> {
            var todos = client.window().model().todos();
            todos.filterProperty().set(TodoFilter.ALL);
            for (TodoItem item : List.copyOf(todos.allItems())) {
                todos.delete(item);
            }
            client.window().model().chat().draftProperty().set("");
            client.window().model().themeProperty().set(ThemeChoice.LIGHT);
            return null;
        });
        until("an empty list", () -> client.todoTitles().isEmpty());
    }

    @Test
    void tabInTheComposerMovesTheFocusAndTypesNoTab() {
        client.click("#chat-input").write("hello");
        client.type(KeyCode.TAB);
        until("the focus moved to Send", () -> client.focused().equals("#chat-send"));
        assertThat(client.text("#chat-input")).isEqualTo("hello");
        client.shift(KeyCode.TAB);
        until("back in the composer", () -> client.focused().equals("#chat-input"));
        client.ctrl(KeyCode.TAB);
        until("Ctrl+Tab moves on too", () -> client.focused().equals("#chat-send"));
        assertThat(client.text("#chat-input")).isEqualTo("hello");
    }

    @Test
    void tabRunsThroughTheHeaderTheChatAndTheTodosInOrder() {
        add("one");
        add("two");
        client.click(client.<Node>inRow(client.todoRow("one"), ".todo-check"));
        until("one is done", () -> client.isShown("#todo-clear-completed"));
        client.click("#chat-input").write("draft");

        List<String> order = new ArrayList<>();
        order.add(client.focused());
        for (int i = 0; i < 20 && (order.size() == 1 || !order.get(order.size() - 1).equals("#chat-input")); i++) {
            client.type(KeyCode.TAB);
            order.add(client.focused());
        }
        assertThat(order).containsExactly("#chat-input", "#chat-send",
                "#todo-toggle-all", "#todo-input",
                ".todo-check of one", ".todo-delete of one", ".todo-check of two", ".todo-delete of two",
                "#todo-filter-all", "#todo-clear-completed",
                "#quick-switcher", "#theme-toggle", "#about-button", "#sign-out", "#rooms-add", "#room-list",
                "#people-list", "#chat-input");

        // The filters are one stop, like radio buttons: the arrows move within them, Space picks one.
        for (int i = 0; i < 8 && !client.focused().equals("#todo-filter-all"); i++) {
            client.type(KeyCode.TAB);
        }
        client.type(KeyCode.RIGHT);
        until("the arrow moves to Active", () -> client.focused().equals("#todo-filter-active"));
        client.type(KeyCode.SPACE);
        until("Space picks it", () -> client.window().model().todos().filterProperty().get() == TodoFilter.ACTIVE);
        assertThat(client.todoTitles()).containsExactly("two");
    }

    @Test
    void theSignInScreenTabsThroughItsFieldsAndBothActions() {
        ClientDriver other = ClientDriver.open(1);
        try {
            other.fill("#signin-user", "someone").paste("#signin-password", "password-x1");
            other.click("#signin-server");
            List<String> order = new ArrayList<>(List.of(other.focused()));
            for (int i = 0; i < 5; i++) {
                other.type(KeyCode.TAB);
                order.add(other.focused());
            }
            assertThat(order).containsExactly("#signin-server", "#signin-user", "#signin-password", "#signin-submit",
                    "#signin-create", "#signin-server");
        } finally {
            other.close();
        }
    }

    @Test
    void f2OrEnterOnAFocusedTodoEditsItAndEscapeCancels() {
        add("first title");
        add("second");
        focusCheckOf("first title");

        client.type(KeyCode.F2);
        until("F2 opens the editor", () -> editorFocused());
        client.write("not this").type(KeyCode.ESCAPE);
        until("Escape cancels and the focus is back on the row", () -> client.focused().equals(".todo-check of first title"));
        assertThat(client.todoTitles()).containsExactly("first title", "second");

        client.type(KeyCode.ENTER);
        until("Enter opens the editor", () -> editorFocused());
        client.write("renamed").type(KeyCode.ENTER);
        until("Enter saves", () -> client.todoTitles().equals(List.of("renamed", "second")));
        assertThat(client.focused()).isEqualTo(".todo-check of renamed");

        // Down and Up move between the rows, on the same kind of control.
        client.type(KeyCode.DOWN);
        until("down", () -> client.focused().equals(".todo-check of second"));
        client.type(KeyCode.TAB);
        until("to the delete button", () -> client.focused().equals(".todo-delete of second"));
        client.type(KeyCode.UP);
        until("up", () -> client.focused().equals(".todo-delete of renamed"));
        client.type(KeyCode.F2);
        until("F2 on the delete button edits too", () -> editorFocused());
        client.type(KeyCode.ESCAPE);
        until("cancelled", () -> client.focused().equals(".todo-check of renamed"));

        // Space on the focused delete button deletes; the focus stays in the list.
        client.type(KeyCode.TAB);
        until("delete focused", () -> client.focused().equals(".todo-delete of renamed"));
        client.type(KeyCode.SPACE);
        until("deleted", () -> client.todoTitles().equals(List.of("second")));
        until("the focus moved to the next row", () -> client.focused().equals(".todo-delete of second"));
    }

    @Test
    void escapeInTheNewTodoFieldClearsIt() {
        client.fill("#todo-input", "half-typed").type(KeyCode.ESCAPE);
        until("cleared", () -> client.text("#todo-input").isEmpty());
    }

    @Test
    void theShortcutsFocusTheComposerAndTheNewTodoFieldAndTheTooltipsSaySo() {
        client.click("#todo-input");
        client.ctrl(KeyCode.L);
        until("Ctrl+L focuses the composer", () -> client.focused().equals("#chat-input"));
        client.ctrl(KeyCode.N);
        until("Ctrl+N focuses the new todo field", () -> client.focused().equals("#todo-input"));
        assertThat(fx(() -> client.<Control>node("#chat-input").getTooltip().getText())).contains("Ctrl+L");
        assertThat(fx(() -> client.<Control>node("#todo-input").getTooltip().getText())).contains("Ctrl+N");
        assertThat(fx(() -> client.<Control>node("#theme-toggle").getTooltip().getText())).contains("Ctrl+Shift+D");
        client.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
        until("Ctrl+Shift+D switches the theme", () -> client.window().model().themeProperty().get() == ThemeChoice.DARK);
    }

    @Test
    void whatTabReachesShowsAFocusRingInBothThemes() {
        add("ringed");
        for (ThemeChoice theme : ThemeChoice.values()) {
            fx(() -> {
                client.window().model().themeProperty().set(theme);
                return null;
            });
            focusCheckOf("ringed");
            Region box = client.inRow(client.todoRow("ringed"), ".todo-check > .box");
            Node delete = client.inRow(client.todoRow("ringed"), ".todo-delete");
            until(theme + ": the focused check box has a ring", () -> ring(box));
            assertThat(fx(() -> ring((Region) delete))).isFalse();

            client.type(KeyCode.TAB);
            until(theme + ": the focused delete button has a ring and shows", () -> ring((Region) delete)
                    && delete.getOpacity() == 1.0);
            assertThat(fx(() -> ring(box))).as("the check box lost its ring").isFalse();

            fx(() -> {
                client.window().model().chat().draftProperty().set("x"); // so that Send is enabled
                return null;
            });
            for (String id : new String[] {"#todo-filter-all", "#todo-toggle-all", "#theme-toggle", "#chat-send",
                    "#rooms-add", "#quick-switcher"}) {
                fx(() -> {
                    client.node(id).requestFocus();
                    return null;
                });
                until(theme + ": " + id + " has a ring", () -> client.node(id).isFocused() && ring(client.node(id)));
            }
        }
    }

    private static boolean editorFocused() {
        return client.nodes(".todo-edit").stream().anyMatch(n -> n.isVisible() && n.getScene() != null && n.isFocused());
    }

    /** Tabs from the new-todo field to the check box of {@code title}. */
    private static void focusCheckOf(String title) {
        client.click("#todo-input");
        for (int i = 0; i < 12 && !client.focused().equals(".todo-check of " + title); i++) {
            client.type(KeyCode.TAB);
        }
        assertThat(client.focused()).isEqualTo(".todo-check of " + title);
    }

    /** A ring: a border drawn in a visible colour (Primer itself draws none on these controls). */
    private static boolean ring(Region region) {
        Border border = region.getBorder();
        if (border == null || border.getStrokes().isEmpty()) {
            return false;
        }
        Paint paint = border.getStrokes().get(0).getTopStroke();
        return paint instanceof Color color && color.getOpacity() > 0.5
                && border.getStrokes().get(0).getWidths().getTop() >= 2;
    }

    private static void add(String title) {
        client.fill("#todo-input", title).type(KeyCode.ENTER);
        until("added " + title, () -> client.todoTitles().contains(title));
    }
}
