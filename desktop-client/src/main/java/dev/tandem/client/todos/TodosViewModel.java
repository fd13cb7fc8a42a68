package dev.tandem.client.todos;

import dev.tandem.client.connection.Connection;
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
 * The todo list with the TodoMVC behaviours. Changes are applied at once (optimistically) and sent; the
 * server's {@code todo.changed} pushes, numbered by revision, are the truth and are applied in order. A gap
 * in the revisions, or an error answer to one of our commands, asks for a full {@code todo.sync}.
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
    private final IntegerBinding itemsLeft;
    private final StringBinding itemsLeftText;
    private final BooleanBinding hasItems;
    private final BooleanBinding hasCompleted;
    private final BooleanBinding allCompleted;

    // ---- revision tracking ----
    private long revision = -1;
    private String syncRequest;
    private final List<ServerMessage.TodoChanged> heldBack = new ArrayList<>();
    private final Set<String> ourRequests = new HashSet<>();
    /** Titles of our adds not yet confirmed, by client id: put back in the input if the send fails. */
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

    /** The revision of the list as shown (-1 before the first welcome). */
    public long revision() {
        return revision;
    }

    // ---- commands ----

    /** Adds the typed title, trimmed; an empty title is refused. */
    public void add() {
        String title = newTitle.get() == null ? "" : newTitle.get().strip();
        if (title.isEmpty()) {
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
        if (sendable(command)) {
            unconfirmedAdds.put(command.clientId(), title);
            newTitle.set("");
        }
    }

    public void toggle(TodoItem item) {
        setCompleted(item, !item.completed());
    }

    public void setCompleted(TodoItem item, boolean completed) {
        if (item.completed() == completed || !online.get()) {
            return;
        }
        item.completed(completed);
        sendable(new ClientMessage.TodoSetCompleted(newId(), item.id(), completed));
    }

    /** Saves an edit: trimmed; an empty title deletes the item; an unchanged one sends nothing. */
    public void rename(TodoItem item, String typed) {
        String title = typed == null ? "" : typed.strip();
        if (title.isEmpty()) {
            delete(item);
            return;
        }
        if (title.equals(item.title()) || !online.get()) {
            return;
        }
        if (title.length() > Limits.MAX_TODO_TITLE) {
            error.set("A todo can be at most " + Limits.MAX_TODO_TITLE + " characters long.");
            return;
        }
        item.title(title);
        sendable(new ClientMessage.TodoRename(newId(), item.id(), title));
    }

    public void delete(TodoItem item) {
        if (!online.get()) {
            return;
        }
        items.remove(item);
        sendable(new ClientMessage.TodoDelete(newId(), item.id()));
    }

    /** Completes every todo, or re-opens every todo when all are completed already. */
    public void toggleAll() {
        if (items.isEmpty() || !online.get()) {
            return;
        }
        boolean target = !allCompleted.get();
        items.forEach(item -> item.completed(target));
        sendable(new ClientMessage.TodoToggleAll(newId(), target));
    }

    public void clearCompleted() {
        if (!hasCompleted.get() || !online.get()) {
            return;
        }
        items.removeIf(TodoItem::completed);
        sendable(new ClientMessage.TodoClearCompleted(newId()));
    }

    // ---- events from the connection ----

    /** A welcome (first sign-in or reconnect) carries the whole list. */
    public void welcomed(TodoList list) {
        syncRequest = null;
        heldBack.clear();
        ourRequests.clear();
        unconfirmedAdds.clear();
        error.set("");
        replaceAll(list);
    }

    /** One change pushed by the server: applied in revision order; a gap asks for a full list. */
    public void changed(ServerMessage.TodoChanged change) {
        if (syncRequest != null) {
            heldBack.add(change);
            return;
        }
        if (change.revision() <= revision) {
            return; // already reflected (an older push, or one the last snapshot included)
        }
        if (change.revision() == revision + 1) {
            apply(change);
            return;
        }
        heldBack.add(change);
        requestSync();
    }

    /** The answer to our {@code todo.sync}. */
    public void snapshot(ServerMessage.TodoSnapshot snapshot) {
        if (syncRequest == null || !syncRequest.equals(snapshot.clientId())) {
            if (snapshot.todos().revision() <= revision) {
                return;
            }
        }
        syncRequest = null;
        replaceAll(snapshot.todos());
        List<ServerMessage.TodoChanged> pending = new ArrayList<>(heldBack);
        heldBack.clear();
        pending.sort(Comparator.comparingLong(ServerMessage.TodoChanged::revision));
        for (ServerMessage.TodoChanged change : pending) {
            changed(change);
        }
    }

    /** An error answer: if it refers to one of our todo commands, show it and fetch the truth. */
    public boolean error(ServerMessage.Error answer) {
        if (answer.ref() != null && answer.ref().equals(syncRequest)) {
            // Our sync was refused (e.g. rate-limited): ask again, or the held-back changes would wait for
            // ever. The connection paces sends to the server's rate, so this does not spin.
            syncRequest = null;
            requestSync();
            return true;
        }
        if (answer.ref() == null || !ourRequests.remove(answer.ref())) {
            return false;
        }
        error.set(describe(answer));
        restoreTypedTitle(answer.ref());
        requestSync();
        return true;
    }

    /** A todo command could not be sent (offline). Returns true if it was ours. */
    public boolean sendFailed(String clientId, String reason) {
        if (clientId != null && clientId.equals(syncRequest)) {
            syncRequest = null; // Offline: the welcome after the reconnect brings the whole list.
            return true;
        }
        if (!ourRequests.remove(clientId)) {
            return false;
        }
        error.set("Not saved: " + reason);
        restoreTypedTitle(clientId);
        return true;
    }

    /** An add that did not make it: what the user typed goes back into the (empty) input, never lost. */
    private void restoreTypedTitle(String clientId) {
        String title = unconfirmedAdds.remove(clientId);
        if (title != null && (newTitle.get() == null || newTitle.get().isBlank())) {
            newTitle.set(title);
        }
    }

    /** Forget everything (sign-out). */
    public void clear() {
        items.clear();
        revision = -1;
        syncRequest = null;
        heldBack.clear();
        ourRequests.clear();
        unconfirmedAdds.clear();
        error.set("");
        newTitle.set("");
    }

    // ---- internals ----

    private boolean sendable(ClientMessage.Command command) {
        if (!online.get()) {
            error.set("Offline: changes can't be saved right now.");
            return false;
        }
        error.set("");
        ourRequests.add(command.clientId());
        connection.send(command);
        return true;
    }

    private void requestSync() {
        if (!online.get()) {
            return; // the welcome after the reconnect brings the whole list anyway
        }
        syncRequest = newId();
        connection.send(new ClientMessage.TodoSync(syncRequest));
    }

    private void apply(ServerMessage.TodoChanged change) {
        revision = change.revision();
        if (change.clientId() != null) {
            ourRequests.remove(change.clientId());
            unconfirmedAdds.remove(change.clientId());
        }
        if (!change.removed().isEmpty()) {
            Set<String> gone = new HashSet<>(change.removed());
            items.removeIf(item -> gone.contains(item.id()));
        }
        for (Todo todo : change.upserted()) {
            TodoItem existing = find(todo.id());
            if (existing == null) {
                items.add(new TodoItem(todo.id(), todo.title(), todo.completed()));
            } else {
                existing.title(todo.title());
                existing.completed(todo.completed());
            }
        }
    }

    /** Replaces the list, keeping the item objects of ids that stay (so rows being edited stay put). */
    private void replaceAll(TodoList list) {
        revision = list.revision();
        Map<String, TodoItem> old = new HashMap<>();
        items.forEach(item -> old.put(item.id(), item));
        List<TodoItem> fresh = new ArrayList<>(list.items().size());
        for (Todo todo : list.items()) {
            TodoItem item = old.get(todo.id());
            if (item == null) {
                item = new TodoItem(todo.id(), todo.title(), todo.completed());
            } else {
                item.title(todo.title());
                item.completed(todo.completed());
            }
            fresh.add(item);
        }
        if (!fresh.equals(items)) {
            items.setAll(fresh);
        }
    }

    private TodoItem find(String id) {
        for (TodoItem item : items) {
            if (item.id().equals(id)) {
                return item;
            }
        }
        return null;
    }

    private static String newId() {
        return "t-" + UUID.randomUUID();
    }

    private static String describe(ServerMessage.Error answer) {
        if (ErrorCode.NOT_FOUND.wire().equals(answer.code())) {
            return "That todo no longer exists (deleted in another window?).";
        }
        if (ErrorCode.LIMIT_REACHED.wire().equals(answer.code())) {
            return "You have reached the limit of " + Limits.MAX_TODOS_PER_USER + " todos.";
        }
        if (ErrorCode.RATE_LIMITED.wire().equals(answer.code())) {
            return "Too many changes at once; showing the saved list.";
        }
        return answer.message() == null || answer.message().isBlank() ? "Not saved (" + answer.code() + ")."
                : "Not saved: " + answer.message();
    }
}
