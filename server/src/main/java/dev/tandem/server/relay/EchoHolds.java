package dev.tandem.server.relay;

import dev.tandem.server.window.Window;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sender's own {@code chat.message} is its acknowledgement. When the server is told to acknowledge a post
 * only once Redis replicas have it ({@code --redis-min-replicas}), the relay envelope of a post made here can
 * arrive before they confirm it (the script publishes before it returns, and {@code WAIT} comes after). A hold
 * keeps that envelope back on this server until the outcome is known: confirmed, it is delivered as usual;
 * not confirmed, it is delivered to everyone but the sending window, which is told {@code unavailable}
 * instead and resends (answered with the original once a replica has it).
 * <p>Only this server's own posts are held (their frames name this server), and only this server's delivery
 * waits: other servers deliver at once (their windows are not being acknowledged anything).
 * <p>Threads: {@link #hold} runs on the sender's session thread before the post is sent; {@link Hold#settle}
 * and {@link Hold#cancel} on a Lettuce thread (or the delivery thread's timer); {@link #holdOn} and
 * {@link #forget} on the delivery thread, which they then wake to release what it kept back. The map is
 * concurrent; a hold's outcome is volatile and set once.
 */
public final class EchoHolds {
    private static final String CLIENT_ID = ",\"clientId\":";
    /** A hold still pending after this is settled as not durable (its write and WAIT time out long before). */
    private static final Duration GIVE_UP = Duration.ofSeconds(15);
    /** A settled, not durable hold whose envelope has not come by then is dropped. */
    private static final Duration FORGET_UNDELIVERED = Duration.ofSeconds(30);

    /** What is known of a held post. */
    enum Outcome {
        PENDING, DURABLE, NOT_DURABLE
    }

    /** One held post: its sender and, once known, whether it may be acknowledged. */
    public final class Hold {
        private final String key;
        final Window sender;
        private volatile Outcome outcome = Outcome.PENDING;

        private Hold(String key, Window sender) {
            this.key = key;
            this.sender = sender;
        }

        /** The post is stored ({@code durable}: on enough replicas); its envelope may go out. */
        public synchronized void settle(boolean durable) {
            if (outcome != Outcome.PENDING) {
                return;
            }
            outcome = durable ? Outcome.DURABLE : Outcome.NOT_DURABLE;
            if (durable) {
                holds.remove(key, this); // Its envelope, if still to come, needs nothing from it.
            } else {
                // Its envelope may never come (the script did not run): the key is freed in a while.
                delivery.schedule(() -> forget(this), FORGET_UNDELIVERED.toMillis());
            }
            delivery.execute(delivery::releaseHeld);
        }

        /** No envelope will come for it (refused, or a resend of an earlier post). */
        public void cancel() {
            holds.remove(key, this);
            delivery.execute(delivery::releaseHeld);
        }
    }

    private final ConcurrentHashMap<String, Hold> holds = new ConcurrentHashMap<>();
    /** {@code ,"serverId":"<this server>"}: in the frames of posts made here, right after the client id. */
    private final String ownServer;
    private final Delivery delivery;

    EchoHolds(String serverId, Delivery delivery) {
        this.ownServer = ",\"serverId\":\"" + serverId + "\"";
        this.delivery = delivery;
    }

    /**
     * Holds the envelope of the post {@code frame} (its template, as sent to the script) by {@code user} from
     * {@code sender}; null if an earlier attempt of the same post is still pending (this one will be a resend,
     * with nothing to hold).
     */
    public Hold hold(String user, String frame, Window sender) {
        String key = key(user, frame);
        if (key == null) {
            throw new IllegalArgumentException("not a chat frame of this server: " + frame);
        }
        Hold hold = new Hold(key, sender);
        Hold kept = holds.compute(key, (k, earlier) -> earlier == null || earlier.outcome != Outcome.PENDING ? hold : earlier);
        if (kept != hold) {
            return null;
        }
        // A backstop only: the write and its WAIT time out well before this.
        delivery.schedule(() -> hold.settle(false), GIVE_UP.toMillis());
        return hold;
    }

    /** Delivery thread: the outcome of the hold on {@code envelope}, or null when none applies. */
    Hold holdOn(Envelope envelope) {
        if (holds.isEmpty() || envelope.kind() != Envelope.Kind.MESSAGE) {
            return null;
        }
        String key = key(envelope.user(), envelope.frame());
        return key == null ? null : holds.get(key);
    }

    /** Delivery thread: the envelope {@code hold} kept back went out; a later post may use its key again. */
    void forget(Hold hold) {
        holds.remove(hold.key, hold);
    }

    static Outcome outcome(Hold hold) {
        return hold.outcome;
    }

    /** Holds kept (for tests and leaks: settled holds whose envelope never came are dropped by the delivery). */
    int size() {
        return holds.size();
    }

    /**
     * "user\n<clientId as JSON>" for a chat frame posted on this server, else null. The frame is the server's
     * own encoding of a {@code ChatMessage} (fields in record order: ..., text, sentAt, clientId, serverId, ...),
     * so the last {@code ,"clientId":} is the field (a quote inside the text or the id is always escaped) and
     * this server's id follows it.
     */
    private String key(String user, String frame) {
        int start = user == null ? -1 : frame.lastIndexOf(CLIENT_ID);
        if (start < 0) {
            return null;
        }
        int end = frame.indexOf(ownServer, start);
        if (end < 0 || end + ownServer.length() >= frame.length()) {
            return null;
        }
        char after = frame.charAt(end + ownServer.length());
        return after == ',' || after == '}' ? user + "\n" + frame.substring(start + CLIENT_ID.length(), end) : null;
    }
}
