package dev.tandem.server.session;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.server.metrics.ServerMetrics;
import dev.tandem.server.presence.PresenceTracker;
import dev.tandem.server.relay.RelayFeed;
import dev.tandem.server.todo.TodoStore;
import dev.tandem.server.ws.Connection;
import dev.tandem.server.ws.ConnectionHub;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint: turns frames into protocol messages, checks the rate and the sign-in state, and
 * hands each message to {@link SignIn} or {@link Requests}.
 * <p>Threads: Jetty calls the handlers of one session one at a time (on its pool threads), so a
 * connection's sign-in state needs no lock. Everything shared (boards, hub, Redis) is thread-safe.
 */
public final class SessionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);
    private static final String CONNECTION = "tandem.connection";

    private final SessionSettings settings;
    private final SignIn signIn;
    private final Requests requests;
    private final TodoStore todos;
    private final RelayFeed relay;
    private final ConnectionHub hub;
    private final PresenceTracker presence;
    private final ScheduledExecutorService timers;
    private final ServerMetrics metrics;
    private final Codec codec = Codec.get();

    public SessionHandler(SessionSettings settings, SignIn signIn, Requests requests, TodoStore todos, RelayFeed relay,
                          ConnectionHub hub, PresenceTracker presence, ScheduledExecutorService timers,
                          ServerMetrics metrics) {
        this.metrics = metrics;
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

    /** Wires the handlers into Javalin's WebSocket route. */
    public void configure(WsConfig ws) {
        ws.onConnect(this::onConnect);
        ws.onMessage(this::onMessage);
        ws.onBinaryMessage(ctx -> {
            connection(ctx).heard(System.nanoTime());
            violation(connection(ctx),
                    new ProtocolException(ErrorCode.BAD_JSON, "binary frames are not accepted; send JSON text frames"));
        });
        ws.onClose(this::onClose);
        ws.onError(ctx -> LOG.debug("connection={} error: {}", ctx.sessionId(), String.valueOf(ctx.error())));
    }

    private void onConnect(WsConnectContext ctx) {
        Connection connection = new Connection(ctx, hub, settings.maxPendingBytes(), settings.messagesPerSecond(),
                settings.messageBurst());
        ctx.attribute(CONNECTION, connection);
        if (!hub.register(connection)) {
            connection.close(CloseCodes.GOING_AWAY, "server shutting down");
            return;
        }
        scheduleSignInDeadline(connection);
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

    private void onClose(WsCloseContext ctx) {
        Connection connection = connection(ctx);
        if (connection == null) {
            return;
        }
        hub.remove(connection);
        presence.closed(connection); // Whether or not it was signed in: presence knows the windows it counted.
        if (connection.user() != null) {
            relay.windowClosed(connection.user(), connection);
            todos.detach(connection.user(), connection);
            LOG.info("user={} connection={} closed ({} {})", connection.user(), connection.id(), ctx.status(), ctx.reason());
        }
    }

    private void onMessage(WsMessageContext ctx) {
        Connection connection = connection(ctx);
        long now = System.nanoTime();
        connection.heard(now);
        // Every frame takes a token, whatever it holds: refused frames must not be a way around the limit.
        boolean withinRate = connection.withinRate(now);
        ClientMessage message;
        try {
            message = codec.decodeClient(ctx.message());
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
        connection.sendError(ErrorCode.RATE_LIMITED, "more than " + settings.messagesPerSecond()
                + " messages a second; this one was dropped", ref);
    }

    private void violation(Connection connection, ProtocolException e) {
        connection.send(e.toMessage());
        if (connection.violation() >= Limits.MAX_VIOLATIONS) {
            LOG.info("user={} connection={} closed after {} protocol violations", connection.user(), connection.id(),
                    Limits.MAX_VIOLATIONS);
            metrics.cut("violations");
            connection.close(CloseCodes.POLICY_VIOLATION, "too many protocol violations");
        }
    }

    private static Connection connection(WsContext ctx) {
        return ctx.attribute(CONNECTION);
    }
}
