package dev.tandem.client.todos;

/**
 * A destructive change shown as done but not sent yet, while the snackbar offers "Undo".
 *
 * @param text what was done, as the snackbar says it ("Deleted “buy milk”", "Cleared 3 completed todos")
 */
public record UndoOffer(String text) {
}
