package dev.tandem.client.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.RecordingConnection;
import dev.tandem.client.chat.ChatEntry;
import dev.tandem.client.chat.ChatViewModel;
import dev.tandem.client.connection.Connection;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.RoomSummary;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.TodoList;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The room list: order, badges and read positions, moving between rooms, create / join / leave, DMs. */
class RoomsViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private final RecordingConnection connection = new RecordingConnection();
    private final ChatViewModel chat = new ChatViewModel(connection, Clock.fixed(T0, ZoneOffset.UTC));
    private final RoomsViewModel rooms = new RoomsViewModel(connection, chat);

    @BeforeEach
    void signIn() {
        chat.signedInProperty().set(true);
        chat.onlineProperty().set(true);
        welcome(List.of(room("general", 3, 10, 10, 0), dm("dm:alice:zoe", "zoe", 2, 2, 0),
                room("ops", 2, 5, 5, 0), room("design", 4, 20, 17, 3), dm("dm:alice:bob", "bob", 4, 1, 3)),
                List.of(message("general", 10, "bob", "hello")));
        connection.sentNow.clear();
    }

    @Test
    void theListIsGeneralThenRoomsThenDirectMessagesEachByTitleWithTheirBadges() {
        assertThat(rooms.rooms()).extracting(RoomItem::toString)
                .containsExactly("general", "design (3)", "ops", "bob (3)", "zoe");
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("general");
        assertThat(chat.room()).isEqualTo("general");
        assertThat(chat.headingProperty().get()).isEqualTo(new ChatViewModel.Heading("general", "3 members", false));
        assertThat(item("general").currentProperty().get()).isTrue();
        assertThat(item("design").hasUnreadProperty().get()).isTrue();
    }

    @Test
    void messagesElsewhereRaiseTheBadgeOwnOnesClearItAndTheServersReadPositionHasTheLastWord() {
        chat.received(message("ops", 6, "bob", "psst"));
        rooms.received(message("ops", 6, "bob", "psst"));
        rooms.received(message("ops", 7, "carol", "and again"));
        assertThat(item("ops").unread()).isEqualTo(2);

        rooms.received(message("ops", 8, "alice", "from my other window")); // posting moves my read position
        assertThat(item("ops").unread()).isZero();
        assertThat(item("ops").readId()).isEqualTo(8);

        rooms.received(new ServerMessage.ReadPosition("design", 20, 0)); // read in another window
        assertThat(item("design").unread()).isZero();
        rooms.received(new ServerMessage.ReadPosition("design", 18, 2)); // older news: ignored
        assertThat(item("design").unread()).isZero();
        assertThat(connection.sentNow).isEmpty(); // nothing here was seen in this window
    }

    @Test
    void aRoomSeenToItsNewestMessageIsMarkedReadOnceAndTheBadgeGoes() {
        rooms.openRoom("design");
        answerNewestPage("design", message("design", 17, "bob", "read"), message("design", 18, "bob", "a"),
                message("design", 19, "bob", "b"), message("design", 20, "bob", "c"));
        assertThat(connection.sentNow).containsExactly(new ClientMessage.MarkRead("design", 20));
        assertThat(item("design").unread()).isZero();
        assertThat(chat.entries()).extracting(ChatEntry::text).containsExactly("read", "New messages", "a", "b", "c");

        // A new message while the user looks at the room: read at once, no badge.
        rooms.received(message("design", 21, "bob", "live"));
        chat.received(message("design", 21, "bob", "live"));
        assertThat(connection.sentNow).containsExactly(new ClientMessage.MarkRead("design", 20), new ClientMessage.MarkRead("design", 21));
        assertThat(item("design").unread()).isZero();

        // Not focused: it waits, with its badge.
        chat.windowFocusedProperty().set(false);
        rooms.received(message("design", 22, "bob", "while away"));
        chat.received(message("design", 22, "bob", "while away"));
        assertThat(item("design").unread()).isEqualTo(1);
        chat.windowFocusedProperty().set(true);
        assertThat(connection.sentNow).last().isEqualTo(new ClientMessage.MarkRead("design", 22));
        assertThat(item("design").unread()).isZero();
    }

    @Test
    void afterEveryWelcomeTheReadPositionOfTheRoomOnScreenIsSentAgainIfTheServerIsBehind() {
        chat.received(message("general", 11, "bob", "seen while the link was dying"));
        rooms.received(message("general", 11, "bob", "seen while the link was dying"));
        assertThat(connection.sentNow).containsExactly(new ClientMessage.MarkRead("general", 11));
        connection.sentNow.clear();

        // The mark was lost with the link: the resumed session's welcome still says 10.
        welcome(List.of(room("general", 3, 11, 10, 1)), List.of(message("general", 10, "bob", "hello"),
                message("general", 11, "bob", "seen while the link was dying")));
        assertThat(connection.sentNow).containsExactly(new ClientMessage.MarkRead("general", 11));
        assertThat(item("general").unread()).isZero();
    }

    @Test
    void altUpAndDownMoveThroughTheListAndStopAtItsEnds() {
        rooms.previous();
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("general");
        rooms.next();
        rooms.next();
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("ops");
        assertThat(chat.room()).isEqualTo("ops");
        rooms.next();
        rooms.next();
        rooms.next();
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("dm:alice:zoe");
        assertThat(chat.headingProperty().get()).isEqualTo(new ChatViewModel.Heading("zoe", "direct messages", true));
        rooms.previous();
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("dm:alice:bob");
        assertThat(connection.roomsOnScreen).endsWith("design", "ops", "dm:alice:bob", "dm:alice:zoe", "dm:alice:bob");
        assertThat(rooms.openRoom("nowhere")).isFalse();
    }

    @Test
    void creatingARoomChecksTheNameAndOpensTheRoomTheServerMade() {
        CreateRoomViewModel form = rooms.createForm();
        form.nameProperty().set("Not a name!");
        form.submit();
        assertThat(form.errorProperty().get()).isEqualTo(RoomWords.NAME_RULES);
        assertThat(connection.sent).isEmpty();

        form.nameProperty().set("  Research ");
        assertThat(form.errorProperty().get()).isEmpty();
        form.submit();
        ClientMessage.RoomCreate create = connection.last(ClientMessage.RoomCreate.class);
        assertThat(create.room()).isEqualTo("research");
        assertThat(form.busyProperty().get()).isTrue();

        assertThat(rooms.received(new ServerMessage.RoomJoined(create.clientId(), room("research", 1, 0, 0, 0)))).isTrue();
        assertThat(form.doneProperty().get()).isTrue();
        assertThat(rooms.rooms()).extracting(RoomItem::room).containsExactly("general", "design", "ops", "research",
                "dm:alice:bob", "dm:alice:zoe");
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("research");
        assertThat(chat.headingProperty().get()).isEqualTo(new ChatViewModel.Heading("research", "1 member", false));
    }

    @Test
    void aTakenNameOrNoConnectionIsSaidOnTheForm() {
        CreateRoomViewModel form = rooms.createForm();
        form.nameProperty().set("design2");
        form.submit();
        String first = connection.last(ClientMessage.RoomCreate.class).clientId();
        assertThat(rooms.received(new ServerMessage.Error("room_taken", "exists", first))).isTrue();
        assertThat(form.errorProperty().get()).isEqualTo("There is already a room called “design2”: join it from Browse rooms.");
        assertThat(form.busyProperty().get()).isFalse();

        form.submit();
        String second = connection.last(ClientMessage.RoomCreate.class).clientId();
        assertThat(rooms.sendFailed(second, Connection.OFFLINE)).isTrue();
        assertThat(form.errorProperty().get()).isEqualTo("You are offline: try again when connected.");
        assertThat(rooms.sendFailed("c-not-a-room-request", "x")).isFalse();
    }

    @Test
    void theDirectoryListsPageByPageAndJoiningOpensTheRoom() {
        RoomDirectoryViewModel directory = rooms.directory();
        directory.refresh();
        ClientMessage.RoomList first = connection.last(ClientMessage.RoomList.class);
        assertThat(first.after()).isNull();
        assertThat(directory.loadingProperty().get()).isTrue();
        rooms.received(new ServerMessage.RoomDirectory(first.clientId(), List.of(
                new ServerMessage.PublicRoom("backend", 3, false), new ServerMessage.PublicRoom("design", 4, true)), true));
        assertThat(directory.rooms()).extracting(ServerMessage.PublicRoom::room).containsExactly("backend", "design");
        assertThat(directory.moreProperty().get()).isTrue();

        directory.loadMore();
        ClientMessage.RoomList next = connection.last(ClientMessage.RoomList.class);
        assertThat(next.after()).isEqualTo("design");
        rooms.received(new ServerMessage.RoomDirectory(next.clientId(), List.of(new ServerMessage.PublicRoom("zoo", 1, false)), false));
        assertThat(directory.rooms()).hasSize(3);
        assertThat(directory.moreProperty().get()).isFalse();

        directory.join("design"); // already in it: it just opens
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("design");
        directory.join("backend");
        ClientMessage.RoomJoin join = connection.last(ClientMessage.RoomJoin.class);
        assertThat(join.room()).isEqualTo("backend");
        rooms.received(new ServerMessage.RoomJoined(join.clientId(), room("backend", 4, 30, 0, 30)));
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("backend");
        assertThat(directory.rooms().get(0)).isEqualTo(new ServerMessage.PublicRoom("backend", 4, true));

        directory.join("zoo");
        String refused = connection.last(ClientMessage.RoomJoin.class).clientId();
        rooms.received(new ServerMessage.Error("limit_reached", "200 rooms", refused));
        assertThat(directory.errorProperty().get()).isEqualTo("You are in 200 rooms, the most anyone can be in: leave one first.");
    }

    @Test
    void leavingTheRoomOnScreenGoesBackToGeneralAndGeneralAndDirectMessagesCannotBeLeft() {
        rooms.leave("general");
        rooms.leave("dm:alice:bob");
        assertThat(connection.sent).isEmpty();
        assertThat(item("general").canLeave()).isFalse();

        rooms.openRoom("ops");
        rooms.leave("ops");
        ClientMessage.RoomLeave leave = connection.last(ClientMessage.RoomLeave.class);
        assertThat(rooms.received(new ServerMessage.RoomLeft(leave.clientId(), "ops"))).isTrue();
        assertThat(rooms.rooms()).extracting(RoomItem::room).doesNotContain("ops");
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("general");
        assertThat(chat.room()).isEqualTo("general");

        rooms.received(new ServerMessage.RoomLeft(null, "design")); // left in another window
        assertThat(rooms.rooms()).extracting(RoomItem::room).containsExactly("general", "dm:alice:bob", "dm:alice:zoe");
    }

    @Test
    void aDirectMessageOpensAtOnceIfThereIsOneElseWhenTheServerHasMadeIt() {
        rooms.openDm("Bob");
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("dm:alice:bob");
        assertThat(connection.sent(ClientMessage.DmOpen.class)).isEmpty();

        rooms.openDm("carol");
        ClientMessage.DmOpen open = connection.last(ClientMessage.DmOpen.class);
        assertThat(open.user()).isEqualTo("carol");
        rooms.received(new ServerMessage.RoomJoined(open.clientId(), dm("dm:alice:carol", "carol", 2, 0, 0)));
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("dm:alice:carol");

        // Someone opened a DM with us: it joins the list, the screen stays.
        rooms.received(new ServerMessage.RoomJoined(null, dm("dm:alice:dave", "dave", 1, 0, 1)));
        assertThat(rooms.find("dm:alice:dave")).isPresent();
        assertThat(rooms.currentRoomProperty().get()).isEqualTo("dm:alice:carol");

        rooms.openDm("nobody");
        rooms.received(new ServerMessage.Error("unknown_user", "no such user", connection.last(ClientMessage.DmOpen.class).clientId()));
        assertThat(rooms.noticeProperty().get()).isEqualTo("There is no user called “nobody”.");
        rooms.dismissNotice();
        assertThat(rooms.noticeProperty().get()).isEmpty();
    }

    @Test
    void someoneJoiningChangesTheMemberCountInTheHeader() {
        rooms.openRoom("design");
        rooms.received(new ServerMessage.RoomMember("design", "carol", true, 5));
        assertThat(chat.headingProperty().get()).isEqualTo(new ChatViewModel.Heading("design", "5 members", false));
        assertThat(item("design").membersProperty().get()).isEqualTo(5);
    }

    @Test
    void theSavedCopyBringsBackTheListAndTheRoomThatWasOnScreen() {
        ChatViewModel freshChat = new ChatViewModel(connection, Clock.fixed(T0, ZoneOffset.UTC));
        RoomsViewModel fresh = new RoomsViewModel(connection, freshChat);
        fresh.showSaved("alice", List.of(room("general", 3, 10, 10, 0), room("design", 4, 20, 17, 3)), "design");
        assertThat(fresh.rooms()).extracting(RoomItem::toString).containsExactly("general", "design (3)");
        assertThat(fresh.currentRoomProperty().get()).isEqualTo("design");
        assertThat(freshChat.room()).isEqualTo("design");
        assertThat(connection.roomsOnScreen).last().isEqualTo("design"); // the resume asks for its history
    }

    @Test
    void aServerThatListsNoRoomsStillHasGeneralWithNothingUnread() {
        ChatViewModel freshChat = new ChatViewModel(connection, Clock.fixed(T0, ZoneOffset.UTC));
        RoomsViewModel fresh = new RoomsViewModel(connection, freshChat);
        freshChat.signedInProperty().set(true);
        ServerMessage.Welcome old = new ServerMessage.Welcome(1, "alice", "s1", false, "t", new TodoList(0, List.of()),
                "general", List.of(message("general", 3, "bob", "hi")), List.of(), List.of(), 20);
        freshChat.welcomed("alice", old.room(), old.history());
        fresh.welcomed(old);
        assertThat(fresh.rooms()).extracting(RoomItem::toString).containsExactly("general");
        assertThat(freshChat.entries()).noneMatch(ChatEntry.Divider.class::isInstance);
        assertThat(connection.sentNow).isEmpty();
    }

    // ---- helpers ----

    private void welcome(List<RoomSummary> summaries, List<ChatMessage> history) {
        ServerMessage.Welcome welcome = new ServerMessage.Welcome(1, "alice", "s1", false, "token",
                new TodoList(0, List.of()), "general", history, summaries, List.of("alice"), 20);
        chat.welcomed("alice", welcome.room(), welcome.history());
        rooms.welcomed(welcome);
    }

    private void answerNewestPage(String room, ChatMessage... messages) {
        ClientMessage.ChatHistory asked = connection.last(ClientMessage.ChatHistory.class);
        assertThat(asked.room()).isEqualTo(room);
        chat.page(new ServerMessage.ChatPage(asked.clientId(), room, List.of(messages), false));
    }

    private RoomItem item(String room) {
        return rooms.find(room).orElseThrow();
    }

    private static RoomSummary room(String name, int members, long lastId, long readId, int unread) {
        return new RoomSummary(name, RoomSummary.RoomKind.room, name, members, lastId, readId, unread);
    }

    private static RoomSummary dm(String name, String peer, long lastId, long readId, int unread) {
        return new RoomSummary(name, RoomSummary.RoomKind.dm, peer, 2, lastId, readId, unread);
    }

    private static ChatMessage message(String room, long id, String author, String text) {
        return new ChatMessage(id, room, author, text, T0.plusSeconds(id), author.charAt(0) + "-" + id, "s1");
    }
}
