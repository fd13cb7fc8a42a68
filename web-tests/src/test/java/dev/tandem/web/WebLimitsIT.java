package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TestClient;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;

/**
 * The protocol's limits as the page shows them, in the desktop app's words: a chat message of 2000
 * characters, counted as the server counts them (the trimmed text), a todo title of 200, a list of 1000
 * todos. The fields take any length: what is over a limit is said, and stays in the field to be shortened,
 * instead of being cut short without a word.
 */
@Timeout(240)
class WebLimitsIT {
    @RegisterExtension
    static final WebRig rig = new WebRig(config -> config.withRateLimit(2_000, 4_000));
    static final String PASSWORD = "password-limits";
    static final java.nio.file.Path SHOTS = WebLayoutIT.SHOTS;
    static String user;
    static WebPage page;
    static TestClient desk;

    @BeforeAll
    static void signIn() {
        user = rig.userOn("s1", "long");
        page = rig.browser().open(rig.url()).signIn(user, PASSWORD, true);
        desk = TestClient.signIn(rig.proxyPort(), user, PASSWORD);
        if (page.find("#notice").isDisplayed()) {
            page.find("#notice-close").click(); // the "account created" notice
        }
    }

    @AfterAll
    static void close() {
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void aMessageOverTwoThousandCharactersIsHeldWithTheCountAndTheTrimmedTextIsWhatCounts() throws Exception {
        String limit = "x".repeat(2000);
        page.find("#chat-input").click();
        page.find("#chat-input").sendKeys(limit + "yyyyy");
        page.until("the count over the limit", () -> page.find("#chat-count").getText()
                .equals("5 characters over the limit of 2000"));
        assertThat(page.find("#chat-input").getAttribute("value")).as("not cut short").hasSize(2005);
        assertThat(page.find("#send-button").isEnabled()).isFalse();
        page.find("#chat-input").sendKeys(Keys.ENTER);
        assertThat(page.pendingTexts()).as("nothing sent").isEmpty();
        assertThat(page.find("#chat-input").getAttribute("value")).hasSize(2005);
        for (String theme : new String[] {"light", "dark"}) {
            page.systemTheme(theme);
            page.screenshot(1280, 800, SHOTS.resolve("screenshot-web-over-limit-" + theme + ".png"));
            page.screenshot(390, 844, SHOTS.resolve("screenshot-web-over-limit-phone-" + theme + ".png"));
        }
        page.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        page.systemTheme("light");

        // Four characters cut, then blanks around the text: the server counts the trimmed text, and so does the page.
        page.find("#chat-input").sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE);
        page.until("one over", () -> page.find("#chat-count").getText().equals("1 character over the limit of 2000"));
        page.find("#chat-input").sendKeys(Keys.BACK_SPACE, "   ");
        page.until("at the limit", () -> page.find("#chat-count").getText().equals("2000 / 2000"));
        assertThat(page.find("#send-button").isEnabled()).isTrue();
        page.find("#chat-input").sendKeys(Keys.ENTER);
        ChatMessage sent = desk.await(ChatMessage.class, m -> m.author().equals(user));
        assertThat(sent.text()).isEqualTo(limit);
        page.until("acknowledged", () -> page.chatTexts().contains(limit) && page.pendingTexts().isEmpty());
        assertThat(page.find("#chat-count").isDisplayed()).as("an empty box shows no count").isFalse();
    }

    @Test
    void aTodoTitleOverTwoHundredCharactersIsRefusedInTheDesktopAppsWordsAndKeptInTheField() {
        String title = "t".repeat(200);
        page.addTodo(title + "u");
        page.until("told why", () -> page.find("#notice").isDisplayed() && page.find("#notice-text").getText()
                .equals("A todo can be at most 200 characters long (this one has 201)."));
        assertThat(page.find("#new-todo").getAttribute("value")).as("not cut short, not cleared").hasSize(201);
        assertThat(page.todoTitles()).doesNotContain(title + "u", title);
        assertThat((Object) page.js("return document.querySelectorAll('#todo-list li.pending').length")).isEqualTo(0L);

        page.find("#new-todo").sendKeys(Keys.BACK_SPACE, Keys.ENTER);
        page.until("added", () -> page.todoTitles().contains(title));
        desk.await(ServerMessage.TodoChanged.class, c -> c.upserted().stream().anyMatch(t -> t.title().equals(title)));
        page.find("#notice-close").click();
    }

    @Test
    void aListOfAThousandTodosTakesNoMoreAndSaysSo() {
        String full = rig.userOn("s2", "full");
        try (TestClient seeder = TestClient.signIn(rig.proxyPort(), full, PASSWORD)) {
            for (int i = 0; i < 1000; i++) {
                seeder.ask(new ClientMessage.TodoAdd(UUID.randomUUID().toString(), "todo " + i),
                        ServerMessage.TodoChanged.class);
            }
        }
        WebPage second = rig.browser().open(rig.url()).signIn(full, PASSWORD, false);
        second.until("the thousand todos", () -> second.todoCount().equals("1000 items left"));
        second.addTodo("one too many");
        second.until("told why", () -> second.find("#notice").isDisplayed()
                && second.find("#notice-text").getText().equals("You have reached the limit of 1000 todos."));
        assertThat((Object) second.js("return document.querySelectorAll('#todo-list li').length")).isEqualTo(1000L);
        assertThat(second.todoCount()).isEqualTo("1000 items left");
    }
}
