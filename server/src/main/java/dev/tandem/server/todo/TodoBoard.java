package dev.tandem.server.todo;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage.TodoChanged;
import dev.tandem.model.ServerMessage.TodoOp;
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import dev.tandem.server.ws.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One user's todo list on this server, and the windows (connections) that show it.
 * <p>Threads: every window of the user may send commands at once from its own session thread, so every
 * method holds this board's monitor. A change and its push to all windows happen under the same lock,
 * so every window sees changes in revision order. Sends never block (see {@link Connection#send}).
 */
public final class TodoBoard {
    private final Map<String, Todo> items = new LinkedHashMap<>();
    private final Set<Connection> windows = new LinkedHashSet<>();
    private long revision;
    private long nextId = 1;

    /** Adds a window and hands it the current snapshot, atomically: no change can slip in between. */
    public synchronized void attach(Connection window, Consumer<TodoList> sendSnapshot) {
        sendSnapshot.accept(snapshot());
        windows.add(window);
    }

    public synchronized void detach(Connection window) {
        windows.remove(window);
    }

    public synchronized TodoList snapshot() {
        return new TodoList(revision, new ArrayList<>(items.values()));
    }

    /**
     * Applies one command, bumps the revision and pushes the change to every window of the user.
     *
     * @throws ProtocolException {@code not_found} for an unknown todo id, {@code limit_reached} when full
     */
    public synchronized TodoChanged apply(ClientMessage.TodoCommand command) throws ProtocolException {
        TodoChanged change = change(command);
        String frame = Codec.get().encode(change);
        for (Connection window : windows) {
            window.send(frame);
        }
        return change;
    }

    private TodoChanged change(ClientMessage.TodoCommand command) throws ProtocolException {
        String ref = command.clientId();
        if (command instanceof ClientMessage.TodoAdd add) {
            if (items.size() >= Limits.MAX_TODOS_PER_USER) {
                throw new ProtocolException(ErrorCode.LIMIT_REACHED,
                        "a list holds at most " + Limits.MAX_TODOS_PER_USER + " todos", ref);
            }
            Todo todo = new Todo(Long.toString(nextId++), add.title().strip(), false);
            items.put(todo.id(), todo);
            return changed(ref, TodoOp.added, List.of(todo), List.of());
        }
        if (command instanceof ClientMessage.TodoRename rename) {
            Todo todo = existing(rename.todoId(), ref).withTitle(rename.title().strip());
            items.put(todo.id(), todo);
            return changed(ref, TodoOp.renamed, List.of(todo), List.of());
        }
        if (command instanceof ClientMessage.TodoSetCompleted set) {
            Todo todo = existing(set.todoId(), ref).withCompleted(set.completed());
            items.put(todo.id(), todo);
            return changed(ref, TodoOp.completed, List.of(todo), List.of());
        }
        if (command instanceof ClientMessage.TodoDelete delete) {
            existing(delete.todoId(), ref);
            items.remove(delete.todoId());
            return changed(ref, TodoOp.deleted, List.of(), List.of(delete.todoId()));
        }
        if (command instanceof ClientMessage.TodoToggleAll toggle) {
            List<Todo> updated = new ArrayList<>();
            for (Todo todo : items.values()) {
                if (todo.completed() != toggle.completed()) {
                    updated.add(todo.withCompleted(toggle.completed()));
                }
            }
            updated.forEach(todo -> items.put(todo.id(), todo));
            return changed(ref, TodoOp.toggled_all, updated, List.of());
        }
        if (command instanceof ClientMessage.TodoClearCompleted) {
            List<String> removed = items.values().stream().filter(Todo::completed).map(Todo::id).toList();
            removed.forEach(items::remove);
            return changed(ref, TodoOp.cleared_completed, List.of(), removed);
        }
        throw new IllegalArgumentException("not a todo command: " + command);
    }

    private Todo existing(String todoId, String ref) throws ProtocolException {
        Todo todo = items.get(todoId);
        if (todo == null) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no todo with id " + todoId, ref);
        }
        return todo;
    }

    private TodoChanged changed(String ref, TodoOp op, List<Todo> upserted, List<String> removed) {
        return new TodoChanged(ref, ++revision, op, upserted, removed);
    }
}
