package dev.tandem.client.typing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.RecordingConnection;
import dev.tandem.client.connection.ManualScheduler;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.TodoList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TypingViewModelTest {
    private final RecordingConnection connection = new RecordingConnection();
    private final ManualScheduler clock = new ManualScheduler();
    private final TypingViewModel typing = new TypingViewModel(connection, clock);

    @BeforeEach
    void signIn() {
        typing.welcomed(new ServerMessage.Welcome(1, "alice", "s1", false, "t", new TodoList(0, List.of()), "general",
                List.of(), List.of(), List.of("alice"), 20), false);
        typing.show("general");
    }

    private void types(String room, String user) {
        typing.received(new ServerMessage.Typing(room, user));
    }

    private static ChatMessage message(String room, String author) {
        return new ChatMessage(1, room, author, "hi", Instant.parse("2026-11-25T12:00:00Z"), "c", "s1");
    }

    @Test
    void oneTwoAndThreePeopleTypingReadAsAPersonSaysIt() {
        assertThat(typing.lineProperty().get()).isEmpty();
        types("general", "bob");
        assertThat(typing.lineProperty().get()).isEqualTo("bob is typing…");
        types("general", "carol");
        assertThat(typing.lineProperty().get()).isEqualTo("bob and carol are typing…");
        types("general", "bob");
        assertThat(typing.lineProperty().get()).as("in the order they started").isEqualTo("bob and carol are typing…");
        types("general", "dave");
        assertThat(typing.lineProperty().get()).isEqualTo("several people are typing…");
    }

    @Test
    void theLineGoesSixSecondsAfterTheLastTypingFrame() {
        types("general", "bob");
        clock.advance(Duration.ofSeconds(4));
        types("general", "bob"); // still typing
        clock.advance(Duration.ofMillis(5_999));
        assertThat(typing.lineProperty().get()).isEqualTo("bob is typing…");
        clock.advance(Duration.ofMillis(1));
        assertThat(typing.lineProperty().get()).isEmpty();
        assertThat(typing.typing("general")).isEmpty();
        assertThat(clock.nextDelay()).as("no timer left behind").isNull();
    }

    @Test
    void theirMessageInThatRoomEndsItAtOnce() {
        types("general", "bob");
        types("general", "carol");

        typing.received(message("design", "bob"));
        assertThat(typing.lineProperty().get()).as("a message elsewhere").isEqualTo("bob and carol are typing…");
        typing.received(message("general", "bob"));
        assertThat(typing.lineProperty().get()).isEqualTo("carol is typing…");
        typing.received(message(null, "carol")); // the protocol's first form: general
        assertThat(typing.lineProperty().get()).isEmpty();
    }

    @Test
    void goingOfflineEndsItEverywhere() {
        types("general", "bob");
        types("design", "bob");
        typing.received(new ServerMessage.Presence(List.of(), List.of("bob")));
        assertThat(typing.lineProperty().get()).isEmpty();
        assertThat(typing.typing("design")).isEmpty();
    }

    @Test
    void theLineIsThatOfTheRoomOnScreen() {
        types("design", "bob");
        assertThat(typing.lineProperty().get()).isEmpty();

        typing.show("design");
        assertThat(typing.lineProperty().get()).isEqualTo("bob is typing…");
        clock.advance(Limits.TYPING_SHOWN);
        assertThat(typing.lineProperty().get()).isEmpty();
        types("general", "carol");
        typing.show("general");
        assertThat(typing.lineProperty().get()).isEqualTo("carol is typing…");
    }

    @Test
    void oneselfIsNeverShownTyping() {
        types("general", "alice");
        assertThat(typing.lineProperty().get()).isEmpty();
        assertThat(typing.typing("general")).isEmpty();
    }

    @Test
    void editingTheDraftSaysSoAtMostEveryThreeSecondsPerRoom() {
        typing.draftEdited("general", "h");
        typing.draftEdited("general", "he");
        clock.advance(Duration.ofMillis(2_999));
        typing.draftEdited("general", "hel");
        typing.draftEdited("design", "x");
        assertThat(connection.sentNow).containsExactly(new ClientMessage.Typing("general"),
                new ClientMessage.Typing("design"));

        clock.advance(Duration.ofMillis(1));
        typing.draftEdited("general", "hell");
        assertThat(connection.sentNow).hasSize(3).last().isEqualTo(new ClientMessage.Typing("general"));
        assertThat(connection.sent).as("nothing goes to the outbox").isEmpty();
    }

    @Test
    void anEmptyDraftOrAnInvalidRoomSaysNothing() {
        typing.draftEdited("general", "");
        typing.draftEdited("general", "  \n");
        typing.draftEdited("general", null);
        typing.draftEdited("No Such Room!", "x");
        typing.draftEdited(null, "x");
        assertThat(connection.sentNow).isEmpty();
    }

    @Test
    void aNewSessionForgetsWhoWasTyping() {
        types("general", "bob");
        typing.welcomed(new ServerMessage.Welcome(1, "alice", "s2", false, "t", new TodoList(0, List.of()), "general",
                List.of(), List.of(), List.of("alice"), 20), true);
        assertThat(typing.lineProperty().get()).isEmpty();
        assertThat(clock.nextDelay()).isNull();
    }
}
