package dev.tandem.client.connection;

/** What the connection is doing, as the status line shows it. Records compare by value, so repeats are dropped. */
public sealed interface ConnectionStatus {

    /** Not signed in, or given up: no connection and none being attempted. */
    record Offline() implements ConnectionStatus {
    }

    /** The first connection of a sign-in is being opened. */
    record Connecting(String server) implements ConnectionStatus {
    }

    /** Signed in and live on the named app server. */
    record Connected(String serverId) implements ConnectionStatus {
    }

    /**
     * Signed in on the named server, but it has not answered a request for a few seconds (frozen, or the
     * network is gone without saying so). Either it answers again, or the link is dropped and reconnected.
     */
    record NotResponding(String serverId) implements ConnectionStatus {
    }

    /**
     * The connection was lost. {@code secondsLeft} counts down to the next attempt; 0 means an attempt is
     * under way. {@code attempt} is 1 for the first retry after a loss.
     */
    record Reconnecting(long secondsLeft, int attempt) implements ConnectionStatus {
    }
}
