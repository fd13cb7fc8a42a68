package dev.tandem.lb.http;

import dev.tandem.lb.backend.Backend;
import io.netty.handler.codec.http.HttpRequest;

import java.util.HashSet;
import java.util.Set;

/**
 * One request/response on a client connection, from its decoded head to the end of its response.
 * Owned by the client connection's event loop; only {@link HttpProxyHandler} touches it.
 */
final class Exchange {

    enum State {
        /** Waiting for a backend connection; the head and any body parts wait in the handler. */
        CONNECTING,
        /** Request parts go to the backend, response parts come back. */
        FORWARDING,
        /** The proxy answered itself (status, 503); remaining request body parts are discarded. */
        LOCAL
    }

    final HttpRequest request;
    /** Hashed affinity key, or null: then the backend is the least loaded and the response sets a cookie. */
    final String key;
    final boolean upgrade;
    /** Backends that refused a connection for this request: the retry skips them. */
    final Set<Backend> tried = new HashSet<>();

    State state;
    /** The client wants the connection kept after this response. */
    boolean clientKeepAlive;
    /** Cookie value to set on the response (keyless requests only). */
    String cookieToSet;
    boolean requestDone;
    boolean responseStarted;
    boolean responseDone;
    /** A 1xx (not 101) was forwarded; its empty end must not end the exchange. */
    boolean interim;
    boolean backendKeepAlive;
    /** Close the client connection once this response is written. */
    boolean closeAfter;
    /** Sent on a kept-alive backend connection (which the backend may close at any moment). */
    boolean reusedLink;
    /** Idempotent and nothing but the head has been sent: safe to send again if the backend vanished. */
    boolean replayable;
    /**
     * {@code System.nanoTime()} of the exchange's last progress: its start, a body part taken from the client,
     * the backend connection opening, the request's end, any response part from the backend. The exchange
     * deadline in {@link HttpProxyHandler} measures silence from here.
     */
    long lastProgressNanos;

    Exchange(HttpRequest request, String key, boolean upgrade, boolean clientKeepAlive) {
        this.request = request;
        this.key = key;
        this.upgrade = upgrade;
        this.clientKeepAlive = clientKeepAlive;
        String method = request.method().name();
        this.replayable = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }
}
