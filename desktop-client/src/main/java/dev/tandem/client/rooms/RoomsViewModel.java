package dev.tandem.client.rooms;

import dev.tandem.client.chat.ChatViewModel;
import dev.tandem.client.connection.Connection;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.RoomNames;
import dev.tandem.model.RoomSummary;
import dev.tandem.model.ServerMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The room list: every room and DM the user is in (general first, then rooms, then DMs, each by title) with
 * unread badges, the room on screen, moving between rooms, creating, joining (from the directory) and leaving
 * rooms, and opening DMs. It tells the chat which room to show and at which read position, sends the read
 * position once the user has seen a room's newest message, and keeps the badges in step with the server's
 * {@code room.read} (so reading in one window clears the badge in the others).
 *
 * <p>Threads: UI thread only.
 */
public final class RoomsViewModel {
    private static final Comparator<RoomItem> ORDER = Comparator
            .comparingInt((RoomItem item) -> RoomNames.GENERAL.equals(item.room()) ? 0 : item.isDm() ? 2 : 1)
            .thenComparing(RoomItem::title).thenComparing(RoomItem::room);

    private final Connection connection;
    private final ChatViewModel chat;
    private final ObservableList<RoomItem> rooms = FXCollections.observableArrayList();
    private final ObservableList<RoomItem> readOnlyRooms = FXCollections.unmodifiableObservableList(rooms);
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper(this, "current", RoomNames.GENERAL);
    private final RoomRequests requests;
    private String me = "";
    /** False until this session's first welcome: that one counts as arriving in the room on screen. */
    private boolean welcomed;

    public RoomsViewModel(Connection connection, ChatViewModel chat) {
        this.connection = connection;
        this.chat = chat;
        this.requests = new RoomRequests(connection, () -> me, this::openRoom);
        chat.setReadListener(this::seen);
        rooms.add(RoomItem.general());
        select(RoomNames.GENERAL);
    }

    // ---- state ----

    /** The rooms and DMs the user is in, in display order. */
    public ObservableList<RoomItem> rooms() {
        return readOnlyRooms;
    }

    /** The name of the room on screen. */
    public ReadOnlyStringProperty currentRoomProperty() {
        return current.getReadOnlyProperty();
    }

    /** The line of {@code room}, if the user is in it. */
    public Optional<RoomItem> find(String room) {
        return rooms.stream().filter(item -> item.room().equals(room)).findFirst();
    }

    /** What happened to the last request that has no dialog of its own (a DM, leaving); empty otherwise. */
    public ReadOnlyStringProperty noticeProperty() {
        return requests.noticeProperty();
    }

    public CreateRoomViewModel createForm() {
        return requests.createForm();
    }

    public RoomDirectoryViewModel directory() {
        return requests.directory();
    }

    // ---- commands ----

    /** Shows {@code room} (the room switcher's and the list's way in). False if the user is not in it. */
    public boolean openRoom(String room) {
        if (find(room).isEmpty()) {
            return false;
        }
        requests.dismissNotice();
        select(room);
        return true;
    }

    /** Alt+Down: the room below the one on screen. */
    public void next() {
        move(1);
    }

    /** Alt+Up: the room above the one on screen. */
    public void previous() {
        move(-1);
    }

    /** Opens the DM with {@code user} (the people list's way in): at once if there is one, else once the server has made it. */
    public void openDm(String user) {
        requests.openDm(user);
    }

    /** Joins a public room; it opens once the server says so (at once if the user is in it). */
    public void join(String room) {
        requests.join(room);
    }

    /** Leaves a public room (general and DMs cannot be left). */
    public void leave(String room) {
        if (find(room).map(RoomItem::canLeave).orElse(false)) {
            requests.leave(room);
        }
    }

    public void dismissNotice() {
        requests.dismissNotice();
    }

    // ---- events ----

    /** The copy saved at the last run: its room list and the room that was on screen. */
    public void showSaved(String user, List<RoomSummary> saved, String room) {
        reset(user);
        saved.forEach(this::put);
        select(find(room).isPresent() ? room : RoomNames.GENERAL);
    }

    /**
     * A welcome: the list becomes the server's. The room on screen stays if the user is still in it (the
     * read position of it this window has is sent again: one sent while offline was lost); the first welcome
     * of a session opens the room at the read position, with the divider.
     */
    public void welcomed(ServerMessage.Welcome welcome) {
        if (!welcome.user().equals(me)) {
            reset(welcome.user());
        }
        String showing = current.get();
        long readHere = find(showing).map(RoomItem::readId).filter(id -> id != RoomItem.UNKNOWN_READ).orElse(0L);
        rooms.clear();
        rooms.add(RoomItem.general());
        welcome.rooms().forEach(this::put);
        if (find(showing).isEmpty()) {
            showing = find(welcome.room()).isPresent() ? welcome.room() : RoomNames.GENERAL;
        }
        RoomItem item = find(showing).orElseThrow();
        if (readHere > item.readId()) {
            seen(showing, readHere);
        }
        if (welcomed) {
            select(showing);
        } else {
            welcomed = true;
            current.set(showing);
            rooms.forEach(line -> line.current(line == item));
            connection.roomOnScreen(showing);
            chat.arrive(showing, item.readId());
            chat.headingProperty().set(heading(item));
        }
    }

    /** Reads what concerns the room list in a server message; true if it was an answer to a request of ours. */
    public boolean received(ServerMessage message) {
        if (message instanceof ChatMessage chatMessage) {
            find(chatMessage.room() == null ? RoomNames.GENERAL : chatMessage.room())
                    .ifPresent(item -> item.arrived(chatMessage.id(), chatMessage.author().equals(me)));
            return false;
        }
        if (message instanceof ServerMessage.ReadPosition read) {
            find(read.room()).ifPresent(item -> item.read(read.id(), read.unread()));
            return false;
        }
        if (message instanceof ServerMessage.RoomJoined joined) {
            put(joined.summary());
            boolean ours = requests.joined(joined);
            if (ours) {
                select(joined.summary().room());
            }
            return ours;
        }
        if (message instanceof ServerMessage.RoomLeft left) {
            removed(left.room());
            return requests.left(left);
        }
        if (message instanceof ServerMessage.RoomMember member) {
            find(member.room()).ifPresent(item -> {
                item.members(member.members());
                if (item.room().equals(current.get())) {
                    chat.headingProperty().set(heading(item));
                }
            });
            return false;
        }
        if (message instanceof ServerMessage.RoomDirectory page) {
            return requests.page(page);
        }
        if (message instanceof ServerMessage.Error error) {
            return requests.refused(error.ref(), error.code(), error.message());
        }
        return false;
    }

    /** A request of ours could not be sent; true if it was one about rooms. */
    public boolean sendFailed(String clientId, String reason) {
        return requests.refused(clientId, null, reason);
    }

    /** Signed out: back to general alone. */
    public void clear() {
        reset("");
    }

    // ---- internals ----

    /** The chat says the user has seen {@code room} up to {@code id}: the read position moves there. */
    private void seen(String room, long id) {
        find(room).ifPresent(item -> {
            if (id > item.readId()) {
                item.read(id, (int) Math.max(0, item.lastId() - id));
                connection.sendNow(new ClientMessage.MarkRead(room, id));
            }
        });
    }

    private void removed(String room) {
        Optional<RoomItem> item = find(room);
        if (item.isEmpty()) {
            return;
        }
        if (room.equals(current.get())) {
            select(RoomNames.GENERAL);
        }
        rooms.remove(item.get());
        chat.left(room);
    }

    /** Adds the room, or brings its line up to date, in display order. */
    private void put(RoomSummary summary) {
        Optional<RoomItem> known = find(summary.room());
        if (known.isPresent()) {
            known.get().update(summary);
            return;
        }
        RoomItem item = new RoomItem(summary);
        int index = 0;
        while (index < rooms.size() && ORDER.compare(rooms.get(index), item) < 0) {
            index++;
        }
        rooms.add(index, item);
        item.current(item.room().equals(current.get()));
    }

    private void select(String room) {
        RoomItem item = find(room).orElseThrow();
        current.set(room);
        rooms.forEach(line -> line.current(line == item));
        connection.roomOnScreen(room);
        chat.show(room, item.readId());
        chat.headingProperty().set(heading(item));
    }

    private void move(int step) {
        int index = rooms.indexOf(find(current.get()).orElseThrow()) + step;
        if (index >= 0 && index < rooms.size()) {
            openRoom(rooms.get(index).room());
        }
    }

    private void reset(String user) {
        me = user;
        welcomed = false;
        requests.clear();
        rooms.clear();
        rooms.add(RoomItem.general());
        select(RoomNames.GENERAL);
    }

    static ChatViewModel.Heading heading(RoomItem item) {
        if (item.isDm()) {
            return new ChatViewModel.Heading(item.title(), "direct messages", true);
        }
        int members = item.membersProperty().get();
        String detail = members <= 0 ? (RoomNames.GENERAL.equals(item.room()) ? "everyone" : "")
                : members == 1 ? "1 member" : members + " members";
        return new ChatViewModel.Heading(item.title(), detail, false);
    }
}
