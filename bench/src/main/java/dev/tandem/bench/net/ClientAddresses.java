package dev.tandem.bench.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Which local address a client's connection comes from, so that the servers' limits per client address
 * (issue 16: resumes, sign-ins, frames) see the bench's clients as the many machines real users are on,
 * instead of one machine at 127.0.0.1 opening thousands of connections.
 * <p>
 * Only for a target on loopback: the whole of 127.0.0.0/8 is the loopback interface on Linux, so a client
 * can bind to 127.1.x.y and the server (directly, or behind a proxy that passes it on in X-Forwarded-For)
 * sees that address. 127.0.0.1 itself is never used: the servers trust it as their proxy. Each source
 * address also has its own ephemeral ports, so more than ~28,000 connections fit. A remote target gets the
 * operating system's choice.
 * <p>Threads: immutable.
 */
public final class ClientAddresses {
    /** 127.1.0.1 … 127.254.255.254: far more than any run opens. */
    private static final int SPAN = 254 * 256 * 254;

    private final int count;

    /** Client i from address {@code i mod count}; 0: every client from its own address. */
    public ClientAddresses(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("--client-addresses must be 0 or more, got " + count);
        }
        this.count = count == 0 ? SPAN : Math.min(count, SPAN);
    }

    /** Where client {@code client} connects from when the target is {@code host}; null: the OS decides. */
    public InetSocketAddress source(int client, String host) {
        if (!isLoopback(host)) {
            return null;
        }
        int n = Math.floorMod(client, count);
        int last = 1 + n % 254;
        int middle = (n / 254) % 256;
        int second = 1 + n / (254 * 256);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, (byte) second, (byte) middle,
                    (byte) last}), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.");
    }
}
