package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.todos.TodoItem;
import dev.tandem.client.todos.TodosViewModel;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import dev.tandem.server.support.TandemCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * The TodoMVC behaviours through the real UI, with a second window of the same user that must follow
 * every change live (both windows share the list on their server).
 */
@Timeout(120)
class ClientTodosIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(1_000));
    private static ClientDriver one;
    private static ClientDriver two;

    @BeforeAll
    static void start() throws Exception {
        ClientDriver.startToolkit();
        one = ClientDriver.open(0).created(cluster.port(1), "todo-carol", "password-carol");
        two = ClientDriver.open(1).signedIn(cluster.port(1), "todo-carol", "password-carol");
    }

    @AfterAll
    static void stop() {
        for (ClientDriver window : new ClientDriver[] {one, two}) {
            if (window != null) {
                window.close();
            }
        }
    }

    /** Each test starts from an empty list (set up through the view model: not what is under test). */
    @BeforeEach
    void emptyList() {
        fx(() -> {
            TodosViewModel todos = one.window().model().todos();
            todos.filterProperty().set(dev.tandem.client.todos.TodoFilter.ALL);
            two.window().model().todos().filterProperty().set(dev.tandem.client.todos.TodoFilter.ALL);
            for (TodoItem item : List.copyOf(todos.allItems())) {
                todos.delete(item);
            }
            todos.commitUndoable(); // the last delete would wait for its undo offer to end
            return null;
        });
        until("both windows show an empty list",
                () -> one.todoTitles().isEmpty() && two.todoTitles().isEmpty()
                        && two.window().model().todos().allItems().isEmpty());
    }

    @Test
    void addTrimsRefusesEmptyTitlesAndCounts() {
        add(one, "  buy milk  ");
        until("the todo shows", () -> one.todoTitles().equals(List.of("buy milk")));
        assertThat(one.text("#todo-input")).isEmpty();
        assertThat(one.text("#todo-count")).isEqualTo("1 item left");

        one.fill("#todo-input", "   ").type(KeyCode.ENTER);
        add(one, "eggs");
        until("only the real todos show", () -> one.todoTitles().equals(List.of("buy milk", "eggs")));
        assertThat(one.text("#todo-count")).isEqualTo("2 items left");
        until("the other window follows", () -> two.todoTitles().equals(List.of("buy milk", "eggs")));
    }

    @Test
    void editingSavesOnEnterCancelsOnEscapeAndDeletesWhenEmptied() {
        add(one, "draft title");
        until("added", () -> one.todoRow("draft title") != null);

        edit(one, "draft title").write("final title").type(KeyCode.ENTER);
        until("renamed in both windows", () -> one.todoTitles().equals(List.of("final title"))
                && two.todoTitles().equals(List.of("final title")));

        edit(one, "final title").write("not this").type(KeyCode.ESCAPE);
        until("the edit is cancelled", () -> one.todoRow("final title") != null && one.nodes(".todo-edit").stream()
                .noneMatch(Node::isVisible));
        assertThat(one.todoTitles()).containsExactly("final title");

        edit(one, "final title").type(KeyCode.BACK_SPACE).type(KeyCode.ENTER);
        until("emptying the title deletes the todo", () -> one.todoTitles().isEmpty() && two.todoTitles().isEmpty());
    }

    @Test
    void toggleToggleAllFiltersAndClearCompletedKeepTheCounterRight() {
        add(one, "alpha");
        add(one, "beta");
        add(one, "gamma");
        until("three todos", () -> one.todoTitles().equals(List.of("alpha", "beta", "gamma")));
        assertThat(one.isShown("#todo-clear-completed")).isFalse();

        one.click(one.<CheckBox>inRow(one.todoRow("alpha"), ".todo-check"));
        until("one completed", () -> one.text("#todo-count").equals("2 items left"));
        assertThat(one.isShown("#todo-clear-completed")).isTrue();
        until("the other window counts it too", () -> two.text("#todo-count").equals("2 items left"));

        one.click("#todo-filter-active");
        until("active filter", () -> one.todoTitles().equals(List.of("beta", "gamma")));
        one.click("#todo-filter-completed");
        until("completed filter", () -> one.todoTitles().equals(List.of("alpha")));
        one.click("#todo-filter-all");
        until("all filter", () -> one.todoTitles().equals(List.of("alpha", "beta", "gamma")));

        one.click("#todo-toggle-all");
        until("all completed", () -> one.text("#todo-count").equals("0 items left"));
        until("the other window sees all completed", () -> two.text("#todo-count").equals("0 items left"));
        one.click("#todo-toggle-all");
        until("all active again", () -> one.text("#todo-count").equals("3 items left"));
        assertThat(one.isShown("#todo-clear-completed")).isFalse();

        one.click(one.<CheckBox>inRow(one.todoRow("alpha"), ".todo-check"));
        one.click(one.<CheckBox>inRow(one.todoRow("gamma"), ".todo-check"));
        until("two completed", () -> one.text("#todo-count").equals("1 item left"));
        one.click("#todo-clear-completed");
        until("completed ones cleared", () -> one.todoTitles().equals(List.of("beta")));
        assertThat(one.text("#todo-count")).isEqualTo("1 item left");
        until("clear completed hides", () -> !one.isShown("#todo-clear-completed"));
        until("the other window follows", () -> two.todoTitles().equals(List.of("beta")));
    }

    @Test
    void theDeleteButtonRemovesATodo() {
        add(one, "keep me");
        add(one, "delete me");
        until("added", () -> one.todoTitles().equals(List.of("keep me", "delete me")));
        Node row = one.todoRow("delete me");
        one.click(row); // hover shows the delete button
        one.click(one.<Node>inRow(row, ".todo-delete"));
        until("deleted in both windows", () -> one.todoTitles().equals(List.of("keep me"))
                && two.todoTitles().equals(List.of("keep me")));
    }

    @Test
    void aDeleteAndAClearCanBeUndoneFromTheBarAndWithCtrlZ() {
        add(one, "undo me");
        add(one, "done one");
        until("added", () -> two.todoTitles().equals(List.of("undo me", "done one")));
        Node row = one.todoRow("undo me");
        one.click(row);
        one.click(one.<Node>inRow(row, ".todo-delete"));
        until("the bar offers undo", () -> one.isShown("#todo-undo-bar")
                && one.text("#todo-undo-text").equals("Deleted \u201cundo me\u201d"));
        assertThat(one.todoTitles()).containsExactly("done one");
        one.click("#todo-undo");
        until("back in place", () -> one.todoTitles().equals(List.of("undo me", "done one")) && !one.isShown("#todo-undo-bar"));
        assertThat(two.todoTitles()).containsExactly("undo me", "done one"); // nothing was ever sent

        one.click(one.<CheckBox>inRow(one.todoRow("done one"), ".todo-check"));
        until("completed in the other window", () -> two.window().model().todos().itemsLeftProperty().get() == 1);
        one.click("#todo-clear-completed");
        until("cleared, with an offer", () -> one.todoTitles().equals(List.of("undo me"))
                && one.text("#todo-undo-text").equals("Cleared 1 completed todo"));
        one.click("#todo-input").ctrl(KeyCode.Z);
        until("Ctrl+Z brings it back", () -> one.todoTitles().equals(List.of("undo me", "done one")));

        one.click("#todo-clear-completed");
        one.click("#todo-undo-dismiss"); // × ends the offer: sent now
        until("cleared in both windows", () -> two.todoTitles().equals(List.of("undo me")) && !one.isShown("#todo-undo-bar"));
    }

    @Test
    void aChangeInTheSecondWindowShowsUpInTheFirst() {
        add(two, "from window two");
        until("the first window shows it", () -> one.todoTitles().equals(List.of("from window two")));

        two.click(two.<CheckBox>inRow(two.todoRow("from window two"), ".todo-check"));
        until("the first window shows it completed", () -> one.text("#todo-count").equals("0 items left")
                && one.<CheckBox>inRow(one.todoRow("from window two"), ".todo-check").isSelected());
    }

    private static void add(ClientDriver window, String title) {
        window.fill("#todo-input", title).type(KeyCode.ENTER);
    }

    /** Double-clicks a todo's title: its editor opens with the whole title selected. */
    private static ClientDriver edit(ClientDriver window, String title) {
        window.doubleClick(window.inRow(window.todoRow(title), ".todo-title"));
        until("the editor opens", () -> window.nodes(".todo-edit").stream().anyMatch(n -> n.isVisible()
                && n.getScene() != null && n.isFocused()));
        return window;
    }
}
