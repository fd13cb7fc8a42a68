package dev.tandem.server.session;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.todo.TodoStore;
import dev.tandem.server.ws.Connection;

/**
 * Carries out the requests of a signed-in connection: rooms and chat ({@link RoomRequests}), todos,
 * keep-alive.
 * <p>Threads: called on the connection's session thread.
 */
public final class Requests {
    private final TodoStore todos;
    private final RoomRequests rooms;

    public Requests(TodoStore todos, RoomRequests rooms) {
        this.todos = todos;
        this.rooms = rooms;
    }

    void handle(Connection connection, ClientMessage message) throws ProtocolException {
        String user = connection.user();
        if (RoomRequests.handles(message)) {
            rooms.handle(connection, message);
        } else if (message instanceof ClientMessage.TodoCommand command) {
            todos.apply(user, connection, command);
        } else if (message instanceof ClientMessage.TodoSync sync) {
            todos.sync(user, connection, sync.clientId());
        } else if (message instanceof ClientMessage.Ping ping) {
            connection.send(new ServerMessage.Pong(ping.nonce()));
        } else if (message instanceof ClientMessage.Authenticate) {
            throw new ProtocolException(ErrorCode.ALREADY_AUTHENTICATED, "already signed in as " + user);
        }
    }

    /** The client id of a request, for an error's {@code ref}; null for messages without one. */
    static String ref(ClientMessage message) {
        return message instanceof ClientMessage.Command command ? command.clientId() : null;
    }
}
