package dev.tandem.client.todos;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One todo as the view shows it. Changed only by {@link TodosViewModel}, on the UI thread. */
public final class TodoItem {
    private final String id;
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
