package dev.tandem.client.rooms;

import dev.tandem.model.RoomNames;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Create a room" form: a name, checked against the protocol's rules before it goes, a word while the
 * server answers, the server's refusal said plainly ({@link RoomWords}), and done once the room is joined.
 *
 * <p>Threads: UI thread only.
 */
public final class CreateRoomViewModel {
    private final Consumer<String> create;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");
    private final BooleanBinding canSubmit;

    /** @param create sends {@code room.create} for a valid name (the room list matches the answer) */
    CreateRoomViewModel(Consumer<String> create) {
        this.create = create;
        name.addListener((obs, old, now) -> error.set(""));
        canSubmit = Bindings.createBooleanBinding(() -> !busy.get() && !normalised().isEmpty(), name, busy);
    }

    /** What the user types; lower-cased and trimmed before it is checked. */
    public StringProperty nameProperty() {
        return name;
    }

    /** Why the name cannot be used; empty when there is nothing to say. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while the server has not answered. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once the room is created and joined: the dialog closes. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }

    /** A fresh form. */
    public void reset() {
        name.set("");
        error.set("");
        busy.set(false);
        done.set(false);
    }

    /** Checks the name and asks the server to create the room. */
    public void submit() {
        if (!canSubmit.get()) {
            return;
        }
        String room = normalised();
        if (!RoomNames.isPublicName(room)) {
            error.set(RoomWords.NAME_RULES);
            return;
        }
        busy.set(true);
        create.accept(room);
    }

    // ---- answers (RoomsViewModel) ----

    void succeeded() {
        busy.set(false);
        done.set(true);
    }

    void failed(String why) {
        busy.set(false);
        error.set(why);
    }

    private String normalised() {
        return name.get() == null ? "" : name.get().strip().toLowerCase(Locale.ROOT);
    }
}
