package dev.tandem.lb.backend;

import dev.tandem.lb.config.BackendSpec;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The proxy's live view of one backend. Read from every event loop, so every field is either final,
 * volatile or atomic:
 * <ul>
 *   <li>{@code healthy} is written by the health checker (on its event loop, plus an immediate "down" from a
 *       passive report on the reporting loop) and read by every router; {@code tunnelsOnGrace} is written by
 *       the health checker on its loop and read by status reports;</li>
 *   <li>the counters are touched by whichever event loop owns the connection being opened or closed;</li>
 *   <li>{@code tunnels} is a thread-safe {@link ChannelGroup} of the client-side channels of this backend's
 *       WebSocket tunnels, so the health checker can close them all when the backend goes down.</li>
 * </ul>
 */
public final class Backend {
    private final BackendSpec spec;
    private final InetSocketAddress address;
    private volatile boolean healthy = true;
    private volatile boolean tunnelsOnGrace;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger tunnelCount = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final ChannelGroup tunnels;

    public Backend(BackendSpec spec) {
        this.spec = spec;
        // Resolved once at start: backends are fixed for the proxy's lifetime.
        this.address = new InetSocketAddress(spec.host(), spec.port());
        this.tunnels = new DefaultChannelGroup("tunnels-" + spec.id(), GlobalEventExecutor.INSTANCE);
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
        return tunnelCount.get();
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

    /** Registers a WebSocket tunnel by its client-side channel, until that channel closes. */
    public void trackTunnel(Channel clientChannel) {
        tunnelCount.incrementAndGet();
        tunnels.add(clientChannel);
        clientChannel.closeFuture().addListener(f -> tunnelCount.decrementAndGet());
    }

    /** Closes every tunnel to this backend, so their clients reconnect and land on a live server. */
    public void closeTunnels() {
        tunnels.close();
    }

    @Override
    public String toString() {
        return spec.id() + "(" + spec.url() + ")";
    }
}
