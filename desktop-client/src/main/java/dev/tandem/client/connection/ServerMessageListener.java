package dev.tandem.client.connection;

import dev.tandem.model.ServerMessage;

/**
 * Something that wants to see every welcome and every message the server sends while signed in, after the
 * app's own view models have (presence, typing, notifications). Both methods do nothing unless overridden.
 *
 * <p>Threads: called on the UI thread, like {@link ConnectionListener}.
 */
public interface ServerMessageListener {

    /** A sign-in ({@code resumed} false) or a reconnect ({@code resumed} true) was welcomed. */
    default void welcomed(ServerMessage.Welcome welcome, boolean resumed) {
    }

    /** A message arrived while signed in (chat, rooms, read positions, presence, typing, todos, errors). */
    default void received(ServerMessage message) {
    }
}
