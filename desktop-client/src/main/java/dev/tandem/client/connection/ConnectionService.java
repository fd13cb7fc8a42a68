package dev.tandem.client.connection;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.Protocol;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the WebSocket session: signs in, keeps the link alive with pings, reconnects with
 * backoff and the resume token, paces outgoing commands under the server's rate limit, and reports to a
 * {@link ConnectionListener}.
 *
 * <p>Threads: every field below is owned by the {@link Scheduler}'s single thread; public methods only
 * post tasks to it, and transport callbacks are posted to it as well (stale callbacks from an older link
 * are dropped by identity). Listener calls are handed to the {@code ui} executor, which is
 * {@code Platform::runLater} in the app, so nothing here ever touches JavaFX state.
 */
public final class ConnectionService implements Connection, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

    private final Transport transport;
    private final Scheduler scheduler;
    private final Executor ui;
    private final ConnectionListener listener;
    private final Backoff backoff;
    private final Duration pingInterval;
    private final Codec codec = Codec.get();

    private enum Phase {
        /** Not signed in. */
        IDLE,
        /** First link of a password sign-in: opening, or sign_in sent and no welcome yet. */
        SIGNING_IN,
        /** Welcomed; commands flow. */
        ONLINE,
        /** Link lost; the retry timer is armed. */
        WAITING,
        /** A reconnect link: opening, or resume sent and no welcome yet. */
        RESUMING
    }

    // ---- owned by the scheduler thread ----
    private Phase phase = Phase.IDLE;
    private Link link;
    private URI server;
    private String user;
    /** Held only until the welcome: reconnects use the token, and the password is never stored. */
    private String password;
    /** Whether this sign-in creates the account ("Create account") or needs it to exist ("Sign in"). */
    private boolean create;
    private String token;
    /** How long a sign-in may wait for the server's answer (its password check can queue under load). */
    static final Duration AUTH_REPLY_TIMEOUT = Duration.ofSeconds(30);
    private Scheduler.Cancellable retryTimer;
    private Scheduler.Cancellable countdownTimer;
    private Scheduler.Cancellable pingTimer;
    /** Runs while a sign-in or resume waits for the server's answer. */
    private Scheduler.Cancellable authTimer;
    private Scheduler.Cancellable drainTimer;
    private Instant retryAt;
    private Instant lastFrameAt;
    private Instant lastPingAt;
    private long pings;
    private ConnectionStatus lastStatus = new ConnectionStatus.Offline();
    private final Deque<ClientMessage.Command> outbox = new ArrayDeque<>();
    private final SendPacer pacer;

    public ConnectionService(Transport transport, Scheduler scheduler, Executor ui, ConnectionListener listener,
                             Backoff backoff, Duration pingInterval) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.ui = ui;
        this.listener = listener;
        this.backoff = backoff;
        this.pingInterval = pingInterval;
        this.pacer = new SendPacer(Limits.DEFAULT_MESSAGES_PER_SECOND, scheduler.now());
    }

    /** The production wiring: Tyrus, one connection thread, standard backoff, the protocol's ping interval. */
    public static ConnectionService create(Executor ui, ConnectionListener listener) {
        return new ConnectionService(new TyrusTransport(), new ExecutorScheduler(), ui, listener,
                Backoff.standard(), Limits.PING_INTERVAL);
    }

    // ---- commands (any thread) ----

    @Override
    public void signIn(URI serverUri, String userName, String secret, boolean createAccount) {
        scheduler.execute(() -> {
            dropLink();
            cancelTimers();
            failOutbox("signed in again");
            server = serverUri;
            user = userName;
            password = secret;
            create = createAccount;
            token = null;
            backoff.reset();
            phase = Phase.SIGNING_IN;
            publish(new ConnectionStatus.Connecting(serverUri.toString()));
            log.info("signing in as {} at {}", userName, serverUri);
            openLink();
        });
    }

    @Override
    public void send(ClientMessage.Command command) {
        scheduler.execute(() -> {
            if (phase != Phase.ONLINE) {
                tellSendFailed(command.clientId(), "Offline: not sent");
                return;
            }
            outbox.addLast(command);
            drain();
        });
    }

    @Override
    public void reconnectNow() {
        scheduler.execute(() -> {
            if (phase == Phase.WAITING) {
                cancelTimers();
                attemptResume();
            }
        });
    }

    @Override
    public void signOut() {
        scheduler.execute(() -> {
            dropLink();
            cancelTimers();
            failOutbox("signed out");
            server = null;
            password = null;
            token = null;
            phase = Phase.IDLE;
            publish(new ConnectionStatus.Offline());
        });
    }

    /** Signs out and releases the transport (the app calls this on exit). */
    @Override
    public void close() {
        signOut();
        scheduler.execute(transport::shutdown);
        if (scheduler instanceof ExecutorScheduler own) {
            scheduler.execute(own::close);
        }
    }

    // ---- link events (scheduler thread) ----

    private void openLink() {
        Events events = new Events();
        events.link = transport.open(ServerAddress.forUser(server, user), events);
        link = events.link;
    }

    private void onOpened() {
        lastFrameAt = scheduler.now();
        if (phase == Phase.SIGNING_IN) {
            link.send(codec.encode(new ClientMessage.SignIn(Protocol.VERSION, user, password, create)));
        } else if (phase == Phase.RESUMING) {
            link.send(codec.encode(new ClientMessage.Resume(Protocol.VERSION, token)));
        } else {
            return;
        }
        stopAuthTimer();
        authTimer = scheduler.schedule(AUTH_REPLY_TIMEOUT, this::authReplyTimedOut);
    }

    /**
     * The server never answered the sign-in (or resume): without this, the window would say "Connecting"
     * for ever. A sign-in fails with a message; a resume counts as a lost link and retries with backoff.
     */
    private void authReplyTimedOut() {
        authTimer = null;
        if (phase != Phase.SIGNING_IN && phase != Phase.RESUMING) {
            return;
        }
        log.info("no answer to {} within {} s, dropping the link", phase == Phase.SIGNING_IN ? "sign-in" : "resume",
                AUTH_REPLY_TIMEOUT.toSeconds());
        dropLink();
        if (phase == Phase.SIGNING_IN) {
            phase = Phase.IDLE;
            publish(new ConnectionStatus.Offline());
            SignInFailure failure = new SignInFailure(SignInFailure.Kind.NO_ANSWER,
                    "no answer within " + AUTH_REPLY_TIMEOUT.toSeconds() + " s");
            ui.execute(() -> listener.signInFailed(failure));
        } else {
            scheduleRetry();
        }
    }

    private void stopAuthTimer() {
        if (authTimer != null) {
            authTimer.cancel();
            authTimer = null;
        }
    }

    private void onText(String frame) {
        lastFrameAt = scheduler.now();
        ServerMessage message;
        try {
            message = codec.decodeServer(frame);
        } catch (ProtocolException e) {
            log.warn("ignoring a frame the client cannot read: {}", e.getMessage());
            return;
        }
        if (message instanceof ServerMessage.Pong) {
            return;
        }
        switch (phase) {
            case SIGNING_IN, RESUMING -> onAuthReply(message);
            case ONLINE -> ui.execute(() -> listener.received(message));
            default -> log.debug("dropping {} while {}", message.getClass().getSimpleName(), phase);
        }
    }

    private void onAuthReply(ServerMessage message) {
        boolean resuming = phase == Phase.RESUMING;
        if (message instanceof ServerMessage.Welcome || message instanceof ServerMessage.Error) {
            stopAuthTimer(); // Anything else before the answer is ignored and the deadline still runs.
        }
        if (message instanceof ServerMessage.Welcome welcome) {
            phase = Phase.ONLINE;
            token = welcome.resumeToken();
            password = null;
            backoff.reset();
            pacer.reset(welcome.messagesPerSecond(), scheduler.now());
            startPing();
            log.info("{} as {} on server {}", resuming ? "resumed" : "signed in", welcome.user(), welcome.serverId());
            publish(new ConnectionStatus.Connected(welcome.serverId()));
            ui.execute(() -> listener.welcomed(welcome, resuming));
        } else if (message instanceof ServerMessage.Error error) {
            if (!resuming) {
                dropLink();
                phase = Phase.IDLE;
                publish(new ConnectionStatus.Offline());
                SignInFailure failure = signInFailure(error);
                ui.execute(() -> listener.signInFailed(failure));
            } else if (isFinal(error.code())) {
                dropLink();
                endSession(new SignInFailure(SignInFailure.Kind.SESSION_EXPIRED, error.code()));
            } else {
                // e.g. "unavailable" while the server's Redis is down: try again later.
                dropLink();
                scheduleRetry();
            }
        }
    }

    private void onLinkLost(int code, String reason, boolean neverOpened) {
        link = null;
        stopPing();
        switch (phase) {
            case SIGNING_IN -> {
                phase = Phase.IDLE;
                publish(new ConnectionStatus.Offline());
                SignInFailure failure = neverOpened ? new SignInFailure(SignInFailure.Kind.UNREACHABLE, reason)
                        : new SignInFailure(SignInFailure.Kind.CLOSED_EARLY, code + describeReason(reason));
                ui.execute(() -> listener.signInFailed(failure));
            }
            case ONLINE, RESUMING -> {
                boolean wasOnline = phase == Phase.ONLINE;
                log.info("connection lost ({}{}), will reconnect", code, describeReason(reason));
                failOutbox("Connection lost before the server confirmed it");
                if (wasOnline) {
                    ui.execute(listener::connectionLost);
                }
                if (code == CloseCodes.AUTH_FAILED) {
                    endSession(new SignInFailure(SignInFailure.Kind.SESSION_EXPIRED, "closed " + code));
                } else {
                    scheduleRetry();
                }
            }
            default -> {
                // IDLE or WAITING: a link we already gave up on.
            }
        }
    }

    // ---- reconnecting ----

    private void scheduleRetry() {
        phase = Phase.WAITING;
        Duration wait = backoff.next();
        retryAt = scheduler.now().plus(wait);
        retryTimer = scheduler.schedule(wait, this::attemptResume);
        tickCountdown();
    }

    /** Publishes "Reconnecting in n s" and re-arms itself for the moment n changes. */
    private void tickCountdown() {
        if (phase != Phase.WAITING) {
            return;
        }
        long leftMs = Math.max(0, Duration.between(scheduler.now(), retryAt).toMillis());
        long seconds = Math.max(1, (leftMs + 999) / 1000);
        publish(new ConnectionStatus.Reconnecting(seconds, backoff.attempts()));
        long untilChange = leftMs - (seconds - 1) * 1000;
        if (seconds > 1 && untilChange > 0) {
            countdownTimer = scheduler.schedule(Duration.ofMillis(untilChange), this::tickCountdown);
        }
    }

    private void attemptResume() {
        if (phase != Phase.WAITING) {
            return;
        }
        cancelTimers();
        phase = Phase.RESUMING;
        publish(new ConnectionStatus.Reconnecting(0, backoff.attempts()));
        openLink();
    }

    private void endSession(SignInFailure why) {
        cancelTimers();
        token = null;
        phase = Phase.IDLE;
        publish(new ConnectionStatus.Offline());
        ui.execute(() -> listener.sessionEnded(why));
    }

    // ---- sending ----

    /** Sends queued commands while the pacer allows, then waits for the next token. */
    private void drain() {
        while (!outbox.isEmpty() && phase == Phase.ONLINE) {
            Instant now = scheduler.now();
            if (!pacer.tryTake(now)) {
                if (drainTimer == null) {
                    drainTimer = scheduler.schedule(pacer.untilNext(now), () -> {
                        drainTimer = null;
                        drain();
                    });
                }
                return;
            }
            ClientMessage.Command command = outbox.pollFirst();
            String frame = codec.encode(command);
            if (Codec.exceedsFrameLimit(frame)) {
                tellSendFailed(command.clientId(), "Too large to send (limit " + Limits.MAX_FRAME_BYTES + " bytes)");
            } else {
                link.send(frame);
            }
        }
    }

    private void failOutbox(String reason) {
        if (drainTimer != null) {
            drainTimer.cancel();
            drainTimer = null;
        }
        while (!outbox.isEmpty()) {
            tellSendFailed(outbox.pollFirst().clientId(), reason);
        }
    }

    private void tellSendFailed(String clientId, String reason) {
        ui.execute(() -> listener.sendFailed(clientId, reason));
    }

    // ---- keep-alive ----

    private void startPing() {
        stopPing();
        lastPingAt = null;
        pingTimer = scheduler.schedule(pingInterval, this::pingTick);
    }

    /** Pings each interval; a link that answered nothing since the previous ping is dead. */
    private void pingTick() {
        if (phase != Phase.ONLINE || link == null) {
            return;
        }
        if (lastPingAt != null && lastFrameAt.isBefore(lastPingAt)) {
            log.info("no answer to ping within {} s, dropping the link", pingInterval.toSeconds());
            dropLink();
            onLinkLost(CloseCodes.GOING_AWAY, "no answer to ping", false);
            return;
        }
        lastPingAt = scheduler.now();
        pacer.tryTake(lastPingAt); // a ping counts against the rate limit too
        link.send(codec.encode(new ClientMessage.Ping("p" + (++pings))));
        pingTimer = scheduler.schedule(pingInterval, this::pingTick);
    }

    private void stopPing() {
        if (pingTimer != null) {
            pingTimer.cancel();
            pingTimer = null;
        }
    }

    // ---- helpers ----

    private void dropLink() {
        stopPing();
        stopAuthTimer();
        if (link != null) {
            Link old = link;
            link = null;
            old.close();
        }
    }

    private void cancelTimers() {
        for (Scheduler.Cancellable timer : new Scheduler.Cancellable[] {retryTimer, countdownTimer}) {
            if (timer != null) {
                timer.cancel();
            }
        }
        retryTimer = null;
        countdownTimer = null;
        stopPing();
    }

    private void publish(ConnectionStatus status) {
        if (!status.equals(lastStatus)) {
            lastStatus = status;
            ui.execute(() -> listener.statusChanged(status));
        }
    }

    /** Errors after which a resume cannot succeed by retrying. */
    private static boolean isFinal(String code) {
        return ErrorCode.BAD_TOKEN.wire().equals(code) || ErrorCode.USER_MISMATCH.wire().equals(code)
                || ErrorCode.UNSUPPORTED_VERSION.wire().equals(code) || ErrorCode.INVALID.wire().equals(code);
    }

    private SignInFailure signInFailure(ServerMessage.Error error) {
        if (ErrorCode.WRONG_PASSWORD.wire().equals(error.code())) {
            return new SignInFailure(create ? SignInFailure.Kind.NAME_TAKEN : SignInFailure.Kind.WRONG_PASSWORD, "");
        }
        if (ErrorCode.UNKNOWN_USER.wire().equals(error.code())) {
            return new SignInFailure(SignInFailure.Kind.UNKNOWN_USER, "");
        }
        String detail = error.message() == null || error.message().isBlank() ? error.code() : error.message();
        return new SignInFailure(SignInFailure.Kind.REJECTED, detail);
    }

    private static String describeReason(String reason) {
        return reason == null || reason.isBlank() ? "" : ", " + reason;
    }

    /** Hands one link's callbacks to the scheduler thread, dropping those of links no longer current. */
    private final class Events implements LinkListener {
        private Link link; // written and read on the scheduler thread only

        @Override
        public void opened() {
            scheduler.execute(() -> {
                if (link == ConnectionService.this.link) {
                    onOpened();
                }
            });
        }

        @Override
        public void text(String frame) {
            scheduler.execute(() -> {
                if (link == ConnectionService.this.link) {
                    onText(frame);
                }
            });
        }

        @Override
        public void closed(int code, String reason) {
            scheduler.execute(() -> {
                if (link == ConnectionService.this.link) {
                    onLinkLost(code, reason, false);
                }
            });
        }

        @Override
        public void failed(String reason) {
            scheduler.execute(() -> {
                if (link == ConnectionService.this.link) {
                    onLinkLost(0, reason, true);
                }
            });
        }
    }
}
