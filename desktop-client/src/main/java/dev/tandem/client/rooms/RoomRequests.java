package dev.tandem.client.rooms;

import dev.tandem.client.connection.Connection;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.RoomNames;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.UserNames;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The requests about rooms this window makes — create, join, leave, list, open a DM — each matched to its answer
 * or refusal by client id. A refusal is said where the request was made: on the create form, in the directory,
 * or (a DM, leaving) in the notice under the room list ({@link RoomWords}).
 *
 * <p>Threads: UI thread only.
 */
final class RoomRequests {
    private record Request(RoomWords.Request kind, String subject) {
    }

    private final Connection connection;
    private final Supplier<String> me;
    /** Opens a room the user is in; false if not in it. */
    private final Predicate<String> open;
    private final Map<String, Request> asked = new HashMap<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final CreateRoomViewModel createForm;
    private final RoomDirectoryViewModel directory;

    RoomRequests(Connection connection, Supplier<String> me, Predicate<String> open) {
        this.connection = connection;
        this.me = me;
        this.open = open;
        this.createForm = new CreateRoomViewModel(this::create);
        this.directory = new RoomDirectoryViewModel(
                after -> ask(RoomWords.Request.LIST, after, id -> new ClientMessage.RoomList(id, after)), this::join);
    }

    ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    void dismissNotice() {
        notice.set("");
    }

    CreateRoomViewModel createForm() {
        return createForm;
    }

    RoomDirectoryViewModel directory() {
        return directory;
    }

    /** The DM with {@code user}: opened at once if the user has it, else asked for. */
    void openDm(String user) {
        String other = UserNames.normalize(user);
        String self = me.get();
        if (UserNames.isValid(other) && UserNames.isValid(self) && !other.equals(self)
                && open.test(RoomNames.dm(self, other))) {
            return;
        }
        notice.set("");
        ask(RoomWords.Request.DM, other, id -> new ClientMessage.DmOpen(id, other));
    }

    /** A room from the form: one the user is in just opens. */
    void create(String room) {
        if (open.test(room)) {
            createForm.succeeded();
        } else {
            ask(RoomWords.Request.CREATE, room, id -> new ClientMessage.RoomCreate(id, room));
        }
    }

    /** A public room from the directory: one the user is in just opens. */
    void join(String room) {
        if (!open.test(room)) {
            ask(RoomWords.Request.JOIN, room, id -> new ClientMessage.RoomJoin(id, room));
        }
    }

    void leave(String room) {
        notice.set("");
        ask(RoomWords.Request.LEAVE, room, id -> new ClientMessage.RoomLeave(id, room));
    }

    // ---- answers ----

    /** The user is in a room now; true if a request of this window made it so (then the room opens). */
    boolean joined(ServerMessage.RoomJoined joined) {
        directory.membership(joined.summary().room(), true, joined.summary().members());
        Request request = joined.clientId() == null ? null : asked.remove(joined.clientId());
        if (request != null && request.kind() == RoomWords.Request.CREATE) {
            createForm.succeeded();
        }
        return request != null;
    }

    /** The user left a room (in any window); true if this window asked. */
    boolean left(ServerMessage.RoomLeft left) {
        directory.membership(left.room(), false, -1);
        return left.clientId() != null && asked.remove(left.clientId()) != null;
    }

    /** A directory page; true if this window asked for it. */
    boolean page(ServerMessage.RoomDirectory page) {
        if (page.clientId() == null || asked.remove(page.clientId()) == null) {
            return false;
        }
        directory.page(page.rooms(), page.more());
        return true;
    }

    /**
     * A request of this window was refused ({@code code}) or could not be sent ({@code code} null): said
     * where it was made. False if {@code clientId} is none of these requests.
     */
    boolean refused(String clientId, String code, String reason) {
        Request request = clientId == null ? null : asked.remove(clientId);
        if (request == null) {
            return false;
        }
        String words = RoomWords.refused(request.kind(), code, reason, request.subject());
        switch (request.kind()) {
            case CREATE -> createForm.failed(words);
            case JOIN, LIST -> directory.failed(words);
            default -> notice.set(words);
        }
        return true;
    }

    void clear() {
        asked.clear();
        notice.set("");
    }

    private void ask(RoomWords.Request kind, String subject, Function<String, ClientMessage.Command> command) {
        String clientId = "r-" + UUID.randomUUID();
        asked.put(clientId, new Request(kind, subject));
        connection.send(command.apply(clientId));
    }
}
