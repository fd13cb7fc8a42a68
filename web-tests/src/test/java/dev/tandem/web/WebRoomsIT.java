package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
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
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Rooms, DMs, unread badges, presence, typing and history pages in the page, against desktop-protocol
 * clients ({@link TestClient}) on the other server. The servers' rate limit is raised so a client can seed
 * a long history quickly.
 */
@Timeout(240)
class WebRoomsIT {
    @RegisterExtension
    static final WebRig rig = new WebRig(config -> config.withRateLimit(2_000, 4_000));
    static final String PASSWORD = "password-rooms";
    static String ana;
    static String bob;
    static WebPage page;
    static TestClient bobClient;

    @BeforeAll
    static void signIn() {
        ana = rig.userOn("s1", "ana");
        bob = rig.userOn("s2", "bob");
        bobClient = TestClient.signIn(rig.proxyPort(), bob, PASSWORD);
        page = rig.browser().open(rig.url()).signIn(ana, PASSWORD, true);
    }

    @AfterAll
    static void close() {
        if (bobClient != null) {
            bobClient.close();
        }
    }

    @Test
    void aRoomCreatedInThePageIsJoinedFromTheDesktopAndItsUnreadBadgeFollowsTheReadPosition() {
        String room = "design-" + UUID.randomUUID().toString().substring(0, 6);
        page.find("#join-room").sendKeys(room, Keys.ENTER);
        page.until("the new room on screen", () -> page.find("#room-title").getText().equals("#" + room));
        bobClient.ask(new ClientMessage.RoomJoin(UUID.randomUUID().toString(), room), ServerMessage.RoomJoined.class);
        page.until("two members", () -> page.find("#room-meta").getText().equals("2 members"));
        page.say("welcome to " + room);
        bobClient.await(ChatMessage.class, m -> m.room().equals(room) && m.author().equals(ana));

        showRoom("general");
        bobClient.ask(new ClientMessage.ChatSend(UUID.randomUUID().toString(), room, "while you were away"), ChatMessage.class);
        page.until("an unread badge, also in the tab's title", () -> badge(room).equals("1")
                && page.driver().getTitle().equals("(1) Tandem"));
        showRoom(room);
        page.until("the message shown and read", () -> page.chatTexts().contains("while you were away")
                && badge(room).isEmpty() && page.driver().getTitle().equals("Tandem"));

        page.find("#leave-room").click();
        page.until("left: back in general", () -> page.find("#room-title").getText().equals("#general")
                && page.driver().findElements(By.cssSelector("#room-list [data-room='" + room + "']")).isEmpty());
    }

    @Test
    void publicRoomsAreBrowsedWithTheirMemberCountsAndJoinedFromTheList() {
        String room = "browse-" + UUID.randomUUID().toString().substring(0, 6);
        bobClient.ask(new ClientMessage.RoomCreate(UUID.randomUUID().toString(), room), ServerMessage.RoomJoined.class);
        bobClient.ask(new ClientMessage.ChatSend(UUID.randomUUID().toString(), room, "come in"), ChatMessage.class);
        String dm = UUID.randomUUID().toString();
        bobClient.ask(new ClientMessage.DmOpen(dm, ana), ServerMessage.RoomJoined.class);

        page.find("#browse-rooms").click();
        String row = "#directory-list [data-room='" + room + "']";
        page.until("the room listed with one member and a Join button", () -> !page.driver().findElements(By.cssSelector(row)).isEmpty()
                && page.find(row + " .members").getText().equals("1 member")
                && page.find(row + " button").getText().equals("Join"));
        assertThat(page.<List<String>>js("return [...document.querySelectorAll('#directory-list li')].map(li => li.dataset.room)"))
                .as("public rooms only, by name").isSorted().noneMatch(name -> name.startsWith("dm:"));

        page.find(row + " button").click();
        page.until("joined: in the room list and on screen", () -> page.find("#room-title").getText().equals("#" + room)
                && !page.driver().findElements(By.cssSelector("#room-list [data-room='" + room + "']")).isEmpty());
        page.until("the list's button now opens it", () -> page.find(row + " button").getText().equals("Open"));
        assertThat(page.chatTexts()).contains("come in");

        page.find(row + " button").sendKeys(Keys.ESCAPE);
        page.until("Escape closes the list", () -> !page.find("#directory").isDisplayed());
        showRoom("general");
    }

    @Test
    void aDmOpenedInThePageReachesOnlyTheOtherPerson() {
        page.find("#dm-user").sendKeys(bob, Keys.ENTER);
        page.until("the DM on screen", () -> page.find("#room-title").getText().equals("@" + bob));
        String dm = ana.compareTo(bob) < 0 ? "dm:" + ana + ":" + bob : "dm:" + bob + ":" + ana;
        page.say("just between us");
        ChatMessage received = bobClient.await(ChatMessage.class, m -> m.text().equals("just between us"));
        assertThat(received.room()).isEqualTo(dm);
        bobClient.send(new ClientMessage.ChatSend(UUID.randomUUID().toString(), dm, "sure"));
        page.until("the reply shown", () -> page.chatTexts().equals(List.of("just between us", "sure")));
        showRoom("general");
    }

    @Test
    void whoIsOnlineAndWhoIsTypingAreShown() {
        showRoom("general");
        page.until("bob online", () -> people().contains(bob));
        String carol = rig.userOn("s2", "carol");
        try (TestClient carolClient = TestClient.signIn(rig.proxyPort(), carol, PASSWORD)) {
            page.until("carol online", () -> people().contains(carol));
            carolClient.send(new ClientMessage.Typing("general"));
            page.until("carol typing", () -> page.find("#typing-line").getText().equals(carol + " is typing…"));
            carolClient.send(new ClientMessage.ChatSend(UUID.randomUUID().toString(), "done typing"));
            page.until("the typing line cleared by her message", () -> page.chatTexts().contains("done typing")
                    && page.find("#typing-line").getText().isEmpty());
        }
        page.until("carol offline", () -> !people().contains(carol));
    }

    @Test
    void scrollingUpLoadsOlderHistoryPagesUntilTheBeginning() {
        String room = "history-" + UUID.randomUUID().toString().substring(0, 6);
        bobClient.ask(new ClientMessage.RoomCreate(UUID.randomUUID().toString(), room), ServerMessage.RoomJoined.class);
        for (int i = 1; i <= 180; i++) {
            bobClient.send(new ClientMessage.ChatSend(UUID.randomUUID().toString(), room, "old message " + i));
        }
        bobClient.await(ChatMessage.class, m -> m.text().equals("old message 180"));
        page.find("#join-room").sendKeys(room, Keys.ENTER);
        page.until("the newest page", () -> page.chatTexts().contains("old message 180"));
        page.until("all 180, one page after another", () -> {
            page.js("document.getElementById('messages').scrollTop = 0");
            return page.chatTexts().size() == 180;
        });
        List<String> texts = page.chatTexts();
        for (int i = 0; i < 180; i++) {
            assertThat(texts.get(i)).isEqualTo("old message " + (i + 1));
        }
        page.until("the beginning", () -> page.find("#history-state").getText().equals("The beginning of this room."));
        showRoom("general");
    }

    /** Clicks the room in the list until it is on screen: the list is drawn anew on every unread change. */
    private static void showRoom(String room) {
        page.until(room + " on screen", () -> {
            page.find("#room-list [data-room='" + room + "']").click();
            return page.find("#room-title").getText().endsWith(room.startsWith("dm:") ? "" : room);
        });
    }

    private static String badge(String room) {
        return page.js("const b = document.querySelector(`#room-list [data-room='${arguments[0]}'] .badge`);"
                + " return b ? b.textContent : ''", room);
    }

    private static List<String> people() {
        return page.js("return [...document.querySelectorAll('#people li')].map(li => li.textContent)");
    }
}
