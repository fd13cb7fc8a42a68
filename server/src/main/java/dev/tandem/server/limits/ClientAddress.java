package dev.tandem.server.limits;

import java.util.List;

/**
 * The client address a connection's limits are keyed by. The TCP peer, unless the peer is a trusted proxy:
 * then the last address of {@code X-Forwarded-For}, the one that proxy appended (what stands before it came
 * from the client and could be anything). Stateless.
 */
public final class ClientAddress {
    private final List<String> trusted;

    public ClientAddress(List<String> trustedProxies) {
        this.trusted = List.copyOf(trustedProxies);
    }

    /** The client's address, given the TCP peer's and the request's {@code X-Forwarded-For} (or null). */
    public String of(String peer, String forwardedFor) {
        if (peer == null) {
            return "unknown";
        }
        if (forwardedFor == null || !trusted.contains(peer)) {
            return peer;
        }
        int comma = forwardedFor.lastIndexOf(',');
        String last = forwardedFor.substring(comma + 1).strip();
        return isAddress(last) ? last : peer;
    }

    /** An IPv4 or IPv6 literal, nothing else: the address ends up in Redis keys and logs. */
    static boolean isAddress(String text) {
        return !text.isEmpty() && text.length() <= 45 && text.matches("[0-9A-Fa-f:.]+");
    }
}
