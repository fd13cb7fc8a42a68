package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page at a desktop's and a phone's width, light and dark: nothing overflows sideways, the phone shows
 * one panel at a time behind tabs, the theme toggle switches the colours. It saves what it saw as
 * target/screenshots/screenshot-web-{desktop,phone}-{light,dark}.png (the README's pictures are copies).
 */
@Timeout(180)
class WebLayoutIT {
    @RegisterExtension
    static final WebRig rig = new WebRig();
    static final String PASSWORD = "password-layout";
    static final Path SHOTS = Path.of(System.getProperty("tandem.browser.dir", "target")).resolveSibling("screenshots");
    static WebPage page;
    static TestClient bob;

    @BeforeAll
    static void setUp() {
        // Plain names (the class has its own Redis): they show in the README's pictures.
        String ana = "ana";
        bob = TestClient.signIn(rig.proxyPort(), "bob", PASSWORD);
        page = rig.browser().open(rig.url()).signIn(ana, PASSWORD, true);
        bob.send(new ClientMessage.ChatSend(UUID.randomUUID().toString(), "Morning! The release notes are in the wiki."));
        page.say("Thanks, reading them now.");
        bob.send(new ClientMessage.ChatSend(UUID.randomUUID().toString(),
                "Could you also check the <script> tag example? It should show as text."));
        page.until("chat shown", () -> page.chatTexts().size() == 3);
        page.addTodo("Review the release notes");
        page.addTodo("Book the team lunch");
        page.addTodo("Update the roadmap");
        page.until("todos shown", () -> page.todoTitles().size() == 3);
        page.toggleTodo("Book the team lunch");
        page.until("one done", () -> page.completedTitles().size() == 1);
        // A room and a DM with unread messages, and bob typing: what a day's page looks like.
        page.find("#join-room").sendKeys("design", org.openqa.selenium.Keys.ENTER);
        page.until("design on screen", () -> page.find("#room-title").getText().equals("#design"));
        bob.ask(new ClientMessage.RoomJoin(UUID.randomUUID().toString(), "design"), ServerMessage.RoomJoined.class);
        page.find("#room-list [data-room='general']").click();
        page.until("general on screen", () -> page.find("#room-title").getText().equals("#general"));
        bob.ask(new ClientMessage.ChatSend(UUID.randomUUID().toString(), "design", "New mock-ups are up."), ChatMessage.class);
        bob.ask(new ClientMessage.ChatSend(UUID.randomUUID().toString(), "design", "Feedback welcome!"), ChatMessage.class);
        ServerMessage.RoomJoined dm = bob.ask(new ClientMessage.DmOpen(UUID.randomUUID().toString(), ana),
                ServerMessage.RoomJoined.class);
        bob.ask(new ClientMessage.ChatSend(UUID.randomUUID().toString(), dm.summary().room(), "Lunch at 1?"), ChatMessage.class);
        page.until("unread badges", () -> page.driver().findElements(org.openqa.selenium.By.cssSelector("#room-list .badge")).size() == 2);
        if (page.find("#notice").isDisplayed()) {
            page.find("#notice-close").click(); // the "account created" notice
        }
        page.find("#chat-input").click();
    }

    @AfterAll
    static void close() {
        if (bob != null) {
            bob.close();
        }
    }

    @Test
    void atADesktopsWidthThreePanelsStandSideBySideInBothThemes() throws Exception {
        bob.send(new ClientMessage.Typing("general"));
        page.until("bob typing", () -> page.find("#typing-line").getText().equals("bob is typing…"));
        theme("light");
        page.screenshot(1280, 860, SHOTS.resolve("screenshot-web-desktop-light.png"));
        assertThat(visiblePanels()).isEqualTo(3L);
        assertThat(overflowsSideways()).isFalse();
        String lightBackground = background();
        theme("dark");
        page.screenshot(1280, 860, SHOTS.resolve("screenshot-web-desktop-dark.png"));
        assertThat(background()).isNotEqualTo(lightBackground);
        assertThat(Files.size(SHOTS.resolve("screenshot-web-desktop-dark.png"))).isPositive();
    }

    @Test
    void atAPhonesWidthOnePanelShowsAndTheTabsSwitchIt() throws Exception {
        theme("light");
        page.screenshot(390, 844, SHOTS.resolve("screenshot-web-phone-light.png"));
        assertThat(visiblePanels()).isEqualTo(1L);
        assertThat(overflowsSideways()).isFalse();
        assertThat(page.find("#chat-input").isDisplayed()).isTrue();
        page.find("#tab-todos").click();
        page.until("todos panel", () -> page.find("#new-todo").isDisplayed() && !page.find("#chat-input").isDisplayed());
        theme("dark");
        page.screenshot(390, 844, SHOTS.resolve("screenshot-web-phone-dark.png"));
        assertThat(overflowsSideways()).isFalse();
        page.find("#tab-rooms").click();
        page.until("rooms panel", () -> page.find("#room-list").isDisplayed());
        page.find("#tab-chat").click();
        page.until("chat panel again", () -> page.find("#chat-input").isDisplayed());
        page.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
    }

    @Test
    void theListOfPublicRoomsFitsAt800By500AndAtAPhonesWidthInBothThemes() throws Exception {
        bob.ask(new ClientMessage.RoomCreate(UUID.randomUUID().toString(), "release-planning"), ServerMessage.RoomJoined.class);
        bob.ask(new ClientMessage.RoomCreate(UUID.randomUUID().toString(), "a-room-with-a-name-32-chars-long"),
                ServerMessage.RoomJoined.class);
        page.driver().manage().window().setSize(new org.openqa.selenium.Dimension(800, 500));
        page.find("#browse-rooms").click();
        page.until("four rooms listed (general too)", () -> page.driver().findElements(org.openqa.selenium.By.cssSelector("#directory-list li")).size() == 4);
        for (String theme : new String[] {"light", "dark"}) {
            theme(theme);
            page.screenshot(800, 500, SHOTS.resolve("screenshot-web-directory-" + theme + ".png"));
            assertThat(overflowsSideways()).isFalse();
            assertThat(page.find("#directory-list [data-room='design'] button").isDisplayed()).isTrue();
            Long nameWidth = page.js("return Math.round(document.querySelector(\"#directory-list [data-room='release-planning'] .name\")"
                    + ".getBoundingClientRect().width)");
            assertThat(nameWidth).as("a room's name has room to show at 800 x 500").isGreaterThan(80L);
        }
        page.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        page.find("#tab-rooms").click();
        page.until("the list on the rooms panel", () -> page.find("#directory-list").isDisplayed());
        page.screenshot(390, 844, SHOTS.resolve("screenshot-web-directory-phone.png"));
        assertThat(overflowsSideways()).isFalse();
        Boolean buttonsInside = page.js("return [...document.querySelectorAll('#directory-list button')]"
                + ".every(b => b.getBoundingClientRect().right <= document.getElementById('directory').getBoundingClientRect().right)");
        assertThat(buttonsInside).as("every Join/Open button inside the list, long names cut").isTrue();
        page.find("#directory-close").click();
        page.find("#tab-chat").click();
        theme("light");
        page.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
    }

    /** Picks a theme with the toggle, as a person does. */
    private static void theme(String wanted) {
        if (!wanted.equals(page.js("return document.documentElement.dataset.theme"))) {
            page.find("#theme-toggle").click();
        }
        page.until(wanted + " theme", () -> wanted.equals(page.js("return document.documentElement.dataset.theme")));
    }

    private static String background() {
        return page.js("return getComputedStyle(document.body).backgroundColor");
    }

    private static boolean overflowsSideways() {
        return page.js("return document.documentElement.scrollWidth > window.innerWidth");
    }

    private static Long visiblePanels() {
        return page.js("return [...document.querySelectorAll('.panels > .panel')]"
                + ".filter(p => getComputedStyle(p).display !== 'none').length");
    }
}
