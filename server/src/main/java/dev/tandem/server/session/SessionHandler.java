package dev.tandem.server.session;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.server.limits.Guards;
import dev.tandem.server.metrics.ServerMetrics;
import dev.tandem.server.presence.PresenceTracker;
import dev.tandem.server.relay.RelayFeed;
import dev.tandem.server.todo.TodoStore;
import dev.tandem.server.ws.Connection;
import dev.tandem.server.ws.ConnectionHub;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint's logic: turns frames into protocol messages, checks the rate and the sign-in state,
 * and hands each message to {@link SignIn} or {@link Requests}. Jetty calls it through a {@link WsEndpoint} per
 * connection, made at the upgrade by {@link #endpoint}.
 * <p>Threads: Jetty calls the endpoint of one session one event at a time (on its pool threads), so a
 * connection's sign-in state needs no lock. Everything shared (boards, hub, Redis) is thread-safe.
 */
public final class SessionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private final SessionSettings settings;
    private final SignIn signIn;
    private final Requests requests;
    private final TodoStore todos;
    private final RelayFeed relay;
    private final ConnectionHub hub;
    private final PresenceTracker presence;
    private final ScheduledExecutorService timers;
    private final ServerMetrics metrics;
    private final Guards guards;
    private final Codec codec = Codec.get();

    public SessionHandler(SessionSettings settings, SignIn signIn, Requests requests, TodoStore todos, RelayFeed relay,
                          ConnectionHub hub, PresenceTracker presence, ScheduledExecutorService timers,
                          ServerMetrics metrics, Guards guards) {
        this.metrics = metrics;
        this.guards = guards;
        this.settings = settings;
        this.signIn = signIn;
        this.requests = requests;
        this.todos = todos;
        this.relay = relay;
        this.hub = hub;
        this.presence = presence;
        this.timers = timers;
        // Connections from which nothing came for the idle timeout are closed, checked six times per timeout
        // (so one is closed at most a sixth late); the timers thread runs it and dies with the server.
        long every = Math.max(50, settings.idleTimeout().toMillis() / 6);
        timers.scheduleWithFixedDelay(this::closeSilent, every, every, TimeUnit.MILLISECONDS);
    }

    /** Timers thread: closes (4002) the connections that sent nothing for the idle timeout. */
    private void closeSilent() {
        try {
            int closed = hub.closeSilent(settings.idleTimeout());
            for (int i = 0; i < closed; i++) {
                metrics.cut("idle");
            }
            if (closed > 0) {
                LOG.info("closed {} connections silent for {} s", closed, settings.idleTimeout().toSeconds());
            }
        } catch (RuntimeException e) {
            LOG.warn("idle sweep failed: {}", e.toString());
        }
    }

    /**
     * Jetty's request thread, at an upgrade that passed the checks: the endpoint of the connection it opens,
     * from {@code clientAddress}, upgraded from a URL with {@code queryString}. It keeps only those two, nothing
     * else of the HTTP request (Javalin's context kept it, with copies of its headers: 2 KiB a connection,
     * PERFORMANCE.md, 2026-12-04).
     */
    public Object endpoint(String clientAddress, String queryString) {
        return new WsEndpoint(this, clientAddress, queryString);
    }

    /** The connection of a session Jetty has just opened. */
    Connection opened(org.eclipse.jetty.websocket.api.Session session, String clientAddress, String queryString) {
        Connection connection = new Connection(session, UUID.randomUUID().toString(), queryString, hub,
                settings.maxPendingBytes(), settings.messagesPerSecond(), settings.messageBurst(), clientAddress);
        if (!hub.register(connection)) {
            connection.close(CloseCodes.GOING_AWAY, "server shutting down");
            return connection;
        }
        scheduleSignInDeadline(connection);
        return connection;
    }

    /** A binary frame: the protocol is JSON text. */
    void binary(Connection connection) {
        connection.heard(System.nanoTime());
        violation(connection, new ProtocolException(ErrorCode.BAD_JSON, "binary frames are not accepted; send JSON text frames"));
    }

    /**
     * Closes a connection that has not signed in when the deadline passes. One whose sign-in is being
     * checked right then (a queued password hash) gets another period instead of being cut off mid-check.
     */
    private void scheduleSignInDeadline(Connection connection) {
        timers.schedule(() -> {
            if (connection.user() != null || !connection.isOpen()) {
                return;
            }
            if (connection.isAuthenticating()) {
                scheduleSignInDeadline(connection);
            } else {
                connection.close(CloseCodes.SIGN_IN_TIMEOUT, "no sign-in within " + settings.signInTimeout().toSeconds() + " s");
            }
        }, settings.signInTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    void closed(Connection connection, int status, String reason) {
        hub.remove(connection);
        presence.closed(connection); // Whether or not it was signed in: presence knows the windows it counted.
        if (connection.user() != null) {
            relay.windowClosed(connection.user(), connection);
            todos.detach(connection.user(), connection);
            LOG.info("user={} connection={} closed ({} {})", connection.user(), connection.id(), status, reason);
        }
    }

    void message(Connection connection, String text) {
        long now = System.nanoTime();
        connection.heard(now);
        // Every frame takes a token, whatever it holds: refused frames must not be a way around the limit.
        boolean withinRate = connection.withinRate(now);
        ClientMessage message;
        try {
            message = codec.decodeClient(text);
        } catch (ProtocolException e) {
            metrics.refused(withinRate ? e.code().wire() : ErrorCode.RATE_LIMITED.wire());
            if (!withinRate) {
                rateLimited(connection, e.ref());
            } else if (e.code().isViolation() || e.code() == ErrorCode.INVALID) {
                // An invalid field is no accident either: a client that respects the limits never sends one.
                violation(connection, e);
            } else {
                connection.send(e.toMessage());
            }
            return;
        }
        metrics.frameIn(message);
        if (!withinRate) {
            metrics.refused(ErrorCode.RATE_LIMITED.wire());
            rateLimited(connection, Requests.ref(message));
            return;
        }
        if (!withinSharedLimits(connection, message)) {
            return;
        }
        try {
            if (connection.user() == null) {
                if (message instanceof ClientMessage.Authenticate auth) {
                    connection.authenticating(true);
                    try {
                        signIn.authenticate(connection, auth);
                    } finally {
                        connection.authenticating(false);
                    }
                } else {
                    violation(connection, new ProtocolException(ErrorCode.NOT_AUTHENTICATED,
                            "sign in first: the first message must be sign_in or resume", Requests.ref(message)));
                }
                return;
            }
            requests.handle(connection, message);
        } catch (ProtocolException e) {
            metrics.refused(e.code().wire());
            connection.send(e.toMessage());
        } catch (RuntimeException e) {
            metrics.refused(ErrorCode.INTERNAL.wire());
            LOG.error("user={} connection={} failed on {}", connection.user(), connection.id(),
                    message.getClass().getSimpleName(), e);
            connection.sendError(ErrorCode.INTERNAL, "the server failed on this request", Requests.ref(message));
        }
    }

    private void rateLimited(Connection connection, String ref) {
        guards.refusals().note("rate_limited (connection)", "connection=" + connection.id() + " address=" + connection.clientAddress());
        connection.sendRateLimited("more than " + settings.messagesPerSecond()
                + " messages a second on this connection; this one was dropped", ref,
                Math.max(1, 1000 / Math.max(1, settings.messagesPerSecond())));
    }

    /**
     * The limits per user (over all their connections on every server) and per client address, kept in Redis.
     * A chat message is checked by the chat script itself (no extra round trip); a room creation has a
     * budget of its own on top.
     */
    private boolean withinSharedLimits(Connection connection, ClientMessage message) {
        String user = connection.user();
        if (user != null && message instanceof ClientMessage.ChatSend) {
            return true;
        }
        long wait = guards.limiter().frame(user, connection.clientAddress());
        String what = user == null ? "from your address" : "from you (all your windows together) or your address";
        if (wait == 0 && user != null && message instanceof ClientMessage.RoomCreate) {
            wait = guards.limiter().roomCreation(user);
            what = "room creations by you";
        }
        if (wait == 0) {
            return true;
        }
        metrics.refused(ErrorCode.RATE_LIMITED.wire());
        guards.refusals().note("rate_limited (shared)", "user=" + user + " address=" + connection.clientAddress());
        connection.sendRateLimited("too many requests " + what + "; this one was dropped, retry in " + wait + " ms",
                Requests.ref(message), wait);
        return false;
    }

    private void violation(Connection connection, ProtocolException e) {
        connection.send(e.toMessage());
        if (connection.violation() >= Limits.MAX_VIOLATIONS) {
            guards.refusals().note("closed after " + Limits.MAX_VIOLATIONS + " protocol violations",
                    "user=" + connection.user() + " connection=" + connection.id() + " address=" + connection.clientAddress());
            metrics.cut("violations");
            connection.close(CloseCodes.POLICY_VIOLATION, "too many protocol violations");
        }
    }
}
