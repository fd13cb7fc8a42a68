package dev.tandem.server.session;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.chat.ChatPublisher;
import dev.tandem.server.todo.TodoStore;
import dev.tandem.server.ws.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the requests of a signed-in connection: chat, todos, keep-alive.
 * <p>Threads: called on the connection's session thread; chat completions arrive on a Lettuce thread and
 * only send (which never blocks).
 */
public final class Requests {
    private static final Logger LOG = LoggerFactory.getLogger(Requests.class);

    private final TodoStore todos;
    private final ChatPublisher chat;

    public Requests(TodoStore todos, ChatPublisher chat) {
        this.todos = todos;
        this.chat = chat;
    }

    void handle(Connection connection, ClientMessage message) throws ProtocolException {
        String user = connection.user();
        if (message instanceof ClientMessage.ChatSend send) {
            post(connection, user, send);
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

    /**
     * A new message reaches the sender through the relay like everyone else; a resend of one already posted
     * is answered, to the sender only, with the original frame.
     */
    private void post(Connection connection, String user, ClientMessage.ChatSend send) {
        chat.publish(user, send.text().strip(), send.clientId()).whenComplete((posted, failure) -> {
            if (failure != null) {
                LOG.warn("user={} chat send failed: {}", user, failure.toString());
                connection.sendError(ErrorCode.UNAVAILABLE,
                        "chat is unavailable right now (Redis): resend with the same clientId, it is never posted twice",
                        send.clientId());
            } else if (posted.isResend()) {
                LOG.info("user={} connection={} resent chat {}: answered with the original", user, connection.id(),
                        send.clientId());
                connection.send(posted.original());
            }
        });
    }

    /** The client id of a request, for an error's {@code ref}; null for messages without one. */
    static String ref(ClientMessage message) {
        return message instanceof ClientMessage.Command command ? command.clientId() : null;
    }
}
