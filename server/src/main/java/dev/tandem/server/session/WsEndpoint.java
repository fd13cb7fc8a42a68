package dev.tandem.server.session;

import dev.tandem.server.ws.Connection;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's endpoint on Jetty's own WebSocket API: passes each event to {@link SessionHandler}. It is
 * made at the upgrade with the two facts Tandem reads from the HTTP request (the client address and the query
 * string) and holds nothing else of it.
 * <p>Jetty delivers whole text messages (up to the transport limit; past it, close 1009) and asks for the next
 * frame once a call returns ({@code AutoDemanding}).
 * <p>Public only because Jetty binds its methods by reflection from outside the package.
 * <p>Threads: Jetty calls one endpoint one event at a time, on its pool threads; {@code connection} is set by
 * the open, before any other event.
 */
public final class WsEndpoint implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);

    private final SessionHandler sessions;
    private final String clientAddress;
    private final String queryString;
    private Connection connection;

    WsEndpoint(SessionHandler sessions, String clientAddress, String queryString) {
        this.sessions = sessions;
        this.clientAddress = clientAddress;
        this.queryString = queryString;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        connection = sessions.opened(session, clientAddress, queryString);
    }

    @Override
    public void onWebSocketText(String message) {
        sessions.message(connection, message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed(); // Nothing of it is kept: the buffer may go back to Jetty's pool.
        sessions.binary(connection);
    }

    @Override
    public void onWebSocketClose(int status, String reason) {
        if (connection != null) {
            sessions.closed(connection, status, reason);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("connection={} error: {}", connection == null ? "(not open)" : connection.id(), String.valueOf(cause));
    }
}
