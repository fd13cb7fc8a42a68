package dev.tandem.client.connection;

import dev.tandem.client.store.AccountFiles;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Moves commands from the {@link Outbox} onto the live link: in order, paced by {@link SendPacer} under
 * the server's rate limit, each one starting {@link Liveness}'s answer clock. It reads the server's answers
 * back into the outbox, and tries "not now" refusals again once the server's {@code retryAfterMs} has passed
 * ({@code rate_limited}), or after {@link #RETRY_REFUSED_AFTER}. While such a wait runs nothing else of the
 * outbox goes either: the limit is per user, so a later command would only be refused too, and the order of
 * what was written is kept. The view models hear of the wait ({@link ConnectionListener#sendHeld}) and of the
 * resend ({@link ConnectionListener#sendResumed}).
 *
 * <p>Threads: owned by the connection thread (the scheduler's).
 */
final class Sender {
    /** A command refused with "not now" ({@code unavailable}, or {@code rate_limited} without a wait) is tried again after this. */
    static final Duration RETRY_REFUSED_AFTER = Duration.ofSeconds(2);

    private final Scheduler scheduler;
    private final Liveness liveness;
    /** Tells the view models that a command cannot be sent at all: (client id, reason). */
    private final BiConsumer<String, String> cannotSend;
    private final Delays delays;
    private final Codec codec = Codec.get();
    private final Outbox outbox = new Outbox();
    private final SendPacer pacer;
    private Link link;
    private Scheduler.Cancellable drainTimer;
    private long pings;
    /** Nothing of the outbox goes before this (a "not now" refusal's wait); null: no wait. */
    private Instant holdUntil;
    /** Client ids refused with "not now" whose resend has not gone out yet. */
    private final Set<String> held = new LinkedHashSet<>();

    /** Where the view models hear that a command waits out a "not now" refusal, and when it goes again. */
    interface Delays {
        /** {@code clientId} was refused with "not now"; it goes again (same client id) after {@code wait}. */
        void held(String clientId, Duration wait, String code);

        /** {@code clientId}, held before, has just been sent again. */
        void resumed(String clientId);
    }

    Sender(Scheduler scheduler, Liveness liveness, BiConsumer<String, String> cannotSend, Delays delays) {
        this.scheduler = scheduler;
        this.liveness = liveness;
        this.cannotSend = cannotSend;
        this.delays = delays;
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
        held.clear();
    }

    /** Welcomed on {@code live}: what the history answers leaves the outbox, the rest goes out in order. */
    void online(Link live, ServerMessage.Welcome welcome) {
        link = live;
        pacer.reset(welcome.messagesPerSecond(), scheduler.now());
        outbox.welcomed(welcome.history());
        held.retainAll(outbox.pending().stream().map(ClientMessage.Command::clientId).toList()); // answered by history
        drain();
    }

    /** The link is gone: nothing more goes out until the next welcome; what was in flight goes again then. */
    void offline() {
        link = null;
        outbox.linkLost();
        cancelDrain();
        holdUntil = null; // a new link starts a new budget; what was held goes first after the welcome
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
            ServerMessage.Error error = (ServerMessage.Error) message;
            Duration wait = waitAfter(error);
            hold(wait);
            held.add(error.ref());
            delays.held(error.ref(), wait, error.code());
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

    /** The server's {@code retryAfterMs} on {@code rate_limited}; else {@link #RETRY_REFUSED_AFTER}. */
    static Duration waitAfter(ServerMessage.Error error) {
        Long ms = error.retryAfterMs();
        return ms != null && ms > 0 ? Duration.ofMillis(ms) : RETRY_REFUSED_AFTER;
    }

    /** Holds the outbox until {@code wait} from now has passed (or longer, if an earlier wait ends later). */
    private void hold(Duration wait) {
        Instant until = scheduler.now().plus(wait);
        if (holdUntil == null || until.isAfter(holdUntil)) {
            holdUntil = until;
        }
        cancelDrain(); // a pacer timer due earlier must not send before the wait is over
        scheduleDrain(Duration.between(scheduler.now(), holdUntil));
    }

    /** Sends queued commands in order while the pacer allows, then waits for the next token. */
    private void drain() {
        while (link != null && drainTimer == null) {
            Optional<ClientMessage.Command> next = outbox.next();
            if (next.isEmpty()) {
                return;
            }
            if (holdUntil != null) {
                if (scheduler.now().isBefore(holdUntil)) {
                    scheduleDrain(Duration.between(scheduler.now(), holdUntil));
                    return;
                }
                holdUntil = null;
            }
            if (!pacer.tryTake(scheduler.now())) {
                scheduleDrain(pacer.untilNext(scheduler.now()));
                return;
            }
            outbox.sent(next.get().clientId());
            link.send(codec.encode(next.get()));
            liveness.asked();
            if (held.remove(next.get().clientId())) {
                delays.resumed(next.get().clientId());
            }
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
