package dev.tandem.client.connection;

import dev.tandem.client.store.AccountFiles;
import dev.tandem.client.store.DataDirectory;
import dev.tandem.client.store.SavedSession;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Limits;
import dev.tandem.model.Codec;
import dev.tandem.model.Protocol;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the WebSocket session, as a phase machine: sign in (password, or the session saved on
 * disk), stay live ({@link Liveness}), reconnect with backoff and the resume token ({@link Reconnector}),
 * and send what the view models ask through the durable outbox ({@link Sender}). It reports to a {@link ConnectionListener}; the words people read are the view models' business.
 *
 * <p>Threads: every field is owned by the {@link Scheduler}'s single thread; public methods only post tasks
 * to it, and transport callbacks are posted to it as well (stale callbacks from an older link are dropped
 * by identity). Listener calls are handed to the {@code ui} executor, which is {@code Platform::runLater}
 * in the app, so nothing here ever touches JavaFX state. Disk writes (outbox, saved session) happen on the
 * scheduler's thread, never on the UI thread.
 */
public final class ConnectionService implements Connection, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);
    /** How long a password sign-in may wait for the server's answer (its password check can queue under load). */
    static final Duration AUTH_REPLY_TIMEOUT = Duration.ofSeconds(30);
    /** How long a resume may wait: no password to check, so a server that takes longer is not well. */
    static final Duration RESUME_REPLY_TIMEOUT = Duration.ofSeconds(10);
    /** How long closing waits for the connection thread to write what was queued last. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    private final Transport transport;
    private final Scheduler scheduler;
    private final Executor ui;
    private final ConnectionListener listener;
    private final DataDirectory data;
    private final Codec codec = Codec.get();
    private final Reconnector reconnector;
    private final Liveness liveness;
    private final Sender sender;

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
    private AccountFiles account;
    /** Held only until the welcome: reconnects use the token, and the password is never stored. */
    private String password;
    /** Whether this sign-in creates the account ("Create account") or needs it to exist ("Sign in"). */
    private boolean create;
    private String token;
    private String serverId = "";
    /** The room the window shows, named in sign-in and resume (null: general). */
    private String roomOnScreen;
    private Scheduler.Cancellable authTimer;
    private ConnectionStatus lastStatus = new ConnectionStatus.Offline();

    public ConnectionService(Transport transport, Scheduler scheduler, Executor ui, ConnectionListener listener,
                             Backoff backoff, Duration pingInterval, DataDirectory data) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.ui = ui;
        this.listener = listener;
        this.data = data;
        this.reconnector = new Reconnector(scheduler, backoff, this::publish, this::attemptResume);
        this.liveness = new Liveness(scheduler, pingInterval, new Liveness.Signals() {
            @Override
            public void ping() {
                sender.ping();
            }

            @Override
            public void responding(boolean responding) {
                if (phase == Phase.ONLINE) {
                    publish(responding ? new ConnectionStatus.Connected(serverId) : new ConnectionStatus.NotResponding(serverId));
                }
            }

            @Override
            public void dead() {
                log.info("no answer from server {} for {} s, dropping the link", serverId, Liveness.DEAD_AFTER.toSeconds());
                dropLink();
                onLinkLost(CloseCodes.GOING_AWAY, "not responding", false);
            }
        });
        this.sender = new Sender(scheduler, liveness, (clientId, reason) -> ui.execute(() -> listener.sendFailed(clientId, reason)),
                new Sender.Delays() {
                    @Override
                    public void held(String clientId, Duration wait, String code) {
                        ui.execute(() -> listener.sendHeld(clientId, wait, code));
                    }

                    @Override
                    public void resumed(String clientId) {
                        ui.execute(() -> listener.sendResumed(clientId));
                    }
                });
    }

    /** The production wiring: Tyrus, one connection thread, standard backoff, the protocol's ping interval. */
    public static ConnectionService create(Executor ui, ConnectionListener listener, DataDirectory data) {
        return create(ui, listener, data, Optional.empty());
    }

    /**
     * The same, trusting the certificates in {@code caFile} for {@code wss://} besides the JDK's CAs.
     *
     * @throws UncheckedIOException if the CA file cannot be read (the command line checked it already)
     */
    public static ConnectionService create(Executor ui, ConnectionListener listener, DataDirectory data,
                                           Optional<Path> caFile) {
        Transport transport;
        try {
            transport = caFile.isEmpty() ? new TyrusTransport() : new TyrusTransport(CaTrust.sslContext(caFile.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConnectionService(transport, new ExecutorScheduler(), ui, listener,
                Backoff.standard(), Limits.PING_INTERVAL, data);
    }

    // ---- commands (any thread) ----

    @Override
    public void signIn(URI serverUri, String userName, String secret, boolean createAccount) {
        scheduler.execute(() -> {
            start(serverUri, userName);
            password = secret;
            create = createAccount;
            phase = Phase.SIGNING_IN;
            publish(new ConnectionStatus.Connecting(serverUri.toString()));
            log.info("signing in as {} at {}", userName, serverUri);
            openLink();
        });
    }

    @Override
    public void restore(URI serverUri, String userName) {
        scheduler.execute(() -> {
            Optional<SavedSession> saved = SavedSession.load(data.account(serverUri, userName));
            if (saved.isEmpty()) {
                ui.execute(() -> listener.sessionEnded(new SignInFailure(SignInFailure.Kind.SESSION_EXPIRED, "no saved session")));
                return;
            }
            start(serverUri, userName);
            token = saved.get().token();
            log.info("restoring the saved session of {} at {}", userName, serverUri);
            phase = Phase.WAITING;
            attemptResume();
        });
    }

    @Override
    public void send(ClientMessage.Command command) {
        scheduler.execute(() -> sender.queue(command));
    }

    @Override
    public void roomOnScreen(String room) {
        scheduler.execute(() -> roomOnScreen = room);
    }

    @Override
    public void sendNow(ClientMessage message) {
        scheduler.execute(() -> sender.sendNow(message));
    }

    @Override
    public void reconnectNow() {
        scheduler.execute(() -> {
            if (phase == Phase.WAITING) {
                reconnector.retryNow();
            }
        });
    }

    @Override
    public void signOut() {
        scheduler.execute(() -> {
            if (account != null) {
                forgetSavedSession();
            }
            stop();
            publish(new ConnectionStatus.Offline());
        });
    }

    /**
     * Closes the link and the outbox, keeping the saved session (the app is quitting, not signing out), and
     * waits (bounded) for the connection thread to finish, so nothing queued before is lost to the exit.
     */
    @Override
    public void close() {
        scheduler.execute(() -> {
            stop();
            transport.shutdown();
        });
        if (scheduler instanceof ExecutorScheduler own) {
            scheduler.execute(own::close);
            // The app is about to exit: what was just queued (an undo offer committed on close) must reach
            // the outbox file first. The connection thread only writes a few lines here.
            try {
                if (!own.awaitClosed(CLOSE_TIMEOUT)) {
                    log.warn("the connection thread did not finish within {} s", CLOSE_TIMEOUT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- phases (scheduler thread) ----

    /** Leaves whatever session there was and opens the outbox of the new account. */
    private void start(URI serverUri, String userName) {
        stop();
        server = serverUri;
        user = userName;
        account = data.account(serverUri, userName);
        List<ClientMessage.Command> restored = sender.open(account, userName);
        if (!restored.isEmpty()) {
            ui.execute(() -> listener.outboxRestored(userName, restored));
        }
    }

    private void stop() {
        dropLink();
        reconnector.reset();
        sender.close();
        password = null;
        token = null;
        phase = Phase.IDLE;
    }

    private void openLink() {
        LinkEvents events = new LinkEvents(scheduler, () -> link, new LinkEvents.Handler() {
            @Override
            public void opened() {
                onOpened();
            }

            @Override
            public void text(String frame) {
                onText(frame);
            }

            @Override
            public void lost(int code, String reason, boolean neverOpened) {
                onLinkLost(code, reason, neverOpened);
            }

            @Override
            public void untrusted(String reason) {
                onUntrusted(reason);
            }
        });
        link = transport.open(ServerAddress.forUser(server, user), events);
        events.belongTo(link);
    }

    private void onOpened() {
        Duration deadline;
        if (phase == Phase.SIGNING_IN) {
            link.send(codec.encode(new ClientMessage.SignIn(Protocol.VERSION, user, password, create, roomOnScreen)));
            deadline = AUTH_REPLY_TIMEOUT;
        } else if (phase == Phase.RESUMING) {
            link.send(codec.encode(new ClientMessage.Resume(Protocol.VERSION, token, roomOnScreen)));
            deadline = RESUME_REPLY_TIMEOUT;
        } else {
            return;
        }
        stopAuthTimer();
        authTimer = scheduler.schedule(deadline, this::authReplyTimedOut);
    }

    /** The server never answered the sign-in or resume: a sign-in fails, a resume counts as a lost link. */
    private void authReplyTimedOut() {
        authTimer = null;
        if (phase != Phase.SIGNING_IN && phase != Phase.RESUMING) {
            return;
        }
        boolean signingIn = phase == Phase.SIGNING_IN;
        log.info("no answer to {}, dropping the link", signingIn ? "sign-in" : "resume");
        dropLink();
        if (signingIn) {
            failSignIn(new SignInFailure(SignInFailure.Kind.NO_ANSWER,
                    "no answer within " + AUTH_REPLY_TIMEOUT.toSeconds() + " s"));
        } else {
            waitAndRetry();
        }
    }

    private void onText(String frame) {
        liveness.heard();
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
            case ONLINE -> onLiveMessage(message);
            default -> log.debug("dropping {} while {}", message.getClass().getSimpleName(), phase);
        }
    }

    private void onLiveMessage(ServerMessage message) {
        if (sender.answered(message)) {
            ui.execute(() -> listener.received(message));
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
            serverId = welcome.serverId();
            password = null;
            reconnector.reset();
            saveSession();
            liveness.start();
            log.info("{} as {} on server {}", resuming ? "resumed" : "signed in", welcome.user(), welcome.serverId());
            publish(new ConnectionStatus.Connected(welcome.serverId()));
            ui.execute(() -> listener.welcomed(welcome, resuming));
            sender.online(link, welcome); // what waited in the outbox, in order
        } else if (message instanceof ServerMessage.Error error) {
            dropLink();
            if (!resuming) {
                failSignIn(AuthAnswers.signInFailure(error, create));
            } else if (AuthAnswers.endsSession(error.code())) {
                endSession(new SignInFailure(SignInFailure.Kind.SESSION_EXPIRED, error.code()));
            } else if (AuthAnswers.serverWait(error) != null) {
                // Too many resumes of this user or from this address: the server said when it takes one again.
                phase = Phase.WAITING;
                reconnector.scheduleRetryAfter(AuthAnswers.serverWait(error));
            } else {
                waitAndRetry(); // e.g. "unavailable" while the server's Redis is down: try again later
            }
        }
    }

    private void onLinkLost(int code, String reason, boolean neverOpened) {
        link = null;
        liveness.stop();
        switch (phase) {
            case SIGNING_IN -> failSignIn(neverOpened ? new SignInFailure(SignInFailure.Kind.UNREACHABLE, reason)
                    : new SignInFailure(SignInFailure.Kind.CLOSED_EARLY, code + describeReason(reason)));
            case ONLINE, RESUMING -> {
                boolean wasOnline = phase == Phase.ONLINE;
                log.info("connection lost ({}{}), will reconnect", code, describeReason(reason));
                sender.offline();
                if (wasOnline) {
                    ui.execute(listener::connectionLost);
                }
                if (code == CloseCodes.AUTH_FAILED) {
                    endSession(new SignInFailure(SignInFailure.Kind.SESSION_EXPIRED, "closed " + code));
                } else {
                    waitAndRetry();
                }
            }
            default -> {
                // IDLE or WAITING: a link we already gave up on.
            }
        }
    }

    /**
     * The server's certificate was refused: say so and stop, whatever the phase, rather than retry a handshake
     * that fails the same way every time. The saved session stays on disk for a start with the right CA file.
     */
    private void onUntrusted(String reason) {
        link = null;
        liveness.stop();
        if (phase == Phase.IDLE) {
            return;
        }
        log.warn("the certificate of {} is not trusted ({}); not retrying", server, reason);
        boolean signingIn = phase == Phase.SIGNING_IN;
        sender.offline();
        stop();
        publish(new ConnectionStatus.Offline());
        SignInFailure failure = new SignInFailure(SignInFailure.Kind.UNTRUSTED_CERTIFICATE, reason);
        if (signingIn) {
            ui.execute(() -> listener.signInFailed(failure));
        } else {
            ui.execute(() -> listener.sessionEnded(failure));
        }
    }

    private void waitAndRetry() {
        phase = Phase.WAITING;
        reconnector.scheduleRetry();
    }

    private void attemptResume() {
        if (phase != Phase.WAITING) {
            return;
        }
        phase = Phase.RESUMING;
        reconnector.attempting();
        openLink();
    }

    private void failSignIn(SignInFailure failure) {
        stop();
        publish(new ConnectionStatus.Offline());
        ui.execute(() -> listener.signInFailed(failure));
    }

    /** The session cannot come back by itself; unsent changes stay on disk for the next sign-in of this account. */
    private void endSession(SignInFailure why) {
        forgetSavedSession();
        stop();
        publish(new ConnectionStatus.Offline());
        ui.execute(() -> listener.sessionEnded(why));
    }

    // ---- the saved session ----

    private void saveSession() {
        try {
            new SavedSession(server, user, token).save(account);
        } catch (IOException e) {
            log.warn("could not save the session of {}: {}; the next start asks for the password", user, e.toString());
        }
    }

    private void forgetSavedSession() {
        try {
            SavedSession.delete(account);
        } catch (IOException e) {
            log.warn("could not delete the saved session of {}: {}", user, e.toString());
        }
    }

    // ---- helpers ----

    private void dropLink() {
        liveness.stop();
        sender.offline();
        stopAuthTimer();
        if (link != null) {
            Link old = link;
            link = null;
            old.close();
        }
    }

    private void stopAuthTimer() {
        if (authTimer != null) {
            authTimer.cancel();
            authTimer = null;
        }
    }

    private void publish(ConnectionStatus status) {
        if (!status.equals(lastStatus)) {
            lastStatus = status;
            ui.execute(() -> listener.statusChanged(status));
        }
    }

    private static String describeReason(String reason) {
        return reason == null || reason.isBlank() ? "" : ", " + reason;
    }
}
