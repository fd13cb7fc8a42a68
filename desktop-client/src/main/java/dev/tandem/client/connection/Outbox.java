package dev.tandem.client.connection;

import dev.tandem.client.store.AccountFiles;
import dev.tandem.client.store.OutboxJournal;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.ServerMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every chat message, chat edit or deletion and todo change the server has not answered yet, kept on disk
 * ({@link OutboxJournal}) and sent in the order they were made, on this connection or the next one — each
 * exactly once, since the server de-duplicates by client id (an edit or deletion sent twice changes nothing
 * more). An entry leaves when its answer arrives: our own {@code chat.message} (live or in a welcome's
 * history), the {@code chat.edited} / {@code chat.deleted} with its client id, the {@code todo.changed} or
 * {@code todo.list} with its client id, or an error that refers to it. Errors that mean "not now" ({@code rate_limited}, {@code unavailable},
 * {@code internal}) keep it for another try.
 *
 * <p>Todos added offline have no id yet: commands that name one wait behind the add until its answer
 * brings the real id, then are rewritten ({@link LocalTodoIds}).
 *
 * <p>Threads: not thread-safe; owned by the connection thread.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** What an answer did to an entry. */
    enum Outcome {
        /** Not an answer to anything queued. */
        NONE,
        /** Answered: the entry left. */
        DONE,
        /** Refused for good: the entry left (the error goes on to the view models). */
        REFUSED,
        /** "Not now": the entry stays and is sent again later. */
        RETRY
    }

    private OutboxJournal journal;
    private String user;
    private final Map<String, ClientMessage.Command> queue = new LinkedHashMap<>();
    private final Map<String, String> resolutions = new HashMap<>();
    /** Client ids sent on the current link and not answered yet. */
    private final Set<String> inFlight = new HashSet<>();

    /**
     * Opens the account's outbox (closing the previous one) and returns what it holds from earlier runs.
     * Without a readable disk the outbox still works, in memory only; the failure is logged.
     */
    List<ClientMessage.Command> open(AccountFiles files, String userName) {
        close();
        user = userName;
        try {
            journal = OutboxJournal.open(files);
            journal.pending().forEach(entry -> queue.put(entry.command().clientId(), entry.command()));
            resolutions.putAll(journal.resolutions());
            if (!queue.isEmpty()) {
                log.info("outbox of {} holds {} unsent change(s) from an earlier run", userName, queue.size());
            }
        } catch (IOException e) {
            log.warn("outbox of {} is not kept on disk this time: {}", userName, e.toString());
            journal = null;
        }
        return List.copyOf(queue.values());
    }

    /** Releases the account's slot; what is unsent stays on disk for the next sign-in of that account. */
    void close() {
        if (journal != null) {
            journal.close();
            journal = null;
        }
        queue.clear();
        resolutions.clear();
        inFlight.clear();
        user = null;
    }

    boolean isOpen() {
        return user != null;
    }

    /** Queues a command (on disk before this returns). False if it could not be written to disk. */
    boolean add(ClientMessage.Command command, Instant now) {
        queue.put(command.clientId(), command);
        if (journal == null) {
            return false;
        }
        try {
            journal.append(command, now);
            return true;
        } catch (IOException e) {
            log.warn("could not write {} to the outbox: {}", command.clientId(), e.toString());
            return false;
        }
    }

    /**
     * The next command to send on this link, with resolved todo ids; empty when everything is in flight or
     * the next one names a todo whose add has no answer yet (order is kept: later ones wait too).
     */
    Optional<ClientMessage.Command> next() {
        for (ClientMessage.Command command : queue.values()) {
            if (inFlight.contains(command.clientId())) {
                continue;
            }
            String todoId = LocalTodoIds.todoIdOf(command);
            if (LocalTodoIds.isLocal(todoId)) {
                String real = resolutions.get(todoId);
                if (real == null) {
                    return Optional.empty();
                }
                return Optional.of(LocalTodoIds.withTodoId(command, real));
            }
            return Optional.of(command);
        }
        return Optional.empty();
    }

    void sent(String clientId) {
        inFlight.add(clientId);
    }

    /** The link is gone: whatever was in flight is sent again on the next one. */
    void linkLost() {
        inFlight.clear();
    }

    /** Unsent or unanswered commands, oldest first. */
    List<ClientMessage.Command> pending() {
        return List.copyOf(queue.values());
    }

    /** A welcome's history answers the chat messages it contains (sent before the link broke). */
    void welcomed(List<ChatMessage> history) {
        inFlight.clear();
        for (ChatMessage message : history) {
            answer(message);
        }
    }

    /** Checks whether {@code message} answers a queued command, and settles it. */
    Outcome answer(ServerMessage message) {
        if (message instanceof ChatMessage chat) {
            return chat.clientId() != null && user != null && user.equals(chat.author()) && queue.containsKey(chat.clientId())
                    ? finish(chat.clientId(), Outcome.DONE) : Outcome.NONE;
        }
        if (message instanceof ServerMessage.ChatEdited edited) {
            return answersChange(edited.clientId(), edited.room(), edited.id(), true);
        }
        if (message instanceof ServerMessage.ChatDeleted deleted) {
            return answersChange(deleted.clientId(), deleted.room(), deleted.id(), false);
        }
        if (message instanceof ServerMessage.TodoChanged change && change.clientId() != null) {
            ClientMessage.Command command = queue.get(change.clientId());
            if (command instanceof ClientMessage.TodoAdd add && !change.upserted().isEmpty()) {
                resolve(LocalTodoIds.of(add), change.upserted().get(0).id());
            }
            return command == null ? Outcome.NONE : finish(change.clientId(), Outcome.DONE);
        }
        if (message instanceof ServerMessage.TodoSnapshot snapshot && snapshot.clientId() != null) {
            ClientMessage.Command command = queue.get(snapshot.clientId());
            if (command instanceof ClientMessage.TodoAdd add) {
                LocalTodoIds.findAdded(add, snapshot.todos()).ifPresent(id -> resolve(LocalTodoIds.of(add), id));
            }
            return command == null ? Outcome.NONE : finish(snapshot.clientId(), Outcome.DONE);
        }
        if (message instanceof ServerMessage.Error error && error.ref() != null && queue.containsKey(error.ref())) {
            if (isTransient(error.code())) {
                inFlight.remove(error.ref());
                return Outcome.RETRY;
            }
            return finish(error.ref(), Outcome.REFUSED);
        }
        return Outcome.NONE;
    }

    /**
     * An edit or deletion reaches every member of the room with the author's client id: it answers ours when
     * that id is queued for that very message (client ids are unique per user, not across users).
     */
    private Outcome answersChange(String clientId, String room, long id, boolean edit) {
        ClientMessage.Command command = clientId == null ? null : queue.get(clientId);
        boolean matches = edit
                ? command instanceof ClientMessage.ChatEdit e && e.room().equals(room) && e.id() == id
                : command instanceof ClientMessage.ChatDelete d && d.room().equals(room) && d.id() == id;
        return matches ? finish(clientId, Outcome.DONE) : Outcome.NONE;
    }

    /**
     * Commands that can never be sent because they name a todo whose add was refused: they leave the
     * outbox, and their client ids are returned so the view models can say so.
     */
    List<String> dropOrphans() {
        List<String> orphans = new ArrayList<>();
        for (ClientMessage.Command command : queue.values()) {
            String todoId = LocalTodoIds.todoIdOf(command);
            if (LocalTodoIds.isLocal(todoId) && !resolutions.containsKey(todoId)
                    && !queue.containsKey(LocalTodoIds.addOf(todoId))) {
                orphans.add(command.clientId());
            }
        }
        orphans.forEach(id -> finish(id, Outcome.REFUSED));
        return orphans;
    }

    private void resolve(String localId, String serverId) {
        resolutions.put(localId, serverId);
        if (journal != null) {
            try {
                journal.resolved(localId, serverId);
            } catch (IOException e) {
                log.warn("could not write the id of {} to the outbox: {}", localId, e.toString());
            }
        }
    }

    private Outcome finish(String clientId, Outcome outcome) {
        queue.remove(clientId);
        inFlight.remove(clientId);
        if (journal != null) {
            try {
                journal.done(clientId);
            } catch (IOException e) {
                // Worst case it is sent again after a restart, and the server answers it without applying it twice.
                log.warn("could not mark {} as answered in the outbox: {}", clientId, e.toString());
            }
        }
        if (queue.isEmpty()) {
            resolutions.clear();
        }
        return outcome;
    }

    /** Errors after which the same request may well succeed later. */
    static boolean isTransient(String code) {
        return ErrorCode.RATE_LIMITED.wire().equals(code) || ErrorCode.UNAVAILABLE.wire().equals(code)
                || ErrorCode.INTERNAL.wire().equals(code);
    }
}
