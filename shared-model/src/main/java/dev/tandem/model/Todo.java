package dev.tandem.model;

/** One todo item. Ids are assigned by the server and unique within one user's list. */
public record Todo(String id, String title, boolean completed) {
    public Todo withTitle(String newTitle) {
        return new Todo(id, newTitle, completed);
    }

    public Todo withCompleted(boolean newCompleted) {
        return new Todo(id, title, newCompleted);
    }
}
