package dev.tandem.client.rooms;

import dev.tandem.model.ServerMessage;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Browse rooms" directory: public rooms by name, a page of them at a time ({@code room.list} after the
 * last one shown, while the server says there are more), each with its member count and whether the user is
 * in it; join one from here.
 *
 * <p>Threads: UI thread only.
 */
public final class RoomDirectoryViewModel {
    /** Asks for the page after a room name (null: the first page). */
    private final Consumer<String> list;
    private final Consumer<String> join;
    private final ObservableList<ServerMessage.PublicRoom> rooms = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper(this, "more");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    RoomDirectoryViewModel(Consumer<String> list, Consumer<String> join) {
        this.list = list;
        this.join = join;
    }

    /** The public rooms listed so far, by name. */
    public ObservableList<ServerMessage.PublicRoom> rooms() {
        return FXCollections.unmodifiableObservableList(rooms);
    }

    /** True when the server has more rooms after the last one listed. */
    public ReadOnlyBooleanProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    /** True while a page is on its way. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the list or a join did not work; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Lists from the first room again. */
    public void refresh() {
        rooms.clear();
        more.set(false);
        error.set("");
        loading.set(true);
        list.accept(null);
    }

    /** The next page. */
    public void loadMore() {
        if (!more.get() || loading.get() || rooms.isEmpty()) {
            return;
        }
        loading.set(true);
        list.accept(rooms.get(rooms.size() - 1).room());
    }

    /** Joins {@code room} (the room list opens it once the server says so). */
    public void join(String room) {
        error.set("");
        join.accept(room);
    }

    // ---- answers (RoomsViewModel) ----

    void page(List<ServerMessage.PublicRoom> page, boolean hasMore) {
        loading.set(false);
        rooms.addAll(page);
        more.set(hasMore);
    }

    void failed(String why) {
        loading.set(false);
        error.set(why);
    }

    /** The user joined or left {@code room} (in any window): its line says so. */
    void membership(String room, boolean joined, int members) {
        for (int i = 0; i < rooms.size(); i++) {
            ServerMessage.PublicRoom entry = rooms.get(i);
            if (entry.room().equals(room)) {
                rooms.set(i, new ServerMessage.PublicRoom(room, members >= 0 ? members : entry.members(), joined));
            }
        }
    }
}
