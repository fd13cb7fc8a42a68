package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TestClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Every TodoMVC behaviour in the page, with the list shared live between two browser windows of one user
 * (each signed in on its own: a window's session is its own) and a desktop-protocol client of that user
 * ({@link TestClient}), all three through the proxy to the user's server.
 */
@Timeout(180)
class WebTodosIT {
    @RegisterExtension
    static final WebRig rig = new WebRig();
    static final String PASSWORD = "password-todos";
    static String user;
    static WebPage page;
    static WebPage other;
    static TestClient desk;

    @BeforeAll
    static void signIn() {
        user = rig.userOn("s2", "todo");
        page = rig.browser().open(rig.url()).signIn(user, PASSWORD, true);
        other = rig.browser().open(rig.url()).signIn(user, PASSWORD, false);
        desk = TestClient.signIn(rig.proxyPort(), user, PASSWORD);
        assertThat(page.serverId()).isEqualTo("s2");
        assertThat(other.serverId()).isEqualTo("s2");
        assertThat(desk.welcome().serverId()).isEqualTo("s2");
    }

    @AfterAll
    static void close() {
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void everyTodoMvcBehaviourIsSharedByBothWindowsAndTheDesktopClient() {
        page.until("an empty list to start from", () -> page.todoTitles().isEmpty());
        // add
        page.addTodo("buy milk");
        page.addTodo("write report");
        page.addTodo("call bob");
        expectBoth(List.of("buy milk", "write report", "call bob"));
        assertThat(page.todoCount()).isEqualTo("3 items left");
        assertThat(page.find("#new-todo").getAttribute("value")).isEmpty();
        desk.await(ServerMessage.TodoChanged.class, c -> c.upserted().stream().anyMatch(t -> t.title().equals("call bob")));

        // toggle, in the other window
        other.toggleTodo("write report");
        page.until("completed in the first window", () -> page.completedTitles().equals(List.of("write report")));
        assertThat(page.todoCount()).isEqualTo("2 items left");
        assertThat(page.find("#clear-completed").isDisplayed()).isTrue();

        // edit by double-click; Enter commits
        page.renameTodo("buy milk", "buy oat milk");
        expectBoth(List.of("buy oat milk", "write report", "call bob"));
        // Escape cancels an edit
        new Actions(page.driver()).doubleClick(page.todoRow("call bob").findElement(
                org.openqa.selenium.By.cssSelector("label"))).perform();
        WebElement edit = page.find("#todo-list li.editing .edit");
        edit.sendKeys(" changed", Keys.ESCAPE);
        page.until("edit cancelled", () -> page.todoTitles().equals(List.of("buy oat milk", "write report", "call bob")));

        // filters
        page.find("#todo-filters a[data-filter=active]").click();
        page.until("active filter", () -> page.todoTitles().equals(List.of("buy oat milk", "call bob")));
        assertThat(page.driver().getCurrentUrl()).endsWith("#/active");
        page.find("#todo-filters a[data-filter=completed]").click();
        page.until("completed filter", () -> page.todoTitles().equals(List.of("write report")));
        page.find("#todo-filters a[data-filter=all]").click();
        page.until("all filter", () -> page.todoTitles().size() == 3);

        // toggle all: everything checked, then everything unchecked
        page.find("label[for=toggle-all]").click();
        page.until("all completed", () -> page.completedTitles().size() == 3);
        other.until("all completed elsewhere", () -> other.completedTitles().size() == 3);
        assertThat(page.todoCount()).isEqualTo("0 items left");
        assertThat(page.find("#toggle-all").isSelected()).isTrue();
        page.find("label[for=toggle-all]").click();
        page.until("none completed", () -> page.completedTitles().isEmpty());
        assertThat(page.todoCount()).isEqualTo("3 items left");

        // clear completed
        page.toggleTodo("call bob");
        page.until("one completed", () -> page.completedTitles().equals(List.of("call bob")));
        page.find("#clear-completed").click();
        expectBoth(List.of("buy oat milk", "write report"));
        page.until("clear-completed hidden", () -> !page.find("#clear-completed").isDisplayed());

        // delete with the ×, and by an edit that leaves the title empty
        other.deleteTodo("write report");
        expectBoth(List.of("buy oat milk"));
        assertThat(page.todoCount()).isEqualTo("1 item left");
        page.renameTodo("buy oat milk", Keys.BACK_SPACE.toString());
        expectBoth(List.of());
        page.until("list and footer hidden", () -> !page.find("#todo-main").isDisplayed()
                && !page.find("#todo-footer").isDisplayed());

        // a todo the desktop client adds shows in both windows
        desk.send(new ClientMessage.TodoAdd(UUID.randomUUID().toString(), "from the desktop"));
        expectBoth(List.of("from the desktop"));
    }

    @Test
    void markupInATodoTitleIsShownAsText() {
        String attack = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script><i>x</i>";
        page.addTodo(attack);
        desk.send(new ClientMessage.TodoAdd(UUID.randomUUID().toString(), attack + " desk"));
        for (WebPage window : List.of(page, other)) {
            window.until("markup shown as text", () -> window.todoTitles().containsAll(List.of(attack, attack + " desk")));
            Long injected = window.js("return document.querySelectorAll('#todo-list img, #todo-list script, #todo-list i').length");
            assertThat(injected).isZero();
            assertThat((Object) window.js("return window.__xss")).isNull();
        }
        // Clean up for the other test, whichever runs first.
        for (String title : List.of(attack, attack + " desk")) {
            page.deleteTodo(title);
        }
        page.until("cleaned up", () -> page.todoTitles().stream().noneMatch(title -> title.startsWith(attack)));
    }

    @Test
    void titlesAreTrimmedABlankOneIsNotAddedAndAnEditIsSavedWhenItLosesFocus() {
        page.addTodo("   padded title   ");
        page.until("added, trimmed", () -> page.todoTitles().contains("padded title"));
        int before = page.todoTitles().size();
        page.addTodo("     ");
        // Blanks add nothing (and stay in the field); the next title is trimmed of them.
        page.addTodo("marker");
        page.until("the marker added", () -> page.todoTitles().contains("marker"));
        assertThat(page.todoTitles()).hasSize(before + 1).doesNotContain("", "     marker");

        page.startEditing("marker").sendKeys(" edited");
        page.find("#new-todo").click(); // the edit loses focus: TodoMVC saves it
        page.until("saved on blur", () -> page.todoTitles().contains("marker edited"));
        other.until("saved on blur, in the other window", () -> other.todoTitles().contains("marker edited"));

        for (String title : List.of("padded title", "marker edited")) {
            page.deleteTodo(title);
            page.until(title + " deleted, in " + page.todoTitles(), () -> !page.todoTitles().contains(title));
        }
    }

    private static void expectBoth(List<String> titles) {
        page.until("first window shows " + titles, () -> page.todoTitles().equals(titles));
        other.until("other window shows " + titles, () -> other.todoTitles().equals(titles));
    }
}
