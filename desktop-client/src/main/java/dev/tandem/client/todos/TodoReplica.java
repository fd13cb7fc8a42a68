package dev.tandem.client.todos;

import dev.tandem.client.connection.LocalTodoIds;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A window's copy of the todo list: the list as the server last confirmed it (at a revision), and on top
 * of it our own changes that have no answer yet, replayed in order. What the window shows is
 * {@link #view()}. Changes pushed by the server are applied in revision order; a gap holds them back
 * until a full list ({@code todo.sync}) arrives. Toolkit-free: the view model turns it into JavaFX state.
 *
 * <p>Our change is "pending" from the moment it is made (even offline: it waits in the outbox) until the
 * server answers it: its {@code todo.changed}, a {@code todo.list} naming it (a resend the server had
 * applied already), or an error. A pending change whose todo is gone from the confirmed list is simply
 * not visible in the view; the server's {@code not_found} then says so.
 *
 * <p>Threads: not thread-safe; owned by the UI thread (through its view model).
 */
final class TodoReplica {

    /** What a pushed change asks of the caller. */
    enum Outcome { APPLIED, IGNORED, NEEDS_SYNC }

    private TodoList confirmed = new TodoList(-1, List.of());
    private final Map<String, ClientMessage.TodoCommand> pending = new LinkedHashMap<>();
    /** Local ids ({@code local:<clientId>}) of our adds that got their server id. */
    private final Map<String, String> resolved = new HashMap<>();
    private final List<ServerMessage.TodoChanged> heldBack = new ArrayList<>();
    private String syncRequest;

    /** The confirmed revision (-1 before the first list). */
    long revision() {
        return confirmed.revision();
    }

    /** The list as the server confirmed it, without our pending changes: what is saved for the next start. */
    TodoList confirmed() {
        return confirmed;
    }

    /** The client id of the {@code todo.sync} we wait for, or null. */
    String syncRequest() {
        return syncRequest;
    }

    boolean isPending(String clientId) {
        return pending.containsKey(clientId);
    }

    /** The pending command with this client id, if any. */
    Optional<ClientMessage.TodoCommand> pending(String clientId) {
        return Optional.ofNullable(pending.get(clientId));
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** True when one of our pending changes names this todo (or is the add that creates it). */
    boolean touches(String todoId) {
        for (ClientMessage.TodoCommand command : pending.values()) {
            String named = command instanceof ClientMessage.TodoAdd add ? LocalTodoIds.of(add) : LocalTodoIds.todoIdOf(command);
            if (named != null && realId(named).equals(todoId)) {
                return true;
            }
        }
        return false;
    }

    /** The confirmed title of a todo, if the confirmed list has it. */
    Optional<String> confirmedTitle(String todoId) {
        return confirmed.items().stream().filter(t -> t.id().equals(realId(todoId))).map(Todo::title).findFirst();
    }

    /** The list as the window shows it: the confirmed one with our pending changes replayed. */
    List<Todo> view() {
        List<Todo> todos = new ArrayList<>(confirmed.items());
        for (ClientMessage.TodoCommand command : pending.values()) {
            replay(command, todos);
        }
        return todos;
    }

    /** Our change, shown at once. */
    void made(ClientMessage.TodoCommand command) {
        pending.put(command.clientId(), command);
    }

    /** Our change got its answer (or will never get one): it is no longer replayed. */
    void settled(String clientId) {
        pending.remove(clientId);
    }

    /** The server id of a todo we added, if its answer brought one: the local id's rows move to it. */
    Optional<String> resolvedId(String localId) {
        return Optional.ofNullable(resolved.get(localId));
    }

    /** A whole list (a welcome, a saved copy, an answer to our sync). Pending changes stay on top. */
    void replace(TodoList list) {
        confirmed = list;
        syncRequest = null;
        heldBack.clear();
    }

    /** We asked for the whole list with this client id. */
    void syncing(String clientId) {
        syncRequest = clientId;
    }

    /** Our sync could not be sent or was refused: the next welcome (or another sync) brings the list. */
    void syncAbandoned() {
        syncRequest = null;
    }

    /** One change pushed by the server. */
    Outcome changed(ServerMessage.TodoChanged change) {
        answer(change.clientId(), change.upserted().isEmpty() ? null : change.upserted().get(0).id());
        if (syncRequest != null) {
            heldBack.add(change);
            return Outcome.IGNORED;
        }
        if (change.revision() <= confirmed.revision()) {
            return Outcome.IGNORED; // already reflected (an older push, or one the last list included)
        }
        if (change.revision() == confirmed.revision() + 1) {
            apply(change);
            return Outcome.APPLIED;
        }
        heldBack.add(change);
        return Outcome.NEEDS_SYNC;
    }

    /**
     * A whole list from the server: the answer to our sync, the answer to a resent change it had applied
     * already ({@code clientId} names it), or an older one (ignored). Held-back pushes are applied after it.
     */
    boolean snapshot(ServerMessage.TodoSnapshot snapshot) {
        if (snapshot.clientId() != null && pending.get(snapshot.clientId()) instanceof ClientMessage.TodoAdd add) {
            LocalTodoIds.findAdded(add, snapshot.todos()).ifPresent(id -> resolved.put(LocalTodoIds.of(add), id));
        }
        if (snapshot.clientId() != null && !snapshot.clientId().equals(syncRequest)) {
            pending.remove(snapshot.clientId());
        }
        boolean ours = syncRequest != null && syncRequest.equals(snapshot.clientId());
        if (!ours && snapshot.todos().revision() <= confirmed.revision()) {
            return false;
        }
        List<ServerMessage.TodoChanged> held = new ArrayList<>(heldBack);
        replace(snapshot.todos());
        held.sort(Comparator.comparingLong(ServerMessage.TodoChanged::revision));
        for (ServerMessage.TodoChanged change : held) {
            if (change.revision() == confirmed.revision() + 1) {
                apply(change);
            }
        }
        return true;
    }

    /** Forget everything (sign-out, another user). */
    void clear() {
        confirmed = new TodoList(-1, List.of());
        pending.clear();
        resolved.clear();
        heldBack.clear();
        syncRequest = null;
    }

    // ---- internals ----

    /** Settles our change named by a push; an add's first upserted todo carries its server id. */
    private void answer(String clientId, String newId) {
        if (clientId == null) {
            return;
        }
        ClientMessage.TodoCommand command = pending.remove(clientId);
        if (command instanceof ClientMessage.TodoAdd add && newId != null) {
            resolved.put(LocalTodoIds.of(add), newId);
        }
    }

    private void apply(ServerMessage.TodoChanged change) {
        List<Todo> todos = new ArrayList<>(confirmed.items());
        if (!change.removed().isEmpty()) {
            todos.removeIf(todo -> change.removed().contains(todo.id()));
        }
        for (Todo todo : change.upserted()) {
            int at = indexOf(todos, todo.id());
            if (at < 0) {
                todos.add(todo);
            } else {
                todos.set(at, todo);
            }
        }
        confirmed = new TodoList(change.revision(), todos);
    }

    /** Applies one of our pending commands to a working list the way the server will. */
    private void replay(ClientMessage.TodoCommand command, List<Todo> todos) {
        if (command instanceof ClientMessage.TodoAdd add) {
            if (!resolved.containsKey(LocalTodoIds.of(add))) {
                todos.add(new Todo(LocalTodoIds.of(add), add.title(), false));
            }
        } else if (command instanceof ClientMessage.TodoRename rename) {
            update(todos, rename.todoId(), t -> new Todo(t.id(), rename.title(), t.completed()));
        } else if (command instanceof ClientMessage.TodoSetCompleted set) {
            update(todos, set.todoId(), t -> new Todo(t.id(), t.title(), set.completed()));
        } else if (command instanceof ClientMessage.TodoDelete delete) {
            int at = indexOf(todos, realId(delete.todoId()));
            if (at >= 0) {
                todos.remove(at);
            }
        } else if (command instanceof ClientMessage.TodoToggleAll all) {
            todos.replaceAll(t -> new Todo(t.id(), t.title(), all.completed()));
        } else if (command instanceof ClientMessage.TodoClearCompleted) {
            todos.removeIf(Todo::completed);
        }
    }

    private void update(List<Todo> todos, String id, UnaryOperator<Todo> change) {
        int at = indexOf(todos, realId(id));
        if (at >= 0) {
            todos.set(at, change.apply(todos.get(at)));
        }
    }

    /** A local id whose add has been answered means the server's id now. */
    private String realId(String id) {
        return resolved.getOrDefault(id, id);
    }

    private static int indexOf(List<Todo> todos, String id) {
        for (int i = 0; i < todos.size(); i++) {
            if (todos.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
