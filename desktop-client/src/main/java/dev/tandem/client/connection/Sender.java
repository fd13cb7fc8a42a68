package dev.tandem.client.connection;

import dev.tandem.client.store.AccountFiles;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Moves commands from the {@link Outbox} onto the live link: in order, paced by {@link SendPacer} under
 * the server's rate limit, each one starting {@link Liveness}'s answer clock. It reads the server's answers
 * back into the outbox, and tries "not now" refusals again after {@link #RETRY_REFUSED_AFTER}.
 *
 * <p>Threads: owned by the connection thread (the scheduler's).
 */
final class Sender {
    /** A command refused with "not now" ({@code unavailable}, {@code rate_limited}) is tried again after this. */
    static final Duration RETRY_REFUSED_AFTER = Duration.ofSeconds(2);

    private final Scheduler scheduler;
    private final Liveness liveness;
    /** Tells the view models that a command cannot be sent at all: (client id, reason). */
    private final BiConsumer<String, String> cannotSend;
    private final Codec codec = Codec.get();
    private final Outbox outbox = new Outbox();
    private final SendPacer pacer;
    private Link link;
    private Scheduler.Cancellable drainTimer;
    private long pings;

    Sender(Scheduler scheduler, Liveness liveness, BiConsumer<String, String> cannotSend) {
        this.scheduler = scheduler;
        this.liveness = liveness;
        this.cannotSend = cannotSend;
        this.pacer = new SendPacer(Limits.DEFAULT_MESSAGES_PER_SECOND, scheduler.now());
    }

    /** Opens the account's outbox; returns what earlier runs left in it. */
    List<ClientMessage.Command> open(AccountFiles account, String user) {
        return outbox.open(account, user);
    }

    /** Signed out or another account: the outbox is released (what is unsent stays on disk). */
    void close() {
        offline();
        outbox.close();
    }

    /** Welcomed on {@code live}: what the history answers leaves the outbox, the rest goes out in order. */
    void online(Link live, ServerMessage.Welcome welcome) {
        link = live;
        pacer.reset(welcome.messagesPerSecond(), scheduler.now());
        outbox.welcomed(welcome.history());
        drain();
    }

    /** The link is gone: nothing more goes out until the next welcome; what was in flight goes again then. */
    void offline() {
        link = null;
        outbox.linkLost();
        cancelDrain();
    }

    /**
     * A command from the view models: kept in the outbox (on disk), sent now if there is a link. Requests
     * that only make sense now ({@link #isJournaled}) go at once, or are refused with
     * {@link Connection#OFFLINE} while there is no link.
     */
    void queue(ClientMessage.Command command) {
        if (!isJournaled(command)) {
            if (link != null) {
                transmit(command);
            } else {
                cannotSend.accept(command.clientId(), Connection.OFFLINE);
            }
            return;
        }
        if (!outbox.isOpen()) {
            cannotSend.accept(command.clientId(), "not signed in");
            return;
        }
        if (Codec.exceedsFrameLimit(codec.encode(command))) {
            cannotSend.accept(command.clientId(), "too large to send (limit " + Limits.MAX_FRAME_BYTES + " bytes)");
            return;
        }
        outbox.add(command, scheduler.now());
        drain();
    }

    /**
     * What the outbox keeps until answered: chat messages, their edits and deletions, and todo changes —
     * what a person wrote. A todo sync (the next welcome brings the whole list anyway) and requests about
     * rooms (create, join, leave, list, members, DM open, a history page: a person asks for them and waits
     * for the answer, so they are worth nothing later) are not kept.
     */
    static boolean isJournaled(ClientMessage.Command command) {
        return command instanceof ClientMessage.ChatSend || command instanceof ClientMessage.ChatEdit
                || command instanceof ClientMessage.ChatDelete || command instanceof ClientMessage.TodoCommand;
    }

    /**
     * Reads a live message for answers to queued commands. Returns false when the message is a "not now"
     * refusal that is handled here (tried again shortly) and must not reach the view models.
     */
    boolean answered(ServerMessage message) {
        Outbox.Outcome outcome = outbox.answer(message);
        if (outcome == Outbox.Outcome.RETRY) {
            scheduleDrain(RETRY_REFUSED_AFTER);
            return false;
        }
        if (outcome == Outbox.Outcome.REFUSED) {
            for (String orphan : outbox.dropOrphans()) {
                cannotSend.accept(orphan, "the todo it changes could not be added");
            }
        }
        if (outcome != Outbox.Outcome.NONE) {
            drain(); // an answer may have resolved the id a waiting command needs
        }
        return true;
    }

    /** An ephemeral message: out now if there is a link and a token for it, else dropped. */
    void sendNow(ClientMessage message) {
        if (link != null && pacer.tryTake(scheduler.now())) {
            link.send(codec.encode(message));
        }
    }

    void ping() {
        if (link == null) {
            return;
        }
        pacer.tryTake(scheduler.now()); // a ping counts against the rate limit too
        link.send(codec.encode(new ClientMessage.Ping("p" + (++pings))));
        liveness.asked();
    }

    /** Sends queued commands in order while the pacer allows, then waits for the next token. */
    private void drain() {
        while (link != null && drainTimer == null) {
            Optional<ClientMessage.Command> next = outbox.next();
            if (next.isEmpty()) {
                return;
            }
            if (!pacer.tryTake(scheduler.now())) {
                scheduleDrain(pacer.untilNext(scheduler.now()));
                return;
            }
            outbox.sent(next.get().clientId());
            link.send(codec.encode(next.get()));
            liveness.asked();
        }
    }

    private void transmit(ClientMessage.Command command) {
        if (Codec.exceedsFrameLimit(codec.encode(command))) {
            cannotSend.accept(command.clientId(), "too large to send (limit " + Limits.MAX_FRAME_BYTES + " bytes)");
            return;
        }
        pacer.tryTake(scheduler.now()); // counted, never held back: a person asked for it and waits
        link.send(codec.encode(command));
        liveness.asked();
    }

    private void scheduleDrain(Duration delay) {
        if (drainTimer == null) {
            drainTimer = scheduler.schedule(delay, () -> {
                drainTimer = null;
                drain();
            });
        }
    }

    private void cancelDrain() {
        if (drainTimer != null) {
            drainTimer.cancel();
            drainTimer = null;
        }
    }
}
