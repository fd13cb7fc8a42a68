package dev.tandem.lb.status;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Proxy-wide counters, updated from every event loop (hence atomics). */
public final class ProxyStats {
    private final AtomicInteger clientConnections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder requests = new LongAdder();

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
