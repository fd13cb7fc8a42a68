package dev.tandem.client.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.RecordingConnection;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private final RecordingConnection connection = new RecordingConnection();
    private final ChatViewModel chat = new ChatViewModel(connection, Clock.fixed(T0, ZoneOffset.UTC));

    @BeforeEach
    void signIn() {
        chat.signedIn("alice", List.of());
        chat.signedInProperty().set(true);
        chat.onlineProperty().set(true);
    }

    @Test
    void aSentMessageShowsPendingAtOnceAndTurnsSentWhenItsClientIdComesBack() {
        chat.draftProperty().set("  hello there \n");
        chat.send();

        ClientMessage.ChatSend sent = connection.last(ClientMessage.ChatSend.class);
        assertThat(sent.text()).isEqualTo("hello there");
        assertThat(chat.draftProperty().get()).isEmpty();
        ChatEntry.Message entry = msg(chat.entries().get(0));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.PENDING);
        assertThat(entry.own()).isTrue();

        // Someone else's message with another client id does not confirm ours.
        chat.received(message(41, "bob", "hi", "other-id"));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.PENDING);

        chat.received(message(42, "alice", "hello there", sent.clientId()));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.SENT);
        assertThat(entry.id()).isEqualTo(42);
        assertThat(chat.entries()).extracting(ChatViewModelTest::id).containsExactly(41L, 42L);
    }

    @Test
    void unconfirmedMessagesStayBelowConfirmedOnesAndMoveToTheirPlaceWhenConfirmed() {
        chat.draftProperty().set("first");
        chat.send();
        String firstId = connection.last(ClientMessage.ChatSend.class).clientId();
        chat.draftProperty().set("second");
        chat.send();
        chat.received(message(10, "bob", "meanwhile", "b"));
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("meanwhile", "first", "second");

        chat.received(message(11, "alice", "first", firstId));
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("meanwhile", "first", "second");
        assertThat(msg(chat.entries().get(2)).state()).isEqualTo(ChatEntry.State.PENDING);
    }

    @Test
    void anErrorWithTheRefFailsTheMessageAndRetryResendsTheSameClientId() {
        chat.draftProperty().set("too fast");
        chat.send();
        String clientId = connection.last(ClientMessage.ChatSend.class).clientId();

        assertThat(chat.error(new ServerMessage.Error("rate_limited", "slow down", clientId))).isTrue();
        ChatEntry.Message entry = msg(chat.entries().get(0));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.FAILED);
        assertThat(entry.failureProperty().get()).isEqualTo("Sending too fast: not sent");

        chat.retry(entry);
        assertThat(entry.state()).isEqualTo(ChatEntry.State.PENDING);
        assertThat(connection.sent).hasSize(2);
        assertThat(connection.last(ClientMessage.ChatSend.class))
                .isEqualTo(new ClientMessage.ChatSend(clientId, "too fast"));
        chat.received(message(5, "alice", "too fast", clientId));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.SENT);
    }

    @Test
    void errorsForOtherRequestsAreNotClaimed() {
        assertThat(chat.error(new ServerMessage.Error("not_found", "no such todo", "t-1"))).isFalse();
        assertThat(chat.error(new ServerMessage.Error("invalid", "bad", null))).isFalse();
    }

    @Test
    void aDroppedConnectionKeepsWhatIsPendingQueuedAndTheReconnectSendsItAgain() {
        chat.draftProperty().set("in flight");
        chat.send();
        chat.connectionLost();
        chat.onlineProperty().set(false);
        ChatEntry.Message entry = msg(chat.entries().get(0));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.QUEUED);
        assertThat(entry.failureProperty().get()).isEmpty();

        chat.onlineProperty().set(true); // the outbox sends it again on the new connection
        assertThat(entry.state()).isEqualTo(ChatEntry.State.PENDING);
        assertThat(connection.sent).hasSize(1); // the connection resends it, not the view model
    }

    @Test
    void aFailedMessageRetriedOfflineWaitsInTheOutbox() {
        chat.draftProperty().set("refused");
        chat.send();
        String clientId = connection.last(ClientMessage.ChatSend.class).clientId();
        chat.error(new ServerMessage.Error("internal", "oops", clientId));
        ChatEntry.Message entry = msg(chat.entries().get(0));
        assertThat(entry.state()).isEqualTo(ChatEntry.State.FAILED);

        chat.onlineProperty().set(false);
        chat.retry(entry);
        assertThat(entry.state()).isEqualTo(ChatEntry.State.QUEUED);
        assertThat(connection.sent).hasSize(2);
        assertThat(connection.last(ClientMessage.ChatSend.class).clientId()).isEqualTo(clientId);
    }

    @Test
    void messagesLeftInTheOutboxByAnEarlierRunShowAsQueuedInOrderAndTheSavedCopyComesFirst() {
        ChatViewModel fresh = new ChatViewModel(connection, Clock.fixed(T0, ZoneOffset.UTC));
        fresh.showSaved("alice", List.of(message(7, "bob", "saved", "b7")));
        fresh.restoreQueued("alice", List.of(new ClientMessage.ChatSend("a1", "one"), new ClientMessage.ChatSend("a2", "two")));
        assertThat(fresh.entries()).extracting(ChatEntry::text).containsExactly("saved", "one", "two");
        assertThat(fresh.entries()).extracting(ChatViewModelTest::state)
                .containsExactly(ChatEntry.State.SENT, ChatEntry.State.QUEUED, ChatEntry.State.QUEUED);

        fresh.signedIn("alice", List.of(message(7, "bob", "saved", "b7"), message(8, "alice", "one", "a1")));
        assertThat(fresh.entries()).extracting(ChatEntry::text).containsExactly("saved", "one", "two");
        assertThat(msg(fresh.entries().get(1)).state()).isEqualTo(ChatEntry.State.SENT);
        assertThat(fresh.recent(10)).extracting(ChatMessage::id).containsExactly(7L, 8L);
        assertThat(connection.sent).isEmpty(); // the connection sends what the outbox holds
    }

    @Test
    void historyAfterAReconnectMergesByIdAndConfirmsWhatTheServerDidGet() {
        chat.received(message(1, "bob", "one", "b1"));
        chat.received(message(2, "bob", "two", "b2"));
        chat.draftProperty().set("did it arrive?");
        chat.send();
        String clientId = connection.last(ClientMessage.ChatSend.class).clientId();
        chat.connectionLost();

        chat.mergeHistory(List.of(message(1, "bob", "one", "b1"), message(2, "bob", "two", "b2"),
                message(3, "carol", "three", "c3"), message(4, "alice", "did it arrive?", clientId)));

        assertThat(chat.entries()).extracting(ChatViewModelTest::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(msg(chat.entries().get(3)).state()).isEqualTo(ChatEntry.State.SENT);
        assertThat(msg(chat.entries().get(3)).own()).isTrue();
    }

    @Test
    void historyIsSortedByIdEvenWhenItOverlapsLiveMessagesOutOfOrder() {
        chat.received(message(5, "bob", "five", "x"));
        chat.mergeHistory(List.of(message(3, "bob", "three", "y"), message(4, "bob", "four", "z"),
                message(5, "bob", "five", "x")));
        assertThat(chat.entries()).extracting(ChatViewModelTest::id).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aFreshSignInReplacesTheOldList() {
        chat.received(message(1, "bob", "one", "b1"));
        chat.signedIn("carol", List.of(message(9, "bob", "nine", "b9")));
        assertThat(chat.entries()).extracting(ChatViewModelTest::id).containsExactly(9L);
        assertThat(chat.me()).isEqualTo("carol");
    }

    @Test
    void consecutiveMessagesOfOneAuthorAreGroupedWithinFiveMinutes() {
        chat.received(new ChatMessage(1, "bob", "a", T0, "1", "s1"));
        chat.received(new ChatMessage(2, "bob", "b", T0.plusSeconds(60), "2", "s1"));
        chat.received(new ChatMessage(3, "bob", "c", T0.plusSeconds(60 + 301), "3", "s1"));
        chat.received(new ChatMessage(4, "carol", "d", T0.plusSeconds(400), "4", "s1"));
        chat.received(new ChatMessage(5, "carol", "e", T0.plusSeconds(410), "5", "s1"));
        assertThat(chat.entries()).extracting(ChatViewModelTest::isContinuation)
                .containsExactly(false, true, false, false, true);
    }

    @Test
    void groupingFollowsAnInsertionInTheMiddle() {
        chat.received(new ChatMessage(1, "bob", "a", T0, "1", "s1"));
        chat.received(new ChatMessage(3, "bob", "c", T0.plusSeconds(20), "3", "s1"));
        assertThat(msg(chat.entries().get(1)).isContinuation()).isTrue();
        chat.mergeHistory(List.of(new ChatMessage(2, "carol", "b", T0.plusSeconds(10), "2", "s1")));
        assertThat(chat.entries()).extracting(ChatViewModelTest::isContinuation).containsExactly(false, false, false);
    }

    @Test
    void messagesArrivingWhileScrolledUpCountAsUnseenUntilTheUserIsBackAtTheBottom() {
        chat.atBottomProperty().set(false);
        chat.received(message(1, "bob", "one", "b1"));
        chat.received(message(2, "bob", "two", "b2"));
        chat.mergeHistory(List.of(message(3, "bob", "three", "b3"))); // history is not "new"
        assertThat(chat.unseenProperty().get()).isEqualTo(2);

        chat.jumpToLatest();
        assertThat(chat.unseenProperty().get()).isZero();
        assertThat(chat.atBottomProperty().get()).isTrue();

        chat.received(message(4, "bob", "four", "b4"));
        assertThat(chat.unseenProperty().get()).isZero();
    }

    @Test
    void ourOwnMessageBringsTheViewBackToTheBottom() {
        chat.atBottomProperty().set(false);
        chat.draftProperty().set("me");
        chat.send();
        assertThat(chat.atBottomProperty().get()).isTrue();
    }

    @Test
    void theDraftMustFitTheLimitAndThereMustBeASession() {
        chat.draftProperty().set("   \n ");
        assertThat(chat.canSendProperty().get()).isFalse();
        chat.send();
        assertThat(connection.sent).isEmpty();

        chat.draftProperty().set("x".repeat(Limits.MAX_CHAT_TEXT));
        assertThat(chat.canSendProperty().get()).isTrue();
        assertThat(chat.draftHintProperty().get()).isEmpty();
        chat.draftProperty().set("x".repeat(Limits.MAX_CHAT_TEXT + 3));
        assertThat(chat.canSendProperty().get()).isFalse();
        assertThat(chat.draftHintProperty().get()).isEqualTo("3 characters over the limit of 2000");

        chat.draftProperty().set("written while offline");
        chat.onlineProperty().set(false);
        assertThat(chat.canSendProperty().get()).isTrue(); // it waits in the outbox
        chat.send();
        assertThat(chat.entries()).last().extracting(ChatViewModelTest::state).isEqualTo(ChatEntry.State.QUEUED);
        assertThat(connection.sent).hasSize(1);

        chat.signedInProperty().set(false); // no session: nowhere to keep it
        chat.draftProperty().set("kept in the draft");
        assertThat(chat.canSendProperty().get()).isFalse();
        chat.send();
        assertThat(chat.draftProperty().get()).isEqualTo("kept in the draft");
        assertThat(connection.sent).hasSize(1);
    }

    @Test
    void aSendTheConnectionRefusedFailsTheMessage() {
        chat.draftProperty().set("hello");
        chat.send();
        String clientId = connection.last(ClientMessage.ChatSend.class).clientId();
        assertThat(chat.sendFailed(clientId, "Offline: not sent")).isTrue();
        assertThat(msg(chat.entries().get(0)).state()).isEqualTo(ChatEntry.State.FAILED);
        assertThat(chat.sendFailed("t-unknown", "x")).isFalse();
    }

    @Test
    void historyThatStartsPastTheNewestShownMessageLeavesAMarkerWithHowManyAreMissing() {
        chat.received(message(1, "bob", "one", "b1"));
        chat.received(message(2, "bob", "two", "b2"));
        chat.draftProperty().set("sent as the link died");
        chat.send();
        String clientId = connection.last(ClientMessage.ChatSend.class).clientId();
        chat.connectionLost();

        // Away long enough that 3..9 fell out of the welcome's last-N history; our message is in it.
        chat.mergeHistory(List.of(message(10, "bob", "ten", "b10"), message(11, "alice", "sent as the link died",
                clientId), message(12, "bob", "twelve", "b12")));

        assertThat(chat.entries()).extracting(ChatEntry::toString).containsExactly("Message[#1 bob SENT]",
                "Message[#2 bob SENT]",
                "Gap[afterId=2, skipped=7, text=Some messages from while you were away are not shown (7 skipped)]",
                "Message[#10 bob SENT]", "Message[#11 alice SENT]", "Message[#12 bob SENT]");
        ChatEntry.Gap gap = (ChatEntry.Gap) chat.entries().get(2);
        assertThat(gap.afterId()).isPositive();
        assertThat(gap.skipped()).isEqualTo(7);
        assertThat(gap.text()).isEqualTo("Some messages from while you were away are not shown (7 skipped)");
        assertThat(msg(chat.entries().get(4)).own()).isTrue();
        // bob before and after the gap: the message after it starts a new group (with its header again).
        assertThat(chat.entries()).extracting(ChatViewModelTest::isContinuation)
                .containsExactly(false, true, false, false, false, false);
    }

    @Test
    void aSingleMissingMessageIsCountedInTheSingular() {
        chat.received(message(1, "bob", "one", "b1"));
        chat.mergeHistory(List.of(message(3, "bob", "three", "b3")));
        assertThat(chat.entries()).extracting(ChatEntry::text)
                .containsExactly("one", "1 message from while you were away is not shown", "three");
    }

    @Test
    void liveMessagesAndPendingOnesGoBelowTheMarkerAndTheUnseenCountIgnoresIt() {
        chat.received(message(1, "bob", "one", "b1"));
        chat.atBottomProperty().set(false);
        chat.mergeHistory(List.of(message(50, "bob", "fifty", "b50")));
        assertThat(chat.unseenProperty().get()).isZero();

        chat.received(message(51, "bob", "fifty-one", "b51"));
        assertThat(chat.unseenProperty().get()).isEqualTo(1); // the live message, not the marker
        chat.draftProperty().set("mine");
        chat.send();
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("one",
                "Some messages from while you were away are not shown (48 skipped)", "fifty", "fifty-one", "mine");
    }

    @Test
    void historyThatOverlapsOrContinuesTheListLeavesNoMarker() {
        chat.received(message(1, "bob", "one", "b1"));
        chat.received(message(2, "bob", "two", "b2"));
        chat.mergeHistory(List.of(message(2, "bob", "two", "b2"), message(3, "bob", "three", "b3")));
        chat.mergeHistory(List.of(message(4, "bob", "four", "b4"), message(5, "bob", "five", "b5")));
        chat.mergeHistory(List.of());
        assertThat(chat.entries()).extracting(ChatViewModelTest::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(chat.entries()).noneMatch(ChatViewModelTest::isGap);
    }

    @Test
    void aFirstSignInOrAListWithOnlyUnconfirmedMessagesGetsNoMarker() {
        chat.signedIn("alice", List.of(message(500, "bob", "late", "b500"), message(501, "bob", "later", "b501")));
        assertThat(chat.entries()).extracting(ChatViewModelTest::id).containsExactly(500L, 501L);

        chat.signedIn("bob", List.of()); // another account: a fresh list
        chat.draftProperty().set("nothing confirmed yet");
        chat.send();
        chat.mergeHistory(List.of(message(700, "bob", "hi", "b700")));
        assertThat(chat.entries()).noneMatch(ChatViewModelTest::isGap);
    }

    @Test
    void trimmingDropsAMarkerThatReachesTheTop() {
        chat.received(message(1, "bob", "one", "b1"));
        chat.mergeHistory(List.of(message(10, "bob", "ten", "b10")));
        assertThat((chat.entries().get(1) instanceof ChatEntry.Gap)).isTrue();
        // #1, the marker and #10..#(MAX + 7): exactly full.
        long newest = ChatViewModel.MAX_ENTRIES + 7;
        for (long id = 11; id <= newest; id++) {
            chat.received(message(id, "bob", "n", "b" + id));
        }
        assertThat(chat.entries()).hasSize(ChatViewModel.MAX_ENTRIES);
        assertThat(msg(chat.entries().get(0)).id()).isEqualTo(1);
        assertThat((chat.entries().get(1) instanceof ChatEntry.Gap)).isTrue();

        chat.received(message(newest + 1, "bob", "n", "last"));
        // #1 no longer fits: it goes, and the marker above #10 has nothing left to separate.
        assertThat(chat.entries()).hasSize(ChatViewModel.MAX_ENTRIES - 1);
        assertThat(msg(chat.entries().get(0)).id()).isEqualTo(10);
        assertThat(chat.entries()).noneMatch(ChatViewModelTest::isGap);
        assertThat(msg(chat.entries().get(0)).isContinuation()).isFalse();
    }

    private static ChatMessage message(long id, String author, String text, String clientId) {
        return new ChatMessage(id, author, text, T0.plusSeconds(id), clientId, "s1");
    }

    // ---- reading the list: messages, and the old single-type view of gaps (id 0, sent, no group) ----

    private static ChatEntry.Message msg(ChatEntry entry) {
        assertThat(entry).isInstanceOf(ChatEntry.Message.class);
        return (ChatEntry.Message) entry;
    }

    private static boolean isGap(ChatEntry entry) {
        return entry instanceof ChatEntry.Gap;
    }

    private static long id(ChatEntry entry) {
        return entry instanceof ChatEntry.Message message ? message.id() : 0;
    }

    private static ChatEntry.State state(ChatEntry entry) {
        return entry instanceof ChatEntry.Message message ? message.state() : ChatEntry.State.SENT;
    }

    private static boolean isContinuation(ChatEntry entry) {
        return entry instanceof ChatEntry.Message message && message.isContinuation();
    }

    private static boolean own(ChatEntry entry) {
        return entry instanceof ChatEntry.Message message && message.own();
    }

    private static String author(ChatEntry entry) {
        return entry instanceof ChatEntry.Message message ? message.author() : "";
    }
}
