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
     * Sends a command. Chat messages, their edits and deletions, and todo changes go to the outbox on disk
     * first and are sent now or after the next reconnect. Requests about rooms (create, join, leave, list,
     * members, DM open, history) only make sense now: they go at once if connected, and otherwise come back
     * through {@link ConnectionListener#sendFailed} with {@link #OFFLINE}. Only what cannot be sent at all
     * comes back that way.
     */
    void send(ClientMessage.Command command);

    /** What {@link ConnectionListener#sendFailed} says of a request that goes only while connected. */
    String OFFLINE = "offline: try again when connected";

    /**
     * The room the window shows: the next sign-in or resume names it, so the welcome brings its recent
     * history. General until told otherwise.
     */
    void roomOnScreen(String room);

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
