package dev.tandem.client.todos;

import dev.tandem.client.connection.LocalTodoIds;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import java.util.function.Function;

/**
 * The sentence for a todo change the server refused, naming the todo where it can: a change made offline
 * to a todo that another window deleted meanwhile is shown to the user, never dropped silently.
 */
final class TodoRefusals {
    private TodoRefusals() {
    }

    /**
     * @param titleOf the title of a todo by id, as last shown (null when unknown)
     */
    static String describe(ClientMessage.TodoCommand command, ServerMessage.Error answer, Function<String, String> titleOf) {
        String code = answer.code();
        if (ErrorCode.NOT_FOUND.wire().equals(code)) {
            String todoId = LocalTodoIds.todoIdOf(command);
            String title = todoId == null ? null : titleOf.apply(todoId);
            if (title == null && command instanceof ClientMessage.TodoRename rename) {
                title = rename.title(); // gone from the list: the name the user gave it is the one they know
            }
            String what = title == null ? "That todo" : "\u201c" + title + "\u201d";
            return what + " was deleted in another window, so your change to it was not saved.";
        }
        if (ErrorCode.LIMIT_REACHED.wire().equals(code)) {
            String title = command instanceof ClientMessage.TodoAdd add ? "\u201c" + add.title() + "\u201d was not added: " : "";
            return title + "you have reached the limit of " + Limits.MAX_TODOS_PER_USER + " todos.";
        }
        return answer.message() == null || answer.message().isBlank() ? "Not saved (" + code + ")."
                : "Not saved: " + answer.message();
    }
}
