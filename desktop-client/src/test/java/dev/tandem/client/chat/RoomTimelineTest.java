package dev.tandem.client.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One room's lines: order by id, merges, the gap marker, grouping, unseen count, the divider, history paging, trimming. */
class RoomTimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final String ME = "alice";

    private final RoomTimeline chat = new RoomTimeline("design", Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void historyAfterAReconnectMergesByIdAndConfirmsWhatTheServerDidGet() {
        chat.accept(message(1, "bob", "one", "b1"), ME, true);
        chat.accept(message(2, "bob", "two", "b2"), ME, true);
        ChatEntry.Message mine = chat.addPending("c-1", ME, "did it arrive?", ChatEntry.State.PENDING);
        chat.connectionLost();
        assertThat(mine.state()).isEqualTo(ChatEntry.State.QUEUED);

        chat.mergeNewest(List.of(message(1, "bob", "one", "b1"), message(2, "bob", "two", "b2"),
                message(3, "carol", "three", "c3"), message(4, ME, "did it arrive?", "c-1")), ME, false);

        assertThat(chat.entries()).extracting(RoomTimelineTest::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(mine.state()).isEqualTo(ChatEntry.State.SENT);
        assertThat(mine.own()).isTrue();
        assertThat(chat.pending("c-1")).isNull();
    }

    @Test
    void unconfirmedMessagesStayBelowConfirmedOnesAndMoveToTheirPlaceWhenConfirmed() {
        chat.addPending("c-1", ME, "first", ChatEntry.State.PENDING);
        chat.addPending("c-2", ME, "second", ChatEntry.State.PENDING);
        chat.accept(message(10, "bob", "meanwhile", "b"), ME, true);
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("meanwhile", "first", "second");

        chat.accept(message(11, ME, "first", "c-1"), ME, true);
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("meanwhile", "first", "second");
        assertThat(msg(chat.entries().get(2)).state()).isEqualTo(ChatEntry.State.PENDING);
    }

    @Test
    void historyIsSortedByIdEvenWhenItOverlapsLiveMessagesOutOfOrder() {
        chat.accept(message(5, "bob", "five", "x"), ME, true);
        chat.mergeNewest(List.of(message(3, "bob", "three", "y"), message(4, "bob", "four", "z"),
                message(5, "bob", "five", "x")), ME, false);
        assertThat(chat.entries()).extracting(RoomTimelineTest::id).containsExactly(3L, 4L, 5L);
    }

    @Test
    void consecutiveMessagesOfOneAuthorAreGroupedWithinFiveMinutes() {
        chat.accept(new ChatMessage(1, "design", "bob", "a", T0, "1", "s1"), ME, true);
        chat.accept(new ChatMessage(2, "design", "bob", "b", T0.plusSeconds(60), "2", "s1"), ME, true);
        chat.accept(new ChatMessage(3, "design", "bob", "c", T0.plusSeconds(60 + 301), "3", "s1"), ME, true);
        chat.accept(new ChatMessage(4, "design", "carol", "d", T0.plusSeconds(400), "4", "s1"), ME, true);
        chat.accept(new ChatMessage(5, "design", "carol", "e", T0.plusSeconds(410), "5", "s1"), ME, true);
        assertThat(chat.entries()).extracting(RoomTimelineTest::isContinuation)
                .containsExactly(false, true, false, false, true);
    }

    @Test
    void groupingFollowsAnInsertionInTheMiddle() {
        chat.accept(new ChatMessage(1, "design", "bob", "a", T0, "1", "s1"), ME, true);
        chat.accept(new ChatMessage(3, "design", "bob", "c", T0.plusSeconds(20), "3", "s1"), ME, true);
        assertThat(msg(chat.entries().get(1)).isContinuation()).isTrue();
        chat.mergeOlder(List.of(new ChatMessage(2, "design", "carol", "b", T0.plusSeconds(10), "2", "s1")), ME, true);
        assertThat(chat.entries()).extracting(RoomTimelineTest::isContinuation).containsExactly(false, false, false);
    }

    @Test
    void messagesArrivingWhileScrolledUpCountAsUnseenUntilTheUserIsBackAtTheBottom() {
        chat.atBottomProperty().set(false);
        chat.accept(message(1, "bob", "one", "b1"), ME, true);
        chat.accept(message(2, "bob", "two", "b2"), ME, true);
        chat.accept(message(3, ME, "mine", "c3"), ME, true);
        chat.mergeNewest(List.of(message(4, "bob", "four", "b4")), ME, false); // history is not "new"
        assertThat(chat.unseenProperty().get()).isEqualTo(2);

        chat.atBottomProperty().set(true);
        assertThat(chat.unseenProperty().get()).isZero();
        chat.accept(message(5, "bob", "five", "b5"), ME, true);
        assertThat(chat.unseenProperty().get()).isZero();
    }

    @Test
    void historyThatStartsPastTheNewestShownMessageLeavesAMarkerWithHowManyAreMissing() {
        chat.accept(message(1, "bob", "one", "b1"), ME, true);
        chat.accept(message(2, "bob", "two", "b2"), ME, true);
        chat.addPending("c-1", ME, "sent as the link died", ChatEntry.State.PENDING);
        chat.connectionLost();

        // Away long enough that 3..9 fell out of the welcome's last-N history; our message is in it.
        chat.mergeNewest(List.of(message(10, "bob", "ten", "b10"), message(11, ME, "sent as the link died", "c-1"),
                message(12, "bob", "twelve", "b12")), ME, false);

        assertThat(chat.entries()).extracting(ChatEntry::toString).containsExactly("Message[#1 bob SENT]",
                "Message[#2 bob SENT]",
                "Gap[afterId=2, skipped=7, text=Some messages from while you were away are not shown (7 skipped)]",
                "Message[#10 bob SENT]", "Message[#11 alice SENT]", "Message[#12 bob SENT]");
        assertThat(msg(chat.entries().get(4)).own()).isTrue();
        // bob before and after the gap: the message after it starts a new group (with its header again).
        assertThat(chat.entries()).extracting(RoomTimelineTest::isContinuation)
                .containsExactly(false, true, false, false, false, false);
    }

    @Test
    void aSingleMissingMessageIsCountedInTheSingular() {
        chat.accept(message(1, "bob", "one", "b1"), ME, true);
        chat.mergeNewest(List.of(message(3, "bob", "three", "b3")), ME, false);
        assertThat(chat.entries()).extracting(ChatEntry::text)
                .containsExactly("one", "1 message from while you were away is not shown", "three");
    }

    @Test
    void liveMessagesAndPendingOnesGoBelowTheMarkerAndTheUnseenCountIgnoresIt() {
        chat.accept(message(1, "bob", "one", "b1"), ME, true);
        chat.atBottomProperty().set(false);
        chat.mergeNewest(List.of(message(50, "bob", "fifty", "b50")), ME, false);
        assertThat(chat.unseenProperty().get()).isZero();

        chat.accept(message(51, "bob", "fifty-one", "b51"), ME, true);
        assertThat(chat.unseenProperty().get()).isEqualTo(1); // the live message, not the marker
        chat.addPending("c-1", ME, "mine", ChatEntry.State.PENDING);
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("one",
                "Some messages from while you were away are not shown (48 skipped)", "fifty", "fifty-one", "mine");
    }

    @Test
    void historyThatOverlapsOrContinuesTheListLeavesNoMarker() {
        chat.accept(message(1, "bob", "one", "b1"), ME, true);
        chat.accept(message(2, "bob", "two", "b2"), ME, true);
        chat.mergeNewest(List.of(message(2, "bob", "two", "b2"), message(3, "bob", "three", "b3")), ME, false);
        chat.mergeNewest(List.of(message(4, "bob", "four", "b4"), message(5, "bob", "five", "b5")), ME, false);
        chat.mergeNewest(List.of(), ME, false);
        assertThat(chat.entries()).extracting(RoomTimelineTest::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(chat.entries()).noneMatch(ChatEntry.Gap.class::isInstance);
    }

    @Test
    void aFirstHistoryOrAListWithOnlyUnconfirmedMessagesGetsNoMarker() {
        chat.mergeNewest(List.of(message(500, "bob", "late", "b500"), message(501, "bob", "later", "b501")), ME, false);
        assertThat(chat.entries()).extracting(RoomTimelineTest::id).containsExactly(500L, 501L);

        RoomTimeline other = new RoomTimeline("other", Clock.fixed(T0, ZoneOffset.UTC));
        other.addPending("c-1", ME, "nothing confirmed yet", ChatEntry.State.PENDING);
        other.mergeNewest(List.of(message(700, "bob", "hi", "b700")), ME, false);
        assertThat(other.entries()).noneMatch(ChatEntry.Gap.class::isInstance);
    }

    @Test
    void trimmingDropsAMarkerThatReachesTheTopAndMakesOlderHistoryFetchableAgain() {
        chat.mergeNewest(List.of(message(1, "bob", "one", "b1")), ME, true);
        assertThat(chat.olderProperty().get()).isEqualTo(RoomTimeline.Older.NONE);
        chat.mergeNewest(List.of(message(10, "bob", "ten", "b10")), ME, false);
        assertThat((chat.entries().get(1) instanceof ChatEntry.Gap)).isTrue();
        // #1, the marker and #10..#(MAX + 7): exactly full.
        long newest = RoomTimeline.MAX_ENTRIES + 7;
        for (long id = 11; id <= newest; id++) {
            chat.accept(message(id, "bob", "n", "b" + id), ME, true);
        }
        assertThat(chat.entries()).hasSize(RoomTimeline.MAX_ENTRIES);
        assertThat(msg(chat.entries().get(0)).id()).isEqualTo(1);

        chat.accept(message(newest + 1, "bob", "n", "last"), ME, true);
        // #1 no longer fits: it goes, and the marker above #10 has nothing left to separate.
        assertThat(chat.entries()).hasSize(RoomTimeline.MAX_ENTRIES - 1);
        assertThat(msg(chat.entries().get(0)).id()).isEqualTo(10);
        assertThat(chat.entries()).noneMatch(ChatEntry.Gap.class::isInstance);
        assertThat(msg(chat.entries().get(0)).isContinuation()).isFalse();
        assertThat(chat.olderProperty().get()).isEqualTo(RoomTimeline.Older.MORE);
    }

    @Test
    void theDividerSitsAboveTheFirstMessageOfOthersAfterTheReadPositionAndGoesWhenTheRoomCloses() {
        chat.mergeNewest(List.of(message(1, "bob", "one", "b1"), message(2, ME, "two", "a2"),
                message(3, ME, "three", "a3"), message(4, "bob", "four", "b4")), ME, true);
        chat.openAt(2);
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("one", "two", "New messages", "three", "four");
        assertThat(chat.divider()).contains(new ChatEntry.Divider(2));
        // The divider starts a group: "three" shows its header again.
        assertThat(chat.entries()).extracting(RoomTimelineTest::isContinuation).containsExactly(false, false, false, false, false);

        chat.accept(message(5, "bob", "five", "b5"), ME, true); // live messages go below it; it stays
        assertThat(chat.entries()).extracting(ChatEntry::text).containsSubsequence("New messages", "five");

        chat.clearDivider();
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("one", "two", "three", "four", "five");
        assertThat(msg(chat.entries().get(2)).isContinuation()).isTrue();

        chat.openAt(5); // everything read: no divider
        assertThat(chat.divider()).isEmpty();
        chat.clearDivider();
        chat.openAt(3); // the read position is three: the divider goes above four
        assertThat(chat.divider()).contains(new ChatEntry.Divider(3));
    }

    @Test
    void onlyOwnMessagesAfterTheReadPositionGetNoDivider() {
        chat.mergeNewest(List.of(message(1, "bob", "one", "b1"), message(2, ME, "two", "a2")), ME, true);
        chat.openAt(1);
        assertThat(chat.divider()).isEmpty();
    }

    @Test
    void aRoomOpenedBeforeItsHistoryArrivedGetsItsDividerWhenTheHistoryComes() {
        chat.accept(message(7, "bob", "live before opening", "b7"), ME, true); // not up to date: no history yet
        chat.openAt(5);
        assertThat(chat.divider()).isEmpty();
        chat.mergeNewest(List.of(message(5, "bob", "five", "b5"), message(6, "bob", "six", "b6"),
                message(7, "bob", "live before opening", "b7")), ME, true);
        assertThat(chat.entries()).extracting(ChatEntry::text)
                .containsExactly("five", "New messages", "six", "live before opening");

        chat.accept(message(8, "bob", "eight", "b8"), ME, true);
        chat.mergeNewest(List.of(message(8, "bob", "eight", "b8")), ME, false); // a later welcome: no second divider
        assertThat(chat.entries()).filteredOn(ChatEntry.Divider.class::isInstance).hasSize(1);
    }

    @Test
    void olderPagesGoAboveTheOldestAndStopWhenTheServerHasNoMore() {
        chat.mergeNewest(List.of(message(101, "bob", "a", "b101"), message(102, "bob", "b", "b102")), ME, false);
        assertThat(chat.olderProperty().get()).isEqualTo(RoomTimeline.Older.MORE);
        assertThat(chat.oldestId()).isEqualTo(101);
        chat.loadingOlder();
        assertThat(chat.olderProperty().get()).isEqualTo(RoomTimeline.Older.LOADING);
        chat.mergeOlder(List.of(message(99, "bob", "y", "b99"), message(100, "bob", "z", "b100")), ME, true);
        assertThat(chat.entries()).extracting(RoomTimelineTest::id).containsExactly(99L, 100L, 101L, 102L);
        assertThat(chat.olderProperty().get()).isEqualTo(RoomTimeline.Older.MORE);

        chat.loadingOlder();
        chat.olderNotLoaded(); // refused or offline: scrolling up may ask again
        assertThat(chat.olderProperty().get()).isEqualTo(RoomTimeline.Older.MORE);
        chat.loadingOlder();
        chat.mergeOlder(List.of(message(98, "bob", "x", "b98")), ME, false);
        assertThat(chat.olderProperty().get()).isEqualTo(RoomTimeline.Older.NONE);
        assertThat(chat.oldestId()).isEqualTo(98);
    }

    @Test
    void aWelcomeHistoryShorterThanAFullOneIsTheWholeRoom() {
        chat.mergeNewest(List.of(message(1, "bob", "a", "b1")), ME, true);
        assertThat(chat.olderProperty().get()).isEqualTo(RoomTimeline.Older.NONE);
        assertThat(chat.isUpToDate()).isTrue();
        chat.stale();
        assertThat(chat.isUpToDate()).isFalse();
    }

    @Test
    void editsAndDeletionsInHistoryShowOnMessagesAlreadyShownAndAreSavedAsSuch() {
        chat.accept(message(1, "bob", "original", "b1"), ME, true);
        chat.accept(message(2, "bob", "gone soon", "b2"), ME, true);
        Instant at = T0.plusSeconds(90);
        chat.mergeNewest(List.of(message(1, "bob", "original", "b1").edited("changed", at),
                message(2, "bob", "gone soon", "b2").asDeleted()), ME, true);

        ChatEntry.Message first = msg(chat.entries().get(0));
        assertThat(first.text()).isEqualTo("changed");
        assertThat(first.edited()).isTrue();
        ChatEntry.Message second = msg(chat.entries().get(1));
        assertThat(second.deleted()).isTrue();
        assertThat(second.text()).isEmpty();
        assertThat(second.changeable()).isFalse();

        assertThat(chat.recent(10)).extracting(ChatMessage::room, ChatMessage::text, ChatMessage::editedAt, ChatMessage::deleted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("design", "changed", at, false),
                        org.assertj.core.groups.Tuple.tuple("design", "", null, true));
    }

    private static ChatMessage message(long id, String author, String text, String clientId) {
        return new ChatMessage(id, "design", author, text, T0.plusSeconds(id), clientId, "s1");
    }

    static ChatEntry.Message msg(ChatEntry entry) {
        assertThat(entry).isInstanceOf(ChatEntry.Message.class);
        return (ChatEntry.Message) entry;
    }

    static long id(ChatEntry entry) {
        return entry instanceof ChatEntry.Message message ? message.id() : 0;
    }

    static boolean isContinuation(ChatEntry entry) {
        return entry instanceof ChatEntry.Message message && message.isContinuation();
    }
}
