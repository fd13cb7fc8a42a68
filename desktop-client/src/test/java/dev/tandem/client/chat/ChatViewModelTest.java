package dev.tandem.client.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.RecordingConnection;
import dev.tandem.client.connection.Connection;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat of several rooms: sending to the room on screen, drafts per room, edits, history pages, read marks. */
class ChatViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private final RecordingConnection connection = new RecordingConnection();
    private final ChatViewModel chat = new ChatViewModel(connection, Clock.fixed(T0, ZoneOffset.UTC));
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void signIn() {
        chat.setReadListener((room, id) -> seen.add(room + "@" + id));
        chat.signedInProperty().set(true);
        chat.onlineProperty().set(true);
        chat.welcomed("alice", "general", List.of());
    }

    @Test
    void aSentMessageGoesToTheRoomOnScreenShowsPendingAndTurnsSentWhenItsClientIdComesBack() {
        chat.show("design", 0);
        chat.draftProperty().set("  hello there \n");
        chat.composer().send();

        ClientMessage.ChatSend sent = connection.last(ClientMessage.ChatSend.class);
        assertThat(sent.text()).isEqualTo("hello there");
        assertThat(sent.room()).isEqualTo("design");
        assertThat(chat.draftProperty().get()).isEmpty();
        ChatEntry.Message entry = msg(chat.entries().get(0));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.PENDING);
        assertThat(entry.own()).isTrue();

        // Someone else's message with another client id does not confirm ours; general's lines are general's.
        chat.received(message("design", 41, "bob", "hi", "other-id"));
        chat.received(message("general", 41, "carol", "elsewhere", "c41"));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.PENDING);

        chat.received(message("design", 42, "alice", "hello there", sent.clientId()));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.SENT);
        assertThat(entry.id()).isEqualTo(42);
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("hi", "hello there");
        assertThat(chat.timeline("general").entries()).extracting(ChatEntry::text).containsExactly("elsewhere");
    }

    @Test
    void eachRoomKeepsItsDraftAndItsOwnPendingMessages() {
        chat.draftProperty().set("half written in general");
        chat.show("design", 0);
        assertThat(chat.draftProperty().get()).isEmpty();
        chat.draftProperty().set("for design");
        chat.composer().send();
        chat.draftProperty().set("design draft");

        chat.show("general", 0);
        assertThat(chat.draftProperty().get()).isEqualTo("half written in general");
        assertThat(chat.entries()).isEmpty();
        chat.show("design", 0);
        assertThat(chat.draftProperty().get()).isEqualTo("design draft");
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("for design");
    }

    @Test
    void anErrorWithTheRefFailsTheMessageAndRetryResendsTheSameClientIdToItsRoom() {
        chat.show("design", 0);
        chat.draftProperty().set("too fast");
        chat.composer().send();
        String clientId = connection.last(ClientMessage.ChatSend.class).clientId();
        chat.show("general", 0); // the failure reaches it in any room

        assertThat(chat.error(new ServerMessage.Error("rate_limited", "slow down", clientId))).isTrue();
        ChatEntry.Message entry = msg(chat.timeline("design").entries().get(0));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.FAILED);
        assertThat(entry.failureProperty().get()).isEqualTo("Sending too fast: not sent");

        chat.retry(entry);
        assertThat(entry.state()).isEqualTo(ChatEntry.State.PENDING);
        assertThat(connection.last(ClientMessage.ChatSend.class))
                .isEqualTo(new ClientMessage.ChatSend(clientId, "design", "too fast"));
        chat.received(message("design", 5, "alice", "too fast", clientId));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.SENT);
    }

    @Test
    void aMessageToARoomTheUserIsNotInAnyMoreSaysSo() {
        chat.show("design", 0);
        chat.draftProperty().set("anyone?");
        chat.composer().send();
        String clientId = connection.last(ClientMessage.ChatSend.class).clientId();
        assertThat(chat.error(new ServerMessage.Error("not_member", "join first", clientId))).isTrue();
        assertThat(msg(chat.entries().get(0)).failureProperty().get()).isEqualTo("Not sent: you are not in this room");
    }

    @Test
    void errorsForOtherRequestsAreNotClaimed() {
        assertThat(chat.error(new ServerMessage.Error("not_found", "no such todo", "t-1"))).isFalse();
        assertThat(chat.error(new ServerMessage.Error("invalid", "bad", null))).isFalse();
        assertThat(chat.sendFailed("t-unknown", "x")).isFalse();
    }

    @Test
    void aDroppedConnectionKeepsWhatIsPendingQueuedAndTheReconnectSendsItAgain() {
        chat.draftProperty().set("in flight");
        chat.composer().send();
        chat.connectionLost();
        chat.onlineProperty().set(false);
        ChatEntry.Message entry = msg(chat.entries().get(0));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.QUEUED);
        assertThat(entry.failureProperty().get()).isEmpty();

        chat.onlineProperty().set(true); // the outbox sends it again on the new connection
        assertThat(entry.state()).isEqualTo(ChatEntry.State.PENDING);
        assertThat(connection.sent(ClientMessage.ChatSend.class)).hasSize(1); // the connection resends it
    }

    @Test
    void aSendTheConnectionRefusedFailsTheMessage() {
        chat.draftProperty().set("hello");
        chat.composer().send();
        String clientId = connection.last(ClientMessage.ChatSend.class).clientId();
        assertThat(chat.sendFailed(clientId, "Offline: not sent")).isTrue();
        assertThat(msg(chat.entries().get(0)).state()).isEqualTo(ChatEntry.State.FAILED);
    }

    @Test
    void whatAnEarlierRunLeftInTheOutboxShowsQueuedInItsRoomAndTheSavedCopyComesFirst() {
        ChatViewModel fresh = new ChatViewModel(connection, Clock.fixed(T0, ZoneOffset.UTC));
        fresh.showSaved("alice", Map.of("general", List.of(message("general", 7, "bob", "saved", "b7")),
                "design", List.of(message("design", 3, "alice", "to be edited", "a3"),
                        message("design", 4, "alice", "to be deleted", "a4"))));
        fresh.restoreQueued("alice", List.of(new ClientMessage.ChatSend("a1", "one"),
                new ClientMessage.ChatSend("a2", "design", "two"),
                new ClientMessage.ChatEdit("e1", "design", 3, "edited offline"),
                new ClientMessage.ChatDelete("d1", "design", 4),
                new ClientMessage.TodoAdd("t1", "milk")));
        assertThat(fresh.entries()).extracting(ChatEntry::text).containsExactly("saved", "one");
        assertThat(fresh.entries()).extracting(ChatViewModelTest::state)
                .containsExactly(ChatEntry.State.SENT, ChatEntry.State.QUEUED);
        assertThat(fresh.timeline("design").entries()).extracting(ChatEntry::text)
                .containsExactly("edited offline", "", "two");

        fresh.welcomed("alice", "general", List.of(message("general", 7, "bob", "saved", "b7"),
                message("general", 8, "alice", "one", "a1")));
        assertThat(fresh.entries()).extracting(ChatEntry::text).containsExactly("saved", "one");
        assertThat(msg(fresh.entries().get(1)).state()).isEqualTo(ChatEntry.State.SENT);
        assertThat(fresh.recent(10).get("general")).extracting(ChatMessage::id).containsExactly(7L, 8L);
        assertThat(connection.sent).isEmpty(); // the connection sends what the outbox holds
    }

    @Test
    void aFreshSignInOfAnotherUserReplacesEveryRoom() {
        chat.received(message("general", 1, "bob", "one", "b1"));
        chat.received(message("design", 1, "bob", "one", "b1"));
        chat.welcomed("carol", "general", List.of(message("general", 9, "bob", "nine", "b9")));
        assertThat(chat.entries()).extracting(ChatViewModelTest::id).containsExactly(9L);
        assertThat(chat.timeline("design").entries()).isEmpty();
        assertThat(chat.me()).isEqualTo("carol");
    }

    @Test
    void ourOwnMessageBringsTheViewBackToTheBottom() {
        chat.atBottomProperty().set(false);
        chat.draftProperty().set("me");
        chat.composer().send();
        assertThat(chat.atBottomProperty().get()).isTrue();
    }

    @Test
    void theDraftMustFitTheLimitAndThereMustBeASession() {
        chat.draftProperty().set("   \n ");
        assertThat(chat.composer().canSendProperty().get()).isFalse();
        chat.composer().send();
        assertThat(connection.sent).isEmpty();

        chat.draftProperty().set("x".repeat(Limits.MAX_CHAT_TEXT));
        assertThat(chat.composer().canSendProperty().get()).isTrue();
        assertThat(chat.composer().draftHintProperty().get()).isEmpty();
        chat.draftProperty().set("x".repeat(Limits.MAX_CHAT_TEXT + 3));
        assertThat(chat.composer().canSendProperty().get()).isFalse();
        assertThat(chat.composer().draftHintProperty().get()).isEqualTo("3 characters over the limit of 2000");

        chat.draftProperty().set("written while offline");
        chat.onlineProperty().set(false);
        assertThat(chat.composer().canSendProperty().get()).isTrue(); // it waits in the outbox
        assertThat(chat.composer().composerHintProperty().get()).startsWith("Offline");
        chat.composer().send();
        assertThat(chat.entries()).last().extracting(ChatViewModelTest::state).isEqualTo(ChatEntry.State.QUEUED);
        assertThat(connection.sent).hasSize(1);

        chat.signedInProperty().set(false); // no session: nowhere to keep it
        chat.draftProperty().set("kept in the draft");
        assertThat(chat.composer().canSendProperty().get()).isFalse();
        chat.composer().send();
        assertThat(chat.draftProperty().get()).isEqualTo("kept in the draft");
        assertThat(connection.sent).hasSize(1);
    }

    // ---- edit and delete ----

    @Test
    void upInAnEmptyComposerEditsOurNewestMessageAndEnterSavesItThroughTheOutbox() {
        chat.received(message("general", 1, "alice", "first", "a1"));
        chat.received(message("general", 2, "alice", "teh typo", "a2"));
        chat.received(message("general", 3, "bob", "not yours", "b3"));
        chat.draftProperty().set("unfinished");
        assertThat(chat.composer().editLast()).isFalse(); // only in an empty composer
        chat.draftProperty().set("");

        assertThat(chat.composer().editLast()).isTrue();
        ChatEntry.Message typo = msg(chat.entries().get(1));
        assertThat(chat.composer().editingProperty().get()).isSameAs(typo);
        assertThat(chat.draftProperty().get()).isEqualTo("teh typo");
        assertThat(chat.composer().composerHintProperty().get()).startsWith("Enter saves");
        chat.draftProperty().set("the typo");
        chat.composer().send();

        ClientMessage.ChatEdit edit = connection.last(ClientMessage.ChatEdit.class);
        assertThat(edit.room()).isEqualTo("general");
        assertThat(edit.id()).isEqualTo(2);
        assertThat(edit.text()).isEqualTo("the typo");
        assertThat(chat.composer().editingProperty().get()).isNull();
        assertThat(chat.draftProperty().get()).isEmpty();
        assertThat(typo.text()).isEqualTo("the typo"); // at once
        assertThat(typo.edited()).isTrue();

        Instant at = T0.plusSeconds(500);
        chat.edited(new ServerMessage.ChatEdited(edit.clientId(), "general", 2, "the typo", at));
        assertThat(typo.editedAtProperty().get()).isEqualTo(at);
        assertThat(typo.noticeProperty().get()).isEmpty();
    }

    @Test
    void escapeLeavesEditModeAndTheDraftComesBack() {
        chat.received(message("general", 1, "alice", "mine", "a1"));
        chat.draftProperty().set("a draft");
        assertThat(chat.composer().startEdit(msg(chat.entries().get(0)))).isTrue();
        assertThat(chat.draftProperty().get()).isEqualTo("mine");
        chat.composer().cancelEdit();
        assertThat(chat.composer().editingProperty().get()).isNull();
        assertThat(chat.draftProperty().get()).isEqualTo("a draft");
        assertThat(connection.sent).isEmpty();

        assertThat(chat.composer().startEdit(msg(chat.entries().get(0)))).isTrue();
        chat.composer().send(); // unchanged: nothing goes
        assertThat(connection.sent).isEmpty();
        assertThat(chat.draftProperty().get()).isEqualTo("a draft");
    }

    @Test
    void messagesOfOthersDeletedOnesAndUnconfirmedOnesCannotBeEdited() {
        chat.received(message("general", 1, "bob", "his", "b1"));
        chat.received(message("general", 2, "alice", "gone", "a2").asDeleted());
        chat.draftProperty().set("not confirmed yet");
        chat.composer().send();
        chat.draftProperty().set("");
        assertThat(chat.entries()).noneMatch(entry -> chat.composer().startEdit(msg(entry)));
        assertThat(chat.composer().editLast()).isFalse();
    }

    @Test
    void aDeletionShowsAtOnceAndARefusedOnePutsTheMessageBackWithWhy() {
        chat.received(message("general", 1, "alice", "keep me", "a1"));
        chat.received(message("general", 2, "alice", "delete me", "a2"));
        ChatEntry.Message keep = msg(chat.entries().get(0));
        ChatEntry.Message gone = msg(chat.entries().get(1));

        chat.composer().delete(gone);
        ClientMessage.ChatDelete delete = connection.last(ClientMessage.ChatDelete.class);
        assertThat(delete).isEqualTo(new ClientMessage.ChatDelete(delete.clientId(), "general", 2));
        assertThat(gone.deleted()).isTrue();
        chat.deleted(new ServerMessage.ChatDeleted(delete.clientId(), "general", 2));
        assertThat(gone.deleted()).isTrue();

        chat.composer().delete(keep);
        String refused = connection.last(ClientMessage.ChatDelete.class).clientId();
        assertThat(chat.error(new ServerMessage.Error("forbidden", "not yours", refused))).isTrue();
        assertThat(keep.deleted()).isFalse();
        assertThat(keep.text()).isEqualTo("keep me");
        assertThat(keep.noticeProperty().get()).isEqualTo("Not deleted: only its author can change a message");
    }

    @Test
    void anEditThatCannotGoOrIsRefusedShowsTheServersTextAgain() {
        chat.received(message("general", 1, "alice", "original", "a1"));
        ChatEntry.Message entry = msg(chat.entries().get(0));
        chat.composer().startEdit(entry);
        chat.draftProperty().set("changed");
        chat.composer().send();
        String clientId = connection.last(ClientMessage.ChatEdit.class).clientId();
        // Meanwhile another window of ours deleted it; our edit is answered not_found.
        chat.deleted(new ServerMessage.ChatDeleted("d-other", "general", 1));
        assertThat(entry.text()).isEqualTo("changed"); // ours still on its way
        assertThat(chat.error(new ServerMessage.Error("not_found", "deleted", clientId))).isTrue();
        assertThat(entry.deleted()).isTrue();
        assertThat(entry.noticeProperty().get()).isEqualTo("Edit not saved: the message was deleted or is no longer kept");
    }

    @Test
    void editsAndDeletionsByOthersOrOtherWindowsShowLive() {
        chat.received(message("general", 1, "bob", "typo", "b1"));
        chat.received(message("general", 2, "alice", "from my other window", "a2"));
        chat.edited(new ServerMessage.ChatEdited("b-9", "general", 1, "fixed", T0.plusSeconds(9)));
        chat.deleted(new ServerMessage.ChatDeleted("a-9", "general", 2));
        chat.edited(new ServerMessage.ChatEdited("b-10", "elsewhere", 1, "unknown room", T0)); // ignored
        assertThat(msg(chat.entries().get(0)).text()).isEqualTo("fixed");
        assertThat(msg(chat.entries().get(0)).edited()).isTrue();
        assertThat(msg(chat.entries().get(1)).deleted()).isTrue();
    }

    // ---- history pages ----

    @Test
    void theTopOfTheListAsksForThePageBeforeTheOldestMessageUntilThereAreNoMore() {
        List<ChatMessage> full = new ArrayList<>();
        for (long id = 201; id <= 300; id++) {
            full.add(message("general", id, "bob", "m" + id, "b" + id));
        }
        chat.welcomed("alice", "general", full);
        assertThat(chat.currentProperty().get().olderProperty().get()).isEqualTo(RoomTimeline.Older.MORE);

        chat.loadOlder();
        ClientMessage.ChatHistory asked = connection.last(ClientMessage.ChatHistory.class);
        assertThat(asked.room()).isEqualTo("general");
        assertThat(asked.before()).isEqualTo(201L);
        assertThat(asked.limit()).isEqualTo(HistoryPages.OLDER_PAGE);
        chat.loadOlder(); // already on its way: not asked twice
        assertThat(connection.sent(ClientMessage.ChatHistory.class)).hasSize(1);

        List<ChatMessage> page = new ArrayList<>();
        for (long id = 151; id <= 200; id++) {
            page.add(message("general", id, "bob", "m" + id, "b" + id));
        }
        assertThat(chat.page(new ServerMessage.ChatPage(asked.clientId(), "general", page, false))).isTrue();
        assertThat(chat.entries()).hasSize(150);
        assertThat(chat.timeline("general").oldestId()).isEqualTo(151);
        assertThat(chat.currentProperty().get().olderProperty().get()).isEqualTo(RoomTimeline.Older.NONE);
        chat.loadOlder();
        assertThat(connection.sent(ClientMessage.ChatHistory.class)).hasSize(1); // no more: no wall, no request

        assertThat(chat.page(new ServerMessage.ChatPage("h-someone-else", "general", page, false))).isFalse();
    }

    @Test
    void aPageThatCannotBeAskedOfflineIsAskedAgainNextTime() {
        List<ChatMessage> full = new ArrayList<>();
        for (long id = 1; id <= 100; id++) {
            full.add(message("general", id + 100, "bob", "m" + id, "b" + id));
        }
        chat.welcomed("alice", "general", full);
        chat.onlineProperty().set(false);
        chat.loadOlder();
        assertThat(connection.sent(ClientMessage.ChatHistory.class)).isEmpty();
        chat.onlineProperty().set(true);
        chat.loadOlder();
        String first = connection.last(ClientMessage.ChatHistory.class).clientId();
        assertThat(chat.sendFailed(first, Connection.OFFLINE)).isTrue(); // the link went meanwhile
        assertThat(chat.currentProperty().get().olderProperty().get()).isEqualTo(RoomTimeline.Older.MORE);
        chat.loadOlder();
        assertThat(connection.sent(ClientMessage.ChatHistory.class)).hasSize(2);
    }

    @Test
    void aRoomOpenedWithoutItsNewestHistoryAsksForItAndPutsTheDividerWhereTheUserLeftOff() {
        chat.received(message("design", 12, "bob", "live while elsewhere", "b12"));
        chat.show("design", 10);
        ClientMessage.ChatHistory asked = connection.last(ClientMessage.ChatHistory.class);
        assertThat(asked.room()).isEqualTo("design");
        assertThat(asked.before()).isNull();
        chat.page(new ServerMessage.ChatPage(asked.clientId(), "design", List.of(message("design", 10, "bob", "read", "b10"),
                message("design", 11, "bob", "unread", "b11"), message("design", 12, "bob", "live while elsewhere", "b12")), false));
        assertThat(chat.entries()).extracting(ChatEntry::text)
                .containsExactly("read", "New messages", "unread", "live while elsewhere");

        chat.show("general", 0);
        chat.show("design", 12); // up to date now: no second request, and nothing new
        assertThat(connection.sent(ClientMessage.ChatHistory.class)).hasSize(1);
        assertThat(chat.entries()).noneMatch(ChatEntry.Divider.class::isInstance);
    }

    @Test
    void aReconnectLeavesOtherRoomsBehindUntilTheyOpenAgain() {
        chat.received(message("design", 1, "bob", "one", "b1"));
        chat.show("design", 1);
        String first = connection.last(ClientMessage.ChatHistory.class).clientId();
        chat.page(new ServerMessage.ChatPage(first, "design", List.of(message("design", 1, "bob", "one", "b1")), false));
        chat.show("general", 0);

        chat.welcomed("alice", "general", List.of(message("general", 5, "bob", "hi", "b5")));
        assertThat(connection.sent(ClientMessage.ChatHistory.class)).hasSize(1);
        chat.show("design", 1);
        assertThat(connection.sent(ClientMessage.ChatHistory.class)).hasSize(2);
        assertThat(connection.last(ClientMessage.ChatHistory.class).before()).isNull();
    }

    // ---- read marks ----

    @Test
    void theNewestMessageCountsAsSeenOnlyWhileTheWindowIsFocusedAndTheListAtTheBottom() {
        chat.received(message("general", 1, "bob", "one", "b1"));
        assertThat(seen).containsExactly("general@1");

        chat.windowFocusedProperty().set(false);
        chat.received(message("general", 2, "bob", "two", "b2"));
        assertThat(seen).containsExactly("general@1");
        chat.windowFocusedProperty().set(true);
        assertThat(seen).containsExactly("general@1", "general@2");

        chat.atBottomProperty().set(false);
        chat.received(message("general", 3, "bob", "three", "b3"));
        chat.received(message("design", 9, "bob", "another room", "b9"));
        assertThat(seen).containsExactly("general@1", "general@2");
        chat.jumpToLatest();
        assertThat(seen).containsExactly("general@1", "general@2", "general@3");

        chat.show("design", 0);
        assertThat(seen).last().isEqualTo("design@9");
    }

    private static ChatMessage message(String room, long id, String author, String text, String clientId) {
        return new ChatMessage(id, room, author, text, T0.plusSeconds(id), clientId, "s1");
    }

    private static ChatEntry.Message msg(ChatEntry entry) {
        assertThat(entry).isInstanceOf(ChatEntry.Message.class);
        return (ChatEntry.Message) entry;
    }

    private static long id(ChatEntry entry) {
        return entry instanceof ChatEntry.Message message ? message.id() : 0;
    }

    private static ChatEntry.State state(ChatEntry entry) {
        return entry instanceof ChatEntry.Message message ? message.state() : ChatEntry.State.SENT;
    }
}
