package dev.tandem.client.connection;

import dev.tandem.model.ClientMessage;
import java.net.URI;

/**
 * The commands view models give the connection. Implemented by {@link ConnectionService}; every method
 * returns at once and may be called from any thread.
 */
public interface Connection {

    /**
     * Opens a connection to {@code server} (a ws:// or wss:// URL) and signs in with a password.
     *
     * @param createAccount true for "Create account" (the name must be unused, or already this user's with
     *                      this password), false for "Sign in" (the account must exist)
     */
    void signIn(URI server, String user, String password, boolean createAccount);

    /** Sends a command; a failure comes back through {@link ConnectionListener#sendFailed}. */
    void send(ClientMessage.Command command);

    /** While waiting to reconnect: try now instead of waiting for the timer. */
    void reconnectNow();

    /** Closes the connection and forgets the session. */
    void signOut();
}
