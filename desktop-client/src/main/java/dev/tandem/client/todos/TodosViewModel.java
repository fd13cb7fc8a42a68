package dev.tandem.client.todos;

import dev.tandem.client.connection.Connection;
import dev.tandem.client.connection.LocalTodoIds;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The todo list with the TodoMVC behaviours. Changes show at once and go to the connection's outbox (so
 * they work offline too); the {@link TodoReplica} keeps the list the server confirmed and replays our
 * unanswered changes on top. A delete or "clear completed" is offered for undo first and sent when the
 * offer ends. A change the server refuses (the todo was deleted in another window) is said in
 * {@link #errorProperty()}, never dropped silently.
 *
 * <p>Threads: UI thread only.
 */
public final class TodosViewModel {
    private final Connection connection;

    /** Every item in server order; the extractor makes filters and counters follow completion changes. */
    private final ObservableList<TodoItem> items =
            FXCollections.observableArrayList(item -> new Observable[] {item.completedProperty()});
    private final FilteredList<TodoItem> visible = new FilteredList<>(items);
    private final ObjectProperty<TodoFilter> filter = new SimpleObjectProperty<>(this, "filter", TodoFilter.ALL);
    private final StringProperty newTitle = new SimpleStringProperty(this, "newTitle", "");
    private final BooleanProperty online = new SimpleBooleanProperty(this, "online");
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    /** What {@link #sendHeld} put in {@link #error}, so that the resend clears only that. */
    private String heldNotice;
    private final IntegerBinding itemsLeft;
    private final StringBinding itemsLeftText;
    private final BooleanBinding hasItems;
    private final BooleanBinding hasCompleted;
    private final BooleanBinding allCompleted;

    private final TodoReplica replica = new TodoReplica();
    private final ReadOnlyObjectWrapper<UndoOffer> undoOffer = new ReadOnlyObjectWrapper<>(this, "undoOffer");
    /** The delete or clear shown as done but not sent yet, while its undo is offered. */
    private ClientMessage.TodoCommand undoable;
    /** Titles of our adds not yet confirmed, by client id: put back in the input if the add is refused. */
    private final Map<String, String> unconfirmedAdds = new HashMap<>();

    public TodosViewModel(Connection connection) {
        this.connection = connection;
        visible.predicateProperty().bind(Bindings.createObjectBinding(
                () -> item -> filter.get().shows(item.completed()), filter));
        itemsLeft = Bindings.createIntegerBinding(
                () -> (int) items.stream().filter(item -> !item.completed()).count(), items);
        itemsLeftText = Bindings.createStringBinding(() -> itemsLeftText(itemsLeft.get()), itemsLeft);
        hasItems = Bindings.isNotEmpty(items);
        hasCompleted = Bindings.createBooleanBinding(() -> items.size() > itemsLeft.get(), items, itemsLeft);
        allCompleted = hasItems.and(itemsLeft.isEqualTo(0));
    }

    /** "1 item left", "0 items left", "5 items left". */
    public static String itemsLeftText(int count) {
        return count + (count == 1 ? " item left" : " items left");
    }

    // ---- state the view binds to ----

    /** The items the current filter shows. */
    public ObservableList<TodoItem> visibleItems() {
        return visible;
    }

    /** Every item, in server order. */
    public ObservableList<TodoItem> allItems() {
        return FXCollections.unmodifiableObservableList(items);
    }

    public ObjectProperty<TodoFilter> filterProperty() {
        return filter;
    }

    /** The "What needs to be done?" field. */
    public StringProperty newTitleProperty() {
        return newTitle;
    }

    public BooleanProperty onlineProperty() {
        return online;
    }

    /**
     * True while the list can be changed: a session exists, connected or not (changes made offline wait in
     * the outbox). Controls bind their disabled state to this, not to {@link #onlineProperty()}.
     */
    public BooleanProperty editableProperty() {
        return editable;
    }

    /** The last problem to show ("That todo was deleted in another window"), or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public IntegerBinding itemsLeftProperty() {
        return itemsLeft;
    }

    public StringBinding itemsLeftTextProperty() {
        return itemsLeftText;
    }

    /** The list and footer show only when there is at least one todo. */
    public BooleanBinding hasItemsProperty() {
        return hasItems;
    }

    /** "Clear completed" shows only when something is completed. */
    public BooleanBinding hasCompletedProperty() {
        return hasCompleted;
    }

    /** The toggle-all control is checked when every todo is completed. */
    public BooleanBinding allCompletedProperty() {
        return allCompleted;
    }

    /** The confirmed revision of the list (-1 before the first list). */
    public long revision() {
        return replica.revision();
    }

    /** The list as the server last confirmed it (without our unanswered changes): what is saved for the next start. */
    public TodoList confirmedList() {
        return replica.confirmed();
    }

    /** The delete or "clear completed" that can still be undone (the snackbar shows it), or null. */
    public ReadOnlyObjectProperty<UndoOffer> undoOfferProperty() {
        return undoOffer.getReadOnlyProperty();
    }

    // ---- commands ----

    /** Adds the typed title, trimmed; an empty title is refused. */
    public void add() {
        String title = newTitle.get() == null ? "" : newTitle.get().strip();
        if (title.isEmpty() || !editable.get()) {
            return;
        }
        if (title.length() > Limits.MAX_TODO_TITLE) {
            error.set("A todo can be at most " + Limits.MAX_TODO_TITLE + " characters long.");
            return;
        }
        if (items.size() >= Limits.MAX_TODOS_PER_USER) {
            error.set("You have reached the limit of " + Limits.MAX_TODOS_PER_USER + " todos.");
            return;
        }
        ClientMessage.TodoAdd command = new ClientMessage.TodoAdd(newId(), title);
        unconfirmedAdds.put(command.clientId(), title);
        newTitle.set("");
        make(command);
    }

    public void toggle(TodoItem item) {
        setCompleted(item, !item.completed());
    }

    public void setCompleted(TodoItem item, boolean completed) {
        if (item.completed() == completed || !editable.get()) {
            return;
        }
        make(new ClientMessage.TodoSetCompleted(newId(), item.id(), completed));
    }

    /** Saves an edit: trimmed; an empty title deletes the item; an unchanged one sends nothing. */
    public void rename(TodoItem item, String typed) {
        String title = typed == null ? "" : typed.strip();
        if (title.isEmpty()) {
            delete(item);
            return;
        }
        if (title.equals(item.title()) || !editable.get()) {
            return;
        }
        if (title.length() > Limits.MAX_TODO_TITLE) {
            error.set("A todo can be at most " + Limits.MAX_TODO_TITLE + " characters long.");
            return;
        }
        make(new ClientMessage.TodoRename(newId(), item.id(), title));
    }

    /** Deletes at once on screen; the change is sent when the undo offer ends (or another change is made). */
    public void delete(TodoItem item) {
        if (!editable.get()) {
            return;
        }
        offerUndo(new ClientMessage.TodoDelete(newId(), item.id()), "Deleted \u201c" + item.title() + "\u201d");
    }

    /** Completes every todo, or re-opens every todo when all are completed already. */
    public void toggleAll() {
        if (items.isEmpty() || !editable.get()) {
            return;
        }
        make(new ClientMessage.TodoToggleAll(newId(), !allCompleted.get()));
    }

    /** Removes the completed todos on screen; sent when the undo offer ends, as for {@link #delete}. */
    public void clearCompleted() {
        if (!hasCompleted.get() || !editable.get()) {
            return;
        }
        long count = items.stream().filter(TodoItem::completed).count();
        offerUndo(new ClientMessage.TodoClearCompleted(newId()),
                "Cleared " + count + (count == 1 ? " completed todo" : " completed todos"));
    }

    /** "Undo": the deleted or cleared todos come back; nothing was sent. */
    public void undo() {
        if (undoable == null) {
            return;
        }
        replica.settled(undoable.clientId());
        undoable = null;
        undoOffer.set(null);
        refresh();
    }

    /** The undo offer ended (timed out, dismissed, window closing): the change is sent for real. */
    public void commitUndoable() {
        if (undoable == null) {
            return;
        }
        ClientMessage.TodoCommand command = undoable;
        undoable = null;
        undoOffer.set(null);
        connection.send(command);
    }

    // ---- events from the connection ----

    /** A welcome (first sign-in or reconnect) carries the whole list; our unanswered changes stay on top. */
    public void welcomed(TodoList list) {
        error.set("");
        replica.replace(list);
        refresh();
    }

    /** The list saved at the last run, shown until the server's arrives. */
    public void showSaved(TodoList list) {
        replica.replace(list);
        refresh();
    }

    /** Changes made in an earlier run, still in the outbox (the connection sends them): shown on top of the list. */
    public void restoreQueued(List<ClientMessage.TodoCommand> queued) {
        queued.forEach(replica::made);
        refresh();
    }

    /** One change pushed by the server: applied in revision order; a gap asks for a full list. */
    public void changed(ServerMessage.TodoChanged change) {
        if (change.clientId() != null) {
            unconfirmedAdds.remove(change.clientId());
        }
        if (replica.changed(change) == TodoReplica.Outcome.NEEDS_SYNC) {
            requestSync();
        }
        refresh();
    }

    /** A whole list: the answer to our {@code todo.sync}, or to a resent change the server had applied. */
    public void snapshot(ServerMessage.TodoSnapshot snapshot) {
        if (snapshot.clientId() != null) {
            unconfirmedAdds.remove(snapshot.clientId());
        }
        replica.snapshot(snapshot);
        refresh();
    }

    /** An error answer: if it refers to one of our todo changes, say what was not saved and fetch the truth. */
    public boolean error(ServerMessage.Error answer) {
        if (answer.ref() != null && answer.ref().equals(replica.syncRequest())) {
            // Our sync was refused (e.g. rate-limited): ask again, or the held-back changes would wait for
            // ever. The connection paces sends to the server's rate, so this does not spin.
            replica.syncAbandoned();
            requestSync();
            return true;
        }
        if (answer.ref() == null || !replica.isPending(answer.ref())) {
            return false;
        }
        error.set(TodoRefusals.describe(replica.pending(answer.ref()).orElseThrow(), answer, this::titleOf));
        replica.settled(answer.ref());
        restoreTypedTitle(answer.ref());
        requestSync();
        refresh();
        return true;
    }

    /** A todo change could not be sent at all (not signed in; its todo's add was refused). Returns true if it was ours. */
    public boolean sendFailed(String clientId, String reason) {
        if (clientId != null && clientId.equals(replica.syncRequest())) {
            replica.syncAbandoned(); // offline: the welcome after the reconnect brings the whole list
            return true;
        }
        if (!replica.isPending(clientId)) {
            return false;
        }
        error.set("Not saved: " + reason + ".");
        replica.settled(clientId);
        restoreTypedTitle(clientId);
        refresh();
        return true;
    }

    /**
     * A change of ours waits out a "not now" refusal: it stays applied and marked unsaved, and {@code words}
     * (how long) are shown until it goes again. Returns true if it was ours.
     */
    public boolean sendHeld(String clientId, String words) {
        if (!replica.isPending(clientId)) {
            return false;
        }
        heldNotice = words;
        error.set(words);
        return true;
    }

    /** A held change went again: its notice goes (unless something else was said since). True if it was ours. */
    public boolean sendResumed(String clientId) {
        if (!replica.isPending(clientId)) {
            return false;
        }
        if (heldNotice != null && heldNotice.equals(error.get())) {
            error.set("");
        }
        heldNotice = null;
        return true;
    }

    /** An add that did not make it: what the user typed goes back into the (empty) input, never lost. */
    private void restoreTypedTitle(String clientId) {
        String title = unconfirmedAdds.remove(clientId);
        if (title != null && (newTitle.get() == null || newTitle.get().isBlank())) {
            newTitle.set(title);
        }
    }

    /** Forget everything (sign-out, another user). A pending undo offer is dropped with the rest. */
    public void clear() {
        replica.clear();
        undoable = null;
        undoOffer.set(null);
        unconfirmedAdds.clear();
        error.set("");
        newTitle.set("");
        items.clear();
    }

    // ---- internals ----

    private void make(ClientMessage.TodoCommand command) {
        commitUndoable(); // keeps the server's order the same as the user's
        error.set("");
        replica.made(command);
        connection.send(command);
        refresh();
    }

    private void offerUndo(ClientMessage.TodoCommand command, String text) {
        commitUndoable();
        error.set("");
        replica.made(command); // shown at once, sent only when the offer ends
        undoable = command;
        undoOffer.set(new UndoOffer(text));
        refresh();
    }

    private void requestSync() {
        if (!online.get()) {
            return; // the welcome after the reconnect brings the whole list anyway
        }
        String id = newId();
        replica.syncing(id);
        connection.send(new ClientMessage.TodoSync(id));
    }

    /** Rebuilds the shown list from the replica, keeping the item objects of ids that stay (rows being edited stay put). */
    private void refresh() {
        Map<String, TodoItem> old = new HashMap<>();
        for (TodoItem item : items) {
            String id = LocalTodoIds.isLocal(item.id()) ? replica.resolvedId(item.id()).orElse(item.id()) : item.id();
            item.id(id); // an add answered: its row keeps its object under the server's id
            old.put(id, item);
        }
        List<TodoItem> fresh = new ArrayList<>();
        for (Todo todo : replica.view()) {
            TodoItem item = old.get(todo.id());
            if (item == null) {
                item = new TodoItem(todo.id(), todo.title(), todo.completed());
            } else {
                item.title(todo.title());
                item.completed(todo.completed());
            }
            item.pending(replica.touches(todo.id()));
            fresh.add(item);
        }
        if (!fresh.equals(items)) {
            items.setAll(fresh);
        }
    }

    private String titleOf(String todoId) {
        for (TodoItem item : items) {
            if (item.id().equals(todoId)) {
                return item.title();
            }
        }
        return replica.confirmedTitle(todoId).orElse(null);
    }

    private static String newId() {
        return "t-" + UUID.randomUUID();
    }
}
