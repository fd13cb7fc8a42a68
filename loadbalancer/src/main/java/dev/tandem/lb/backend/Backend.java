package dev.tandem.lb.backend;

import dev.tandem.lb.config.BackendSpec;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The proxy's live view of one backend.
 * <p>
 * Threads: read from every event loop, so every field is either final, volatile or atomic:
 * <ul>
 *   <li>{@code healthy} is written by the health checker (on its event loop, plus an immediate "down" from a
 *       passive report on the reporting loop) and read by every router; {@code tunnelsOnGrace} is written by
 *       the health checker on its loop and read by status reports;</li>
 *   <li>the counters are touched by whichever event loop owns the connection being opened or closed;</li>
 *   <li>{@code tunnels} is a concurrent set of this backend's open WebSocket {@link Tunnel}s (client channel
 *       and affinity key): added by the event loop that spliced the tunnel, removed when its client channel
 *       closes (on that loop) or by whoever {@link #releaseTunnel releases} it first; the health checker
 *       closes them all when the backend goes down, and the handback reads them from the health checker's
 *       loop when another backend comes back;</li>
 *   <li>{@code handedBack} and {@code handbackPending} count the tunnels elsewhere closed so that their
 *       clients return here: {@code handbackPending} goes up on the health checker's loop when a handback
 *       starts and down on each tunnel's loop as its turn comes.</li>
 * </ul>
 */
public final class Backend {
    private final BackendSpec spec;
    private final InetSocketAddress address;
    private volatile boolean healthy = true;
    private volatile boolean tunnelsOnGrace;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final Set<Tunnel> tunnels = ConcurrentHashMap.newKeySet();
    private final LongAdder handedBack = new LongAdder();
    private final AtomicInteger handbackPending = new AtomicInteger();

    public Backend(BackendSpec spec) {
        this.spec = spec;
        // Resolved once at start: backends are fixed for the proxy's lifetime.
        this.address = new InetSocketAddress(spec.host(), spec.port());
    }

    public String id() {
        return spec.id();
    }

    public BackendSpec spec() {
        return spec;
    }

    public InetSocketAddress address() {
        return address;
    }

    public boolean isHealthy() {
        return healthy;
    }

    /** Only the health checker calls this (see {@code HealthChecker} for the threads). */
    public void setHealthy(boolean healthy) {
        this.healthy = healthy;
    }

    /** True while the backend is down on check timeouts only and its tunnels wait out the grace. */
    public boolean tunnelsOnGrace() {
        return tunnelsOnGrace;
    }

    /** Only the health checker calls this, on its event loop. */
    public void setTunnelsOnGrace(boolean onGrace) {
        this.tunnelsOnGrace = onGrace;
    }

    public int openConnections() {
        return openConnections.get();
    }

    public int tunnels() {
        return tunnels.size();
    }

    /** The tunnels open right now: a live, weakly consistent view (iterating it never throws). */
    public Collection<Tunnel> openTunnels() {
        return Collections.unmodifiableSet(tunnels);
    }

    public long requests() {
        return requests.sum();
    }

    /** Counts a proxy-to-backend connection until it closes. */
    public void trackConnection(Channel backendChannel) {
        openConnections.incrementAndGet();
        backendChannel.closeFuture().addListener(f -> openConnections.decrementAndGet());
    }

    public void countRequest() {
        requests.increment();
    }

    /**
     * Registers a WebSocket tunnel by its client-side channel and the affinity key it was routed by (null when
     * keyless), until that channel closes.
     */
    public Tunnel trackTunnel(Channel clientChannel, String key) {
        Tunnel tunnel = new Tunnel(clientChannel, key, this);
        tunnels.add(tunnel);
        clientChannel.closeFuture().addListener(f -> tunnels.remove(tunnel));
        return tunnel;
    }

    /**
     * Takes a tunnel off this backend's list ahead of closing it. True for exactly one caller: the one that
     * may close it and count that (false when it is closed already, or someone else released it).
     */
    public boolean releaseTunnel(Tunnel tunnel) {
        return tunnels.remove(tunnel);
    }

    /** Closes every tunnel to this backend, so their clients reconnect and land on a live server. */
    public void closeTunnels() {
        for (Tunnel t : tunnels) {
            t.client().close();
        }
    }

    /** Health checks of this backend since start, and how many failed; the time they took, in all. */
    private final LongAdder healthChecks = new LongAdder();
    private final LongAdder failedHealthChecks = new LongAdder();
    private final LongAdder healthCheckNanos = new LongAdder();

    /** The health checker's loop: one check ended, after {@code nanos}, passed or not. */
    public void healthChecked(long nanos, boolean passed) {
        healthChecks.increment();
        healthCheckNanos.add(nanos);
        if (!passed) {
            failedHealthChecks.increment();
        }
    }

    public long healthChecks() {
        return healthChecks.sum();
    }

    public long failedHealthChecks() {
        return failedHealthChecks.sum();
    }

    public double healthCheckSeconds() {
        return healthCheckNanos.sum() / 1e9;
    }

    /** Tunnels on other backends closed so that their clients come back here, since start. */
    public long handedBack() {
        return handedBack.sum();
    }

    /** Tunnels on other backends waiting for their turn in a handback to this backend. */
    public int handbackPending() {
        return handbackPending.get();
    }

    /** A handback to this backend has {@code count} more tunnels to close. */
    public void handbackScheduled(int count) {
        handbackPending.addAndGet(count);
    }

    /** One tunnel's turn in a handback came: it was closed ({@code closed}) or skipped. */
    public void handbackDone(boolean closed) {
        if (closed) {
            handedBack.increment();
        }
        handbackPending.decrementAndGet();
    }

    @Override
    public String toString() {
        return spec.id() + "(" + spec.url() + ")";
    }
}
