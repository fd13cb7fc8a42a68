package dev.tandem.client.connection;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ServerMessage;
import java.time.Duration;
import java.util.List;

/**
 * What the {@link ConnectionService} tells the application. Every callback runs on the UI executor the
 * service was given (the JavaFX thread in the app, the calling thread in unit tests), never on a network
 * thread, so implementations may touch JavaFX state directly.
 */
public interface ConnectionListener {

    /** The status changed (never called twice in a row with an equal status). */
    void statusChanged(ConnectionStatus status);

    /**
     * The server accepted the sign-in or the resume.
     *
     * @param resumed false for a password sign-in, true after a reconnect with the resume token
     */
    void welcomed(ServerMessage.Welcome welcome, boolean resumed);

    /** A chat message, todo change, todo list or error arrived while signed in. */
    void received(ServerMessage message);

    /**
     * The outbox of {@code user} on this machine held unsent changes from an earlier run (or another window
     * that is gone): they will be sent, in this order, once connected. Called before the welcome.
     */
    void outboxRestored(String user, List<ClientMessage.Command> pending);

    /** A password sign-in failed; the service is offline again. */
    void signInFailed(SignInFailure failure);

    /**
     * A command cannot be sent: not signed in, too large, or (a todo change) it names a todo whose add was
     * refused. Commands made while merely disconnected are not failed: they wait in the outbox.
     */
    void sendFailed(String clientId, String reason);

    /**
     * A command in the outbox was refused with "not now" ({@code code}: {@code rate_limited}, {@code unavailable}
     * or {@code internal}): it stays, and goes again with the same client id once {@code wait} has passed
     * (the server's {@code retryAfterMs} for {@code rate_limited}); {@link #sendResumed} says when it went.
     */
    default void sendHeld(String clientId, Duration wait, String code) {
    }

    /** A command held by {@link #sendHeld} has just been sent again. */
    default void sendResumed(String clientId) {
    }

    /** The live connection was lost; what the server has not answered is sent again after the reconnect. */
    void connectionLost();

    /** The session ended and will not come back by itself (token rejected, or signed out). */
    void sessionEnded(SignInFailure reason);
}
