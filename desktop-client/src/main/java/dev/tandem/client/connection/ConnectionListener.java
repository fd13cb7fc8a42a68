package dev.tandem.client.connection;

import dev.tandem.model.ServerMessage;

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

    /** A password sign-in failed; the service is offline again. */
    void signInFailed(SignInFailure failure);

    /** A command could not be sent (offline, too large); {@code clientId} names it. */
    void sendFailed(String clientId, String reason);

    /** The live connection was lost: anything not yet confirmed by the server will not be. */
    void connectionLost();

    /** The session ended and will not come back by itself (token rejected, or signed out). */
    void sessionEnded(SignInFailure reason);
}
