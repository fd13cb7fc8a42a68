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

    /**
     * Signs in again with the session saved on this machine for {@code user} at {@code server} (the app was
     * signed in when it last quit). Unreachable servers are retried with backoff, as after a lost link; if
     * there is no saved session, or the server refuses it, {@link ConnectionListener#sessionEnded} says so.
     */
    void restore(URI server, String user);

    /**
     * Sends a command. Chat messages and todo changes go to the outbox on disk first and are sent now or
     * after the next reconnect; only what cannot be sent at all comes back through
     * {@link ConnectionListener#sendFailed}.
     */
    void send(ClientMessage.Command command);

    /**
     * Sends a message that is not worth keeping ({@code typing}, {@code room.read}): at once if signed in and
     * within the rate limit, else dropped without a word. Nothing is journaled; nothing comes back for it.
     */
    void sendNow(ClientMessage message);

    /** While waiting to reconnect: try now instead of waiting for the timer. */
    void reconnectNow();

    /** Closes the connection and forgets the session (the saved one too). Unsent changes stay on disk. */
    void signOut();
}
