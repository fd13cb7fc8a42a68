package dev.tandem.client.todos;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One todo as the view shows it. Its id is the server's, or {@code local:<clientId>} for one added while the
 * add has no answer yet. Changed only by {@link TodosViewModel}, on the UI thread.
 */
public final class TodoItem {
    private String id;
    private final ReadOnlyBooleanWrapper pending = new ReadOnlyBooleanWrapper(this, "pending");
    private final ReadOnlyStringWrapper title;
    private final ReadOnlyBooleanWrapper completed;

    TodoItem(String id, String title, boolean completed) {
        this.id = id;
        this.title = new ReadOnlyStringWrapper(this, "title", title);
        this.completed = new ReadOnlyBooleanWrapper(this, "completed", completed);
    }

    public String id() {
        return id;
    }

    /** True while a change of ours to this todo has no answer from the server yet (offline, or in flight). */
    public ReadOnlyBooleanProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    public boolean pending() {
        return pending.get();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public String title() {
        return title.get();
    }

    public ReadOnlyBooleanProperty completedProperty() {
        return completed.getReadOnlyProperty();
    }

    public boolean completed() {
        return completed.get();
    }

    /** An add made offline got its id from the server: the same row, now under that id. */
    void id(String value) {
        id = value;
    }

    void pending(boolean value) {
        pending.set(value);
    }

    void title(String value) {
        title.set(value);
    }

    void completed(boolean value) {
        completed.set(value);
    }

    @Override
    public String toString() {
        return "TodoItem[" + id + " " + title.get() + (completed.get() ? " ✓" : "") + "]";
    }
}
