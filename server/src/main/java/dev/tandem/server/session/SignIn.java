package dev.tandem.server.session;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.Protocol;
import dev.tandem.model.ResumeTokens;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.auth.Accounts;
import dev.tandem.server.limits.Guards;
import dev.tandem.server.metrics.ServerMetrics;
import dev.tandem.server.presence.PresenceTracker;
import dev.tandem.server.redis.RedisFailure;
import dev.tandem.server.relay.Admission;
import dev.tandem.server.relay.RelayFeed;
import dev.tandem.server.room.SignInSnapshot;
import dev.tandem.server.todo.TodoStore;
import dev.tandem.server.ws.Connection;
import dev.tandem.server.ws.ConnectionHub;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a connection in (password or resume token) and admits it: the welcome, then chat and todo pushes.
 * <p>Threads: runs on the connection's session thread; the password check waits for the hash pool, the
 * todo lease and the rooms snapshot for Redis, and the admission for its turn on the chat delivery thread.
 */
public final class SignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
    private static final int MAX_FAILED_SIGN_INS = 5;
    /** The retry-after hint for an address whose share of the hash pool is full: a hash takes about this. */
    private static final long HASH_QUEUE_RETRY_MS = 500;
    /** A list that moves away between being opened and attached is opened again, this often at most. */
    private static final int MAX_ATTACH_ATTEMPTS = 3;

    private final SessionSettings settings;
    private final Accounts accounts;
    private final ResumeTokens tokens;
    private final TodoStore todos;
    private final RelayFeed relay;
    private final RedisCommands<String, String> redis;
    private final ConnectionHub hub;
    private final PresenceTracker presence;
    private final Clock clock;
    private final ServerMetrics metrics;
    private final Guards guards;

    public SignIn(SessionSettings settings, Accounts accounts, ResumeTokens tokens, TodoStore todos, RelayFeed relay,
                  RedisCommands<String, String> redis, ConnectionHub hub, PresenceTracker presence, Clock clock,
                  ServerMetrics metrics, Guards guards) {
        this.metrics = metrics;
        this.guards = guards;
        this.settings = settings;
        this.accounts = accounts;
        this.tokens = tokens;
        this.todos = todos;
        this.relay = relay;
        this.redis = redis;
        this.hub = hub;
        this.presence = presence;
        this.clock = clock;
    }

    void authenticate(Connection connection, ClientMessage.Authenticate auth) {
        String method = auth instanceof ClientMessage.SignIn ? "password" : "resume";
        Optional<SignedIn> signedIn = auth instanceof ClientMessage.SignIn signIn
                ? passwordSignIn(connection, signIn)
                : tokenSignIn(connection, (ClientMessage.Resume) auth);
        if (signedIn.isEmpty()) {
            return; // Counted where it was refused, with the code it was refused with.
        }
        String how = signedIn.get().registered() ? "register" : method;
        metrics.signIn(how, admit(connection, signedIn.get(), auth.room()) ? "ok" : ErrorCode.UNAVAILABLE.wire());
    }

    private record SignedIn(String user, boolean registered) {
    }

    private Optional<SignedIn> passwordSignIn(Connection connection, ClientMessage.SignIn signIn) {
        if (!matchesAffinity(connection, signIn.user(), "password")) {
            return Optional.empty();
        }
        String address = connection.clientAddress();
        // Refused before any hashing: an address over its rate of attempts, an account or address still
        // waiting out the delay its failures earned, an address already holding its share of the hash pool.
        long wait = guards.limiter().signIn(address);
        if (wait == 0) {
            wait = guards.signIns().waitFor(signIn.user(), address);
        }
        if (wait > 0) {
            limited(connection, signIn.user(), "too many sign-in attempts for " + signIn.user()
                    + " or from your address", wait);
            return Optional.empty();
        }
        if (!guards.signIns().enter(signIn.user(), address)) {
            limited(connection, signIn.user(), "sign-ins from your address or for " + signIn.user() + " are waiting for a password check already",
                    HASH_QUEUE_RETRY_MS);
            return Optional.empty();
        }
        long[] registrationWait = {0};
        Accounts.Outcome outcome;
        try {
            outcome = accounts.signIn(signIn.user(), signIn.password(), signIn.createsAccount(), () -> {
                registrationWait[0] = guards.limiter().registration(address);
                return registrationWait[0] == 0;
            });
        } catch (RuntimeException e) {
            if (Accounts.isBusy(e)) {
                LOG.warn("user={} sign-in refused: {}", signIn.user(), e.getMessage());
                metrics.signIn("password", "busy");
                connection.sendError(ErrorCode.UNAVAILABLE,
                        "the server is busy signing other people in; try again in a few seconds", null);
                return Optional.empty();
            }
            LOG.warn("user={} sign-in failed: Redis unavailable ({})", signIn.user(), e.toString());
            metrics.signIn("password", ErrorCode.UNAVAILABLE.wire());
            connection.sendError(ErrorCode.UNAVAILABLE, "accounts are unavailable right now; try again", null);
            return Optional.empty();
        } finally {
            guards.signIns().leave(signIn.user(), address);
        }
        if (outcome == Accounts.Outcome.REGISTRATION_REFUSED) {
            limited(connection, signIn.user(), "too many new accounts from your address", registrationWait[0]);
            return Optional.empty();
        }
        if (outcome == Accounts.Outcome.WRONG_PASSWORD || outcome == Accounts.Outcome.UNKNOWN_USER) {
            guards.signIns().failed(signIn.user(), address);
        } else {
            guards.signIns().succeeded(signIn.user());
        }
        if (outcome == Accounts.Outcome.WRONG_PASSWORD) {
            guards.refusals().note("wrong password", "user=" + signIn.user() + " address=" + address);
            failed(connection, ErrorCode.WRONG_PASSWORD,
                    "wrong password for " + signIn.user() + " (or the name is taken by someone else)");
            return Optional.empty();
        }
        if (outcome == Accounts.Outcome.UNKNOWN_USER) {
            guards.refusals().note("unknown user", "user=" + signIn.user() + " address=" + address);
            failed(connection, ErrorCode.UNKNOWN_USER,
                    "there is no account named " + signIn.user() + "; check the name, or create the account");
            return Optional.empty();
        }
        return Optional.of(new SignedIn(signIn.user(), outcome == Accounts.Outcome.REGISTERED));
    }

    /**
     * A refused password sign-in. Wrong passwords and unknown names share one count, so guessing names
     * costs a connection as soon as guessing passwords does.
     */
    private void failed(Connection connection, ErrorCode code, String message) {
        metrics.signIn("password", code.wire());
        connection.sendError(code, message, null);
        if (connection.failedSignIn() >= MAX_FAILED_SIGN_INS) {
            metrics.cut("sign_in_failures");
            connection.close(CloseCodes.POLICY_VIOLATION, "too many failed sign-ins");
        }
    }

    private Optional<SignedIn> tokenSignIn(Connection connection, ClientMessage.Resume resume) {
        Optional<String> user = tokens.verify(resume.token(), clock.instant());
        if (user.isEmpty()) {
            metrics.signIn("resume", ErrorCode.BAD_TOKEN.wire());
            connection.sendError(ErrorCode.BAD_TOKEN, "the resume token is invalid or expired; sign in again", null);
            connection.close(CloseCodes.AUTH_FAILED, "bad resume token");
            return Optional.empty();
        }
        long wait = guards.limiter().resume(user.get(), connection.clientAddress());
        if (wait > 0) {
            metrics.signIn("resume", ErrorCode.RATE_LIMITED.wire());
            guards.refusals().note("resume rate_limited", "user=" + user.get() + " address=" + connection.clientAddress());
            connection.sendRateLimited("too many resumes of " + user.get() + " or from your address; retry in "
                    + wait + " ms", null, wait);
            return Optional.empty();
        }
        return matchesAffinity(connection, user.get(), "resume") ? Optional.of(new SignedIn(user.get(), false)) : Optional.empty();
    }

    /** A password sign-in refused by a limit, before any hashing; the connection is kept. */
    private void limited(Connection connection, String user, String why, long waitMs) {
        metrics.signIn("password", ErrorCode.RATE_LIMITED.wire());
        guards.refusals().note("sign-in rate_limited", "user=" + user + " address=" + connection.clientAddress());
        connection.sendRateLimited(why + "; retry in " + waitMs + " ms", null, waitMs);
    }

    /** The user in the URL (the proxy's affinity key) must be the user signing in, or todos would split. */
    private boolean matchesAffinity(Connection connection, String user, String method) {
        String affinity = connection.affinityUser();
        if (affinity != null && !affinity.equals(user)) {
            metrics.signIn(method, ErrorCode.USER_MISMATCH.wire());
            connection.sendError(ErrorCode.USER_MISMATCH, "signing in as " + user
                    + " on a connection opened for " + affinity + "; reconnect with ?user=" + user, null);
            connection.close(CloseCodes.POLICY_VIOLATION, "user mismatch");
            return false;
        }
        return true;
    }

    /**
     * Sends the welcome and starts deliveries. The list is opened first (the user's first window takes the
     * lease and loads it from Redis, here on the session thread) and the rooms snapshot read (one script, as of
     * a relay sequence); then, on the chat delivery thread once it has reached that sequence, and under the
     * board lock, the welcome is sent, the connection joins the hub and its rooms, and gets what the relay
     * delivered since the snapshot: neither the history and the live messages nor the todo snapshot and the
     * later pushes leave a gap or overlap. Presence counts the window and hands it {@code online} under its own
     * lock, likewise against its frames.
     */
    private boolean admit(Connection connection, SignedIn signedIn, String room) {
        String user = signedIn.user();
        String token = tokens.mint(user, clock.instant(), ResumeTokens.DEFAULT_TTL);
        connection.signedIn(user);
        TodoStore.Attach outcome = TodoStore.Attach.RETRY;
        boolean relayMovedOn = false;
        try {
            for (int attempt = 0; outcome == TodoStore.Attach.RETRY && attempt < MAX_ATTACH_ATTEMPTS; attempt++) {
                TodoStore.Opening list = todos.open(user);
                SignInSnapshot rooms = SignInSnapshot.read(redis, user, room, Limits.HISTORY_ON_SIGN_IN);
                try {
                    outcome = relay.admit(rooms.seq(), admission -> list.attach(connection,
                            snapshot -> presence.admit(user, connection, online -> {
                        connection.send(new ServerMessage.Welcome(Protocol.VERSION, user, settings.serverId(),
                                signedIn.registered(), token, snapshot, rooms.room(), rooms.history(), rooms.rooms(),
                                online, settings.messagesPerSecond(), rooms.historyMore()));
                        if (!hub.admit(connection)) {
                            return false; // Closed meanwhile: then it must not be kept anywhere.
                        }
                        admission.join(user, rooms.joined(), connection);
                        return true;
                    })));
                } catch (Admission.StaleSnapshot e) {
                    outcome = TodoStore.Attach.RETRY; // Delivery moved on too far since the read: read again.
                    relayMovedOn = true;
                }
            }
        } catch (IllegalStateException e) {
            refuse(connection, user, e.getMessage(), "chat is unavailable right now; try again");
            return false;
        } catch (RuntimeException e) {
            refuse(connection, user, RedisFailure.describe(e), "your rooms or todo list are unavailable right now (Redis); try again");
            return false;
        }
        if (outcome == TodoStore.Attach.ATTACHED) {
            LOG.info("user={} connection={} signed in{}", user, connection.id(), signedIn.registered() ? " (new account)" : "");
            return true;
        } else if (outcome == TodoStore.Attach.RETRY && relayMovedOn) {
            refuse(connection, user, "the relay kept moving past the rooms snapshot", "chat is catching up; try again");
        } else if (outcome == TodoStore.Attach.RETRY) {
            refuse(connection, user, "the todo list kept moving", "your todo list is moving between servers; try again");
        } else {
            connection.signedIn(null); // Closed during the sign-in.
        }
        return false;
    }

    private void refuse(Connection connection, String user, String why, String told) {
        connection.signedIn(null);
        LOG.warn("user={} sign-in failed: {}", user, why);
        connection.sendError(ErrorCode.UNAVAILABLE, told, null);
    }
}
