package dev.tandem.lb.backend;

import io.netty.channel.Channel;

/**
 * One open WebSocket tunnel, as its backend keeps it: the client-side channel, the affinity key the upgrade
 * was routed by, and the backend it was routed to. Immutable; equal only to itself (each upgrade makes one).
 *
 * @param client  the client connection, a raw byte relay since the 101
 * @param key     the affinity key the upgrade request carried, or null for a keyless (least-loaded) tunnel
 * @param backend where the tunnel goes
 */
public record Tunnel(Channel client, String key, Backend backend) {

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "tunnel " + client.remoteAddress() + " -> " + backend.id() + (key == null ? " (keyless)" : " (key " + key + ")");
    }
}
