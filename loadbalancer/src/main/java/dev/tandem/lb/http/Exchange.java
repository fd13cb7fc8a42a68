package dev.tandem.lb.http;

import dev.tandem.lb.backend.Backend;
import io.netty.handler.codec.http.HttpRequest;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * One request/response on a client connection, from its decoded head to the end of its response. It owns its
 * own transitions: where the request goes ({@link State}, moves checked against the allowed ones), and the two
 * halves' progress (request sent, response started, response ended), each set by one method, so the handlers
 * ask an exchange what it is instead of keeping flags of their own.
 * <p>
 * Threads: owned by its client connection's event loop, like everything else of that connection; only the
 * classes of this package that serve that connection touch it.
 */
final class Exchange {

    /** Where the request goes. */
    enum State {
        /** The head is in and no destination is chosen yet. */
        ROUTING,
        /** Waiting for a backend connection; the head and any body parts wait in the connection's queue. */
        CONNECTING,
        /** Request parts go to the backend, response parts come back. */
        FORWARDING,
        /** The proxy answered itself (status, 503); remaining request body parts are discarded. */
        LOCAL;

        /**
         * The moves the proxy makes: a refused connection retries on the next backend (CONNECTING again) or
         * finds none left (LOCAL, 503); a reused backend connection closing under the request sends it again
         * on a fresh one (FORWARDING to CONNECTING). A local answer is final.
         */
        private Set<State> next() {
            return switch (this) {
                case ROUTING -> EnumSet.of(CONNECTING, FORWARDING, LOCAL);
                case CONNECTING -> EnumSet.of(CONNECTING, FORWARDING, LOCAL);
                case FORWARDING -> EnumSet.of(CONNECTING);
                case LOCAL -> EnumSet.noneOf(State.class);
            };
        }
    }

    final HttpRequest request;
    /** Hashed affinity key, or null: then the backend is the least loaded and the response sets a cookie. */
    final String key;
    final boolean upgrade;
    /** Backends that refused a connection for this request: the retry skips them. */
    final Set<Backend> tried = new HashSet<>();

    private State state = State.ROUTING;
    /** The client wants the connection kept after this response. */
    private boolean clientKeepAlive;
    /** Cookie value to set on the response (keyless requests only). */
    private String cookieToSet;
    private boolean requestDone;
    private boolean responseStarted;
    private boolean responseDone;
    /** A 1xx (not 101) was forwarded; its empty end must not end the exchange. */
    private boolean interim;
    private boolean backendKeepAlive;
    /** Close the client connection once this response is written. */
    private boolean closeAfter;
    /** Sent on a kept-alive backend connection (which the backend may close at any moment). */
    private boolean reusedLink;
    /** Idempotent and nothing but the head has been sent: safe to send again if the backend vanished. */
    private boolean replayable;
    /**
     * {@code System.nanoTime()} of the exchange's last progress: its start, a body part taken from the client,
     * the backend connection opening, the request's end, any response part from the backend.
     * {@link ExchangeDeadline} measures silence from here.
     */
    private long lastProgressNanos;

    Exchange(HttpRequest request, String key, boolean upgrade, boolean clientKeepAlive) {
        this.request = request;
        this.key = key;
        this.upgrade = upgrade;
        this.clientKeepAlive = clientKeepAlive;
        String method = request.method().name();
        this.replayable = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    State state() {
        return state;
    }

    /** Moves to {@code next}; a move the proxy never makes is a bug and throws. */
    private void moveTo(State next) {
        if (!state.next().contains(next)) {
            throw new IllegalStateException("exchange cannot go from " + state + " to " + next);
        }
        state = next;
    }

    // ---------------------------------------------------------------- where the request goes

    /** A backend connection is being opened for it (the first, the next after a refusal, or a fresh one). */
    void connecting() {
        moveTo(State.CONNECTING);
    }

    /** Its head is on its way to a backend: on a kept-alive connection ({@code reused}) or a new one. */
    void forwarding(boolean reused) {
        moveTo(State.FORWARDING);
        reusedLink = reused;
    }

    /** The proxy answers it itself: the response is complete as it is sent, the body is dropped. */
    void answeredLocally() {
        moveTo(State.LOCAL);
        responseStarted = true;
        responseDone = true;
    }

    /**
     * The backend closed a kept-alive connection before answering. True when the request may be sent again on
     * a fresh connection: it went out on a reused one and nothing but a bodiless idempotent head was sent.
     */
    boolean mayReplay() {
        return reusedLink && replayable;
    }

    /**
     * Prepares the one replay {@link #mayReplay} allows; the caller then connects afresh. Returns whether the
     * request had been sent in full, so its end has to be queued again.
     */
    boolean replay() {
        reusedLink = false;
        boolean wasDone = requestDone;
        requestDone = false;
        return wasDone;
    }

    // ---------------------------------------------------------------- the request half

    boolean requestDone() {
        return requestDone;
    }

    /** Body bytes or trailers went to the backend: no blind retry any more. */
    void bodySent() {
        replayable = false;
    }

    void requestEnded() {
        requestDone = true;
    }

    // ---------------------------------------------------------------- the response half

    boolean responseStarted() {
        return responseStarted;
    }

    boolean responseDone() {
        return responseDone;
    }

    /** The backend's final status line arrived; {@code backendKeepAlive}: it keeps its connection. */
    void responseStarted(boolean backendKeepAlive) {
        responseStarted = true;
        this.backendKeepAlive = backendKeepAlive;
    }

    /** A 1xx other than 101 was passed on: its parts up to its end belong to it, not to the final response. */
    void interimStarted() {
        interim = true;
    }

    /** True when a response part belongs to a 1xx passed on before; its {@code last} part ends that 1xx. */
    boolean interimPart(boolean last) {
        if (!interim) {
            return false;
        }
        interim = !last;
        return true;
    }

    /** The response's last part went to the client. */
    void responseEnded() {
        responseDone = true;
        if (!requestDone) {
            closeAfter = true; // answered before the body ended: the connection can't be reused
        }
    }

    boolean backendKeepAlive() {
        return backendKeepAlive;
    }

    // ---------------------------------------------------------------- the client connection after it

    boolean closeAfter() {
        return closeAfter;
    }

    /**
     * Settles whether the client connection ends with this response: it does if the client asked for that or
     * {@code orElse} holds (an undelimited body, a drain, a body the client withholds). Never undoes a close.
     */
    void closeAfterIf(boolean orElse) {
        closeAfter |= !clientKeepAlive || orElse;
    }

    /** A drain started: the client connection ends with this response, whatever the client asked for. */
    void closeAfterResponse() {
        clientKeepAlive = false;
        closeAfter = true;
    }

    String cookieToSet() {
        return cookieToSet;
    }

    void setCookieToSet(String value) {
        cookieToSet = value;
    }

    // ---------------------------------------------------------------- progress, for the deadline

    /** Something moved: the deadline measures silence from now. */
    void progress() {
        lastProgressNanos = System.nanoTime();
    }

    long lastProgressNanos() {
        return lastProgressNanos;
    }
}
