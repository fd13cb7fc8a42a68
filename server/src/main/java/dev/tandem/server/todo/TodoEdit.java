package dev.tandem.server.todo;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage.TodoOp;
import dev.tandem.model.Todo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one todo command does to a list, worked out before anything changes: the board commits it to Redis
 * first and applies it to its copy only once Redis has it. Pure: no state, no I/O.
 *
 * @param upserted todos added or replaced (by id)
 * @param removed  ids removed
 * @param nextId   the list's next todo id after this edit
 */
record TodoEdit(TodoOp op, List<Todo> upserted, List<String> removed, long nextId) {
    TodoEdit {
        upserted = List.copyOf(upserted);
        removed = List.copyOf(removed);
    }

    /**
     * The edit {@code command} makes to {@code items} (which it does not change).
     *
     * @throws ProtocolException {@code not_found} for an unknown todo id, {@code limit_reached} when full
     */
    static TodoEdit of(Map<String, Todo> items, long nextId, ClientMessage.TodoCommand command) throws ProtocolException {
        String ref = command.clientId();
        if (command instanceof ClientMessage.TodoAdd add) {
            if (items.size() >= Limits.MAX_TODOS_PER_USER) {
                throw new ProtocolException(ErrorCode.LIMIT_REACHED,
                        "a list holds at most " + Limits.MAX_TODOS_PER_USER + " todos", ref);
            }
            Todo todo = new Todo(Long.toString(nextId), add.title().strip(), false);
            return new TodoEdit(TodoOp.added, List.of(todo), List.of(), nextId + 1);
        }
        if (command instanceof ClientMessage.TodoRename rename) {
            Todo todo = existing(items, rename.todoId(), ref).withTitle(rename.title().strip());
            return new TodoEdit(TodoOp.renamed, List.of(todo), List.of(), nextId);
        }
        if (command instanceof ClientMessage.TodoSetCompleted set) {
            Todo todo = existing(items, set.todoId(), ref).withCompleted(set.completed());
            return new TodoEdit(TodoOp.completed, List.of(todo), List.of(), nextId);
        }
        if (command instanceof ClientMessage.TodoDelete delete) {
            existing(items, delete.todoId(), ref);
            return new TodoEdit(TodoOp.deleted, List.of(), List.of(delete.todoId()), nextId);
        }
        if (command instanceof ClientMessage.TodoToggleAll toggle) {
            List<Todo> updated = new ArrayList<>();
            for (Todo todo : items.values()) {
                if (todo.completed() != toggle.completed()) {
                    updated.add(todo.withCompleted(toggle.completed()));
                }
            }
            return new TodoEdit(TodoOp.toggled_all, updated, List.of(), nextId);
        }
        if (command instanceof ClientMessage.TodoClearCompleted) {
            List<String> removed = items.values().stream().filter(Todo::completed).map(Todo::id).toList();
            return new TodoEdit(TodoOp.cleared_completed, List.of(), removed, nextId);
        }
        throw new IllegalArgumentException("not a todo command: " + command);
    }

    /** Applies this edit to {@code items} (the board's copy, after Redis has it). */
    void applyTo(Map<String, Todo> items) {
        removed.forEach(items::remove);
        upserted.forEach(todo -> items.put(todo.id(), todo));
    }

    private static Todo existing(Map<String, Todo> items, String todoId, String ref) throws ProtocolException {
        Todo todo = items.get(todoId);
        if (todo == null) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no todo with id " + todoId, ref);
        }
        return todo;
    }
}
