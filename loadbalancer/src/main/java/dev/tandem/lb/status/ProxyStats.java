package dev.tandem.lb.status;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Proxy-wide counters, updated from every event loop (hence atomics). */
public final class ProxyStats {
    private final AtomicInteger clientConnections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    /** Error responses the proxy itself sent, by status; index into {@link #ERROR_STATUSES}, the last: any other. */
    private final LongAdder[] errors = new LongAdder[ERROR_STATUSES.length + 1];

    /** The statuses the proxy answers with itself (bad heads, timeouts, no backend, a backend that failed). */
    public static final int[] ERROR_STATUSES = {400, 404, 405, 408, 413, 414, 426, 431, 502, 503, 504};

    public ProxyStats() {
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
    }

    /** The proxy answered a request with {@code status} itself (not a backend's answer). */
    public void errorResponse(int status) {
        int i = 0;
        while (i < ERROR_STATUSES.length && ERROR_STATUSES[i] != status) {
            i++;
        }
        errors[i].increment();
    }

    /** Error responses sent with {@code ERROR_STATUSES[index]}, or with any other status for the last index. */
    public long errorResponses(int index) {
        return errors[index].sum();
    }

    public void clientConnected() {
        clientConnections.incrementAndGet();
    }

    public void clientDisconnected() {
        clientConnections.decrementAndGet();
    }

    public void requestStarted() {
        requests.increment();
        inFlight.incrementAndGet();
    }

    public void requestEnded() {
        inFlight.decrementAndGet();
    }

    public int clientConnections() {
        return clientConnections.get();
    }

    /** Requests whose response has not been completed yet (a WebSocket counts until its 101). */
    public int inFlight() {
        return inFlight.get();
    }

    public long requests() {
        return requests.sum();
    }
}
