package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TestClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The page by keyboard alone: sign in with Tab and Enter, send, edit one's last message with ↑, switch rooms
 * with Alt+↑/↓, edit and delete a todo from its focused row; and deleting a message with its button
 * (the desktop-protocol client sees both changes).
 */
@Timeout(180)
class WebKeyboardIT {
    @RegisterExtension
    static final WebRig rig = new WebRig();
    static final String PASSWORD = "password-keys";
    static String user;
    static WebPage page;
    static TestClient watcher;

    @BeforeAll
    static void signIn() {
        user = rig.userOn("s1", "keys");
        watcher = TestClient.signIn(rig.proxyPort(), rig.userOn("s2", "watcher"), PASSWORD);
        page = rig.browser().open(rig.url());
        page.until("the form, the name box focused", () -> page.find("#signin-user").equals(page.driver().switchTo().activeElement()));
        page.driver().switchTo().activeElement().sendKeys(user, Keys.TAB, PASSWORD);
        // Tab reaches "Sign in", then "Create account"; Enter presses it.
        page.driver().switchTo().activeElement().sendKeys(Keys.TAB, Keys.TAB, Keys.ENTER);
        page.until("signed in", () -> page.status().startsWith("Connected"));
    }

    @AfterAll
    static void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void chatByKeyboardSendEditWithUpAndDelete() {
        page.find("#chat-input").sendKeys("frist post", Keys.ENTER);
        page.until("sent", () -> page.chatTexts().contains("frist post"));
        ChatMessage sent = watcher.await(ChatMessage.class, m -> m.text().equals("frist post"));
        page.find("#chat-input").sendKeys(Keys.ARROW_UP);
        page.until("editing", () -> !page.driver().findElements(org.openqa.selenium.By.cssSelector("#message-list textarea.edit")).isEmpty());
        page.driver().switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), "first post", Keys.ENTER);
        page.until("edited", () -> page.chatTexts().contains("first post (edited)"));
        assertThat(watcher.await(ServerMessage.ChatEdited.class, e -> e.id() == sent.id()).text()).isEqualTo("first post");

        new Actions(page.driver()).moveToElement(page.find("#message-list li.own")).perform();
        page.find("#message-list li.own .actions button[aria-label='Delete message']").click();
        page.driver().switchTo().alert().accept();
        page.until("deleted", () -> page.chatTexts().contains("This message was deleted."));
        watcher.await(ServerMessage.ChatDeleted.class, d -> d.id() == sent.id());
    }

    @Test
    void altArrowsSwitchRooms() {
        page.find("#join-room").sendKeys("keys-room", Keys.ENTER);
        page.until("the new room", () -> page.find("#room-title").getText().equals("#keys-room"));
        page.find("#chat-input").sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_UP));
        page.until("general above it", () -> page.find("#room-title").getText().equals("#general"));
        page.find("#chat-input").sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_DOWN));
        page.until("back down", () -> page.find("#room-title").getText().equals("#keys-room"));
        page.find("#chat-input").sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_UP));
        page.until("general again", () -> page.find("#room-title").getText().equals("#general"));
    }

    @Test
    void aFocusedTodoRowEditsWithEnterAndGoesWithDelete() {
        page.find("#new-todo").sendKeys("tidy desk", Keys.ENTER);
        page.until("added", () -> page.todoTitles().equals(List.of("tidy desk")));
        page.todoRow("tidy desk").sendKeys(Keys.ENTER); // a row is focusable; Enter edits it
        page.until("editing", () -> page.find("#todo-list li.editing .edit").equals(page.driver().switchTo().activeElement()));
        page.driver().switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), "tidy the desk", Keys.ENTER);
        page.until("renamed", () -> page.todoTitles().equals(List.of("tidy the desk")));
        page.todoRow("tidy the desk").sendKeys(Keys.DELETE);
        page.until("deleted", () -> page.todoTitles().isEmpty());
    }
}
