package dev.tandem.client.connection;

import java.net.URI;

/** Opens WebSocket links. {@link TyrusTransport} is the real one. */
public interface Transport {

    /**
     * Starts opening a WebSocket to {@code uri} and returns at once. Later, on any thread, the listener hears
     * {@link LinkListener#opened} followed by frames and one {@link LinkListener#closed}, or only
     * {@link LinkListener#failed} if the link never opened.
     */
    Link open(URI uri, LinkListener listener);

    /** Releases the transport's threads and connections. */
    default void shutdown() {
    }
}
