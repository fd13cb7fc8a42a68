package dev.tandem.server.ws;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.Protocol;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ResumeTokens;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.auth.Accounts;
import dev.tandem.server.chat.ChatFeed;
import dev.tandem.server.chat.ChatPublisher;
import dev.tandem.server.todo.TodoBoard;
import dev.tandem.server.todo.TodoStore;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint: turns frames into protocol messages and protocol messages into actions.
 * <p>Threads: Jetty calls the handlers of one session one at a time (on its pool threads), so a
 * connection's sign-in state needs no lock. Everything shared (boards, hub, Redis) is thread-safe.
 */
public final class SessionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);
    private static final String CONNECTION = "tandem.connection";
    private static final int MAX_FAILED_SIGN_INS = 5;

    private final ServerConfig config;
    private final Accounts accounts;
    private final ResumeTokens tokens;
    private final TodoStore todos;
    private final ChatFeed chatFeed;
    private final ChatPublisher chat;
    private final ConnectionHub hub;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final Codec codec = Codec.get();

    public SessionHandler(ServerConfig config, Accounts accounts, ResumeTokens tokens, TodoStore todos,
                          ChatFeed chatFeed, ChatPublisher chat, ConnectionHub hub,
                          ScheduledExecutorService timers, Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.tokens = tokens;
        this.todos = todos;
        this.chatFeed = chatFeed;
        this.chat = chat;
        this.hub = hub;
        this.timers = timers;
        this.clock = clock;
    }

    /** Wires the handlers into Javalin's WebSocket route. */
    public void configure(WsConfig ws) {
        ws.onConnect(this::onConnect);
        ws.onMessage(this::onMessage);
        ws.onBinaryMessage(ctx -> violation(connection(ctx),
                new ProtocolException(ErrorCode.BAD_JSON, "binary frames are not accepted; send JSON text frames")));
        ws.onClose(this::onClose);
        ws.onError(ctx -> LOG.debug("connection={} error: {}", ctx.sessionId(), String.valueOf(ctx.error())));
    }

    private void onConnect(WsConnectContext ctx) {
        Connection connection = new Connection(ctx, config.maxPendingFrames(),
                new RateLimiter(config.messagesPerSecond(), config.messageBurst(), System.nanoTime()));
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
                connection.close(CloseCodes.SIGN_IN_TIMEOUT, "no sign-in within " + config.signInTimeout().toSeconds() + " s");
            }
        }, config.signInTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onClose(WsCloseContext ctx) {
        Connection connection = connection(ctx);
        if (connection == null) {
            return;
        }
        hub.remove(connection);
        if (connection.user() != null) {
            todos.board(connection.user()).detach(connection);
            LOG.info("user={} connection={} closed ({} {})", connection.user(), connection.id(), ctx.status(), ctx.reason());
        }
    }

    private void onMessage(WsMessageContext ctx) {
        Connection connection = connection(ctx);
        ClientMessage message;
        try {
            message = codec.decodeClient(ctx.message());
        } catch (ProtocolException e) {
            if (e.code().isViolation()) {
                violation(connection, e);
            } else {
                connection.send(e.toMessage());
            }
            return;
        }
        if (!connection.limiter.tryAcquire(System.nanoTime())) {
            connection.sendError(ErrorCode.RATE_LIMITED, "more than " + config.messagesPerSecond()
                    + " messages a second; this one was dropped", ref(message));
            return;
        }
        try {
            if (connection.user() == null) {
                if (message instanceof ClientMessage.Authenticate auth) {
                    connection.authenticating(true);
                    try {
                        authenticate(connection, auth);
                    } finally {
                        connection.authenticating(false);
                    }
                } else {
                    violation(connection, new ProtocolException(ErrorCode.NOT_AUTHENTICATED,
                            "sign in first: the first message must be sign_in or resume", ref(message)));
                }
                return;
            }
            handle(connection, message);
        } catch (ProtocolException e) {
            connection.send(e.toMessage());
        } catch (RuntimeException e) {
            LOG.error("user={} connection={} failed on {}", connection.user(), connection.id(),
                    message.getClass().getSimpleName(), e);
            connection.sendError(ErrorCode.INTERNAL, "the server failed on this request", ref(message));
        }
    }

    private void handle(Connection connection, ClientMessage message) throws ProtocolException {
        String user = connection.user();
        if (message instanceof ClientMessage.ChatSend send) {
            chat.publish(user, send.text().strip(), send.clientId()).whenComplete((id, failure) -> {
                if (failure != null) {
                    LOG.warn("user={} chat send failed: {}", user, failure.toString());
                    connection.sendError(ErrorCode.UNAVAILABLE,
                            "chat is unavailable right now (Redis); the message was not sent", send.clientId());
                }
            });
        } else if (message instanceof ClientMessage.TodoCommand command) {
            todos.board(user).apply(command);
        } else if (message instanceof ClientMessage.TodoSync sync) {
            connection.send(new ServerMessage.TodoSnapshot(sync.clientId(), todos.board(user).snapshot()));
        } else if (message instanceof ClientMessage.Ping ping) {
            connection.send(new ServerMessage.Pong(ping.nonce()));
        } else if (message instanceof ClientMessage.Authenticate) {
            throw new ProtocolException(ErrorCode.ALREADY_AUTHENTICATED, "already signed in as " + user);
        }
    }

    private void authenticate(Connection connection, ClientMessage.Authenticate auth) {
        Optional<SignedIn> signedIn = auth instanceof ClientMessage.SignIn signIn
                ? passwordSignIn(connection, signIn)
                : tokenSignIn(connection, (ClientMessage.Resume) auth);
        signedIn.ifPresent(result -> admit(connection, result));
    }

    private record SignedIn(String user, boolean registered) {
    }

    private Optional<SignedIn> passwordSignIn(Connection connection, ClientMessage.SignIn signIn) {
        if (!matchesAffinity(connection, signIn.user())) {
            return Optional.empty();
        }
        Accounts.Outcome outcome;
        try {
            outcome = accounts.signIn(signIn.user(), signIn.password());
        } catch (RuntimeException e) {
            if (Accounts.isBusy(e)) {
                LOG.warn("user={} sign-in refused: {}", signIn.user(), e.getMessage());
                connection.sendError(ErrorCode.UNAVAILABLE,
                        "the server is busy signing other people in; try again in a few seconds", null);
                return Optional.empty();
            }
            LOG.warn("user={} sign-in failed: Redis unavailable ({})", signIn.user(), e.toString());
            connection.sendError(ErrorCode.UNAVAILABLE, "accounts are unavailable right now; try again", null);
            return Optional.empty();
        }
        if (outcome == Accounts.Outcome.WRONG_PASSWORD) {
            LOG.info("user={} connection={} wrong password", signIn.user(), connection.id());
            connection.sendError(ErrorCode.WRONG_PASSWORD,
                    "wrong password for " + signIn.user() + " (or the name is taken by someone else)", null);
            if (connection.failedSignIn() >= MAX_FAILED_SIGN_INS) {
                connection.close(CloseCodes.POLICY_VIOLATION, "too many failed sign-ins");
            }
            return Optional.empty();
        }
        return Optional.of(new SignedIn(signIn.user(), outcome == Accounts.Outcome.REGISTERED));
    }

    private Optional<SignedIn> tokenSignIn(Connection connection, ClientMessage.Resume resume) {
        Optional<String> user = tokens.verify(resume.token(), clock.instant());
        if (user.isEmpty()) {
            connection.sendError(ErrorCode.BAD_TOKEN, "the resume token is invalid or expired; sign in again", null);
            connection.close(CloseCodes.AUTH_FAILED, "bad resume token");
            return Optional.empty();
        }
        return matchesAffinity(connection, user.get()) ? Optional.of(new SignedIn(user.get(), false)) : Optional.empty();
    }

    /** The user in the URL (the proxy's affinity key) must be the user signing in, or todos would split. */
    private boolean matchesAffinity(Connection connection, String user) {
        String affinity = connection.affinityUser();
        if (affinity != null && !affinity.equals(user)) {
            connection.sendError(ErrorCode.USER_MISMATCH, "signing in as " + user
                    + " on a connection opened for " + affinity + "; reconnect with ?user=" + user, null);
            connection.close(CloseCodes.POLICY_VIOLATION, "user mismatch");
            return false;
        }
        return true;
    }

    /**
     * Sends the welcome and starts deliveries. On the chat delivery thread, so the history in the welcome
     * and the live messages after it join without gap or overlap; under the board lock, so the todo
     * snapshot and later pushes do too.
     */
    private void admit(Connection connection, SignedIn signedIn) {
        String user = signedIn.user();
        String token = tokens.mint(user, clock.instant(), ResumeTokens.DEFAULT_TTL);
        TodoBoard board = todos.board(user);
        try {
            connection.signedIn(user);
            chatFeed.withHistory(history -> {
                board.attach(connection, snapshot -> connection.send(new ServerMessage.Welcome(Protocol.VERSION, user,
                        config.serverId(), signedIn.registered(), token, snapshot, history, config.messagesPerSecond())));
                if (!hub.admit(connection)) {
                    board.detach(connection); // It closed meanwhile; its close may have run before attach.
                }
                return null;
            });
        } catch (IllegalStateException e) {
            connection.signedIn(null);
            board.detach(connection);
            LOG.warn("user={} sign-in failed: {}", user, e.getMessage());
            connection.sendError(ErrorCode.UNAVAILABLE, "chat is unavailable right now; try again", null);
            return;
        }
        LOG.info("user={} connection={} signed in{}", user, connection.id(), signedIn.registered() ? " (new account)" : "");
    }

    private void violation(Connection connection, ProtocolException e) {
        connection.send(e.toMessage());
        if (connection.violation() >= Limits.MAX_VIOLATIONS) {
            LOG.info("user={} connection={} closed after {} protocol violations", connection.user(), connection.id(),
                    Limits.MAX_VIOLATIONS);
            connection.close(CloseCodes.POLICY_VIOLATION, "too many protocol violations");
        }
    }

    private static String ref(ClientMessage message) {
        return message instanceof ClientMessage.Command command ? command.clientId() : null;
    }

    private static Connection connection(WsContext ctx) {
        return ctx.attribute(CONNECTION);
    }
}
