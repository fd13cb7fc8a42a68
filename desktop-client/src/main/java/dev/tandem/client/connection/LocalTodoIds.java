package dev.tandem.client.connection;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import java.util.Optional;

/**
 * Ids of todos added while their add has no answer yet. The server assigns a todo's id, so a todo added
 * offline is known locally as {@code local:<clientId of its add>}; commands that change it name that id
 * until the add's answer brings the real one, and are rewritten before they are sent.
 */
public final class LocalTodoIds {
    private static final String PREFIX = "local:";

    private LocalTodoIds() {
    }

    /** The local id of the todo that {@code add} creates. */
    public static String of(ClientMessage.TodoAdd add) {
        return PREFIX + add.clientId();
    }

    public static boolean isLocal(String todoId) {
        return todoId != null && todoId.startsWith(PREFIX);
    }

    /** The client id of the add behind a local id. */
    public static String addOf(String localId) {
        return localId.substring(PREFIX.length());
    }

    /**
     * The id an add got, read from a whole list: the answer to a resent add that the server had applied
     * already is the list, not the change. Ids only grow, so it is the newest todo with that title; empty
     * when there is none (deleted since, in another window).
     */
    public static Optional<String> findAdded(ClientMessage.TodoAdd add, TodoList list) {
        Todo newest = null;
        for (Todo todo : list.items()) {
            if (todo.title().equals(add.title()) && (newest == null || numeric(todo.id()) > numeric(newest.id()))) {
                newest = todo;
            }
        }
        return Optional.ofNullable(newest).map(Todo::id);
    }

    private static long numeric(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The command with its todo id replaced (for the commands that name one); others unchanged. */
    public static ClientMessage.Command withTodoId(ClientMessage.Command command, String todoId) {
        if (command instanceof ClientMessage.TodoRename rename) {
            return new ClientMessage.TodoRename(rename.clientId(), todoId, rename.title());
        }
        if (command instanceof ClientMessage.TodoSetCompleted set) {
            return new ClientMessage.TodoSetCompleted(set.clientId(), todoId, set.completed());
        }
        if (command instanceof ClientMessage.TodoDelete delete) {
            return new ClientMessage.TodoDelete(delete.clientId(), todoId);
        }
        return command;
    }

    /** The todo id a command names, or null for commands that name none. */
    public static String todoIdOf(ClientMessage.Command command) {
        if (command instanceof ClientMessage.TodoRename rename) {
            return rename.todoId();
        }
        if (command instanceof ClientMessage.TodoSetCompleted set) {
            return set.todoId();
        }
        if (command instanceof ClientMessage.TodoDelete delete) {
            return delete.todoId();
        }
        return null;
    }
}
