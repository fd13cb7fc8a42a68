package dev.tandem.client.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.TodoList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {
    private static final String DM = "dm:alice:bob";
    private final List<Notification> shown = new ArrayList<>();
    private final NotificationPolicy policy = new NotificationPolicy(shown::add);
    private long nextId = 1;

    @BeforeEach
    void signIn() {
        policy.welcomed(new ServerMessage.Welcome(1, "alice", "s1", false, "t", new TodoList(0, List.of()),
                "general", List.of(), List.of(), List.of("alice"), 20), false);
        policy.currentRoomProperty().set("general");
        policy.windowFocusedProperty().set(false);
    }

    private ChatMessage message(String room, String author, String text) {
        return new ChatMessage(nextId++, room, author, text, Instant.parse("2026-11-25T12:00:00Z"), "c", "s1");
    }

    private void arrives(String room, String author, String text) {
        policy.received(message(room, author, text));
    }

    @Test
    void aDmFromSomeoneElseNotifiesWithTheirNameAndTheStartOfTheText() {
        arrives(DM, "bob", "are you there?\nit is about the release");

        assertThat(shown).containsExactly(
                new Notification(DM, "bob", "bob", "are you there? it is about the release", true));
        assertThat(policy.markedRooms()).containsExactly(DM);
    }

    @Test
    void aMentionInARoomNotifiesAndAnOrdinaryMessageThereDoesNot() {
        arrives("design", "carol", "lunch?");
        arrives("general", "carol", "@alice the build is green");

        assertThat(shown).containsExactly(
                new Notification("general", "#general", "carol", "@alice the build is green", false));
        assertThat(policy.markedCountProperty().get()).isEqualTo(1);
    }

    @Test
    void neverForOnesOwnMessagesDeletedOnesOrAnAddressThatIsNotAMention() {
        arrives(DM, "alice", "my own DM");
        arrives("general", "alice", "talking about @alice myself");
        policy.received(message(DM, "bob", "").asDeleted());
        arrives("general", "bob", "write to alice@example.com");

        assertThat(shown).isEmpty();
        assertThat(policy.markedRooms()).isEmpty();
    }

    @Test
    void historyAndPagesNeverNotify() {
        ChatMessage old = message(DM, "bob", "from last week");
        policy.welcomed(new ServerMessage.Welcome(1, "alice", "s1", false, "t", new TodoList(0, List.of()),
                DM, List.of(old), List.of(), List.of("alice"), 20), true);
        policy.received(new ServerMessage.ChatPage("h-1", DM, List.of(old), false));

        assertThat(shown).isEmpty();
    }

    @Test
    void aMessageIsNotifiedOnceEvenIfItComesAgain() {
        ChatMessage dm = message(DM, "bob", "once");
        policy.received(dm);
        policy.received(dm);

        assertThat(shown).hasSize(1);
    }

    @Test
    void theFocusedWindowDoesNotNotifyOfTheRoomOnScreenButOfOthers() {
        policy.windowFocusedProperty().set(true);
        policy.currentRoomProperty().set(DM);
        arrives(DM, "bob", "you see this already");
        arrives("general", "carol", "hey @alice");

        assertThat(shown).extracting(Notification::room).containsExactly("general");
        assertThat(policy.markedRooms()).containsExactly("general");
    }

    @Test
    void aMarkedRoomIsUnmarkedOnceSeenInTheFocusedWindow() {
        arrives(DM, "bob", "one");
        arrives("general", "carol", "@alice two");
        assertThat(policy.markedCountProperty().get()).isEqualTo(2);

        policy.currentRoomProperty().set(DM);
        assertThat(policy.markedRooms()).as("not while the window is in the back").hasSize(2);
        policy.windowFocusedProperty().set(true);
        assertThat(policy.markedRooms()).containsExactly("general");
        policy.currentRoomProperty().set("general");
        assertThat(policy.markedRooms()).isEmpty();
    }

    @Test
    void readingTheRoomInAnotherWindowOrLeavingItUnmarksIt() {
        arrives(DM, "bob", "one");
        arrives("design", "carol", "@alice two");

        policy.received(new ServerMessage.ReadPosition(DM, 1, 3));
        assertThat(policy.markedRooms()).as("still unread there").hasSize(2);
        policy.received(new ServerMessage.ReadPosition(DM, 5, 0));
        policy.received(new ServerMessage.RoomLeft("c-1", "design"));
        assertThat(policy.markedRooms()).isEmpty();
    }

    @Test
    void signingOutOrAnotherUserStartsWithNothingMarked() {
        arrives(DM, "bob", "one");
        policy.welcomed(new ServerMessage.Welcome(1, "bob", "s1", false, "t", new TodoList(0, List.of()),
                "general", List.of(), List.of(), List.of("bob"), 20), false);
        assertThat(policy.markedRooms()).isEmpty();

        arrives(DM, "alice", "to bob");
        assertThat(policy.markedRooms()).containsExactly(DM);
        policy.clear();
        assertThat(policy.markedRooms()).isEmpty();
        arrives(DM, "carol", "nobody is signed in");
        assertThat(shown).hasSize(2);
    }

    @Test
    void aLongMessageIsCutToItsFirstHundredCharacters() {
        String excerpt = Notification.excerpt("x".repeat(99) + "yz and more");
        assertThat(excerpt).isEqualTo("x".repeat(99) + "y…");
        assertThat(Notification.excerpt("  a \t b\n\nc  ")).isEqualTo("a b c");
        assertThat(Notification.excerpt("x".repeat(99) + "\uD83D\uDE00 smile")).isEqualTo("x".repeat(99) + "…");
        assertThat(Notification.excerpt("x".repeat(100))).isEqualTo("x".repeat(100));
    }

    @Test
    void theWindowTitleCountsTheMarkedRooms() {
        assertThat(WindowTitle.of("", 0)).isEqualTo("Tandem");
        assertThat(WindowTitle.of("alice", 0)).isEqualTo("Tandem — alice");
        assertThat(WindowTitle.of("alice", 2)).isEqualTo("(2) Tandem — alice");
    }
}
