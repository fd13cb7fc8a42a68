package dev.tandem.lb;

import java.util.Locale;

/**
 * The proxy could not listen on its address (the port is taken, not allowed, or the address is not this
 * machine's). {@link LoadBalancer#start} throws it after releasing everything it had started, so the
 * process can exit at once; {@link Main} turns it into one line on stderr and exit status 1.
 */
public final class ListenException extends RuntimeException {
    private final String host;
    private final int port;
    private final String reason;

    ListenException(String host, int port, Throwable cause) {
        super("cannot listen on " + host + ":" + port + ": " + reasonOf(cause), cause);
        this.host = host;
        this.port = port;
        this.reason = reasonOf(cause);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** True when another socket holds the port (EADDRINUSE), as opposed to a bad or foreign address. */
    public boolean addressInUse() {
        return reason.toLowerCase(Locale.ROOT).contains("in use");
    }

    /**
     * The operating system's words without Netty's prefix: NIO says {@code Address already in use}, epoll
     * {@code bind(..) failed with error(-98): Address already in use}.
     */
    private static String reasonOf(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int colon = message.lastIndexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }
}
