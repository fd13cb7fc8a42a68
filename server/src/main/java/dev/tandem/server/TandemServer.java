package dev.tandem.server;

import dev.tandem.model.CloseCodes;
import dev.tandem.model.Protocol;
import dev.tandem.model.ResumeTokens;
import dev.tandem.server.auth.Accounts;
import dev.tandem.server.auth.PasswordHasher;
import dev.tandem.server.chat.ChatPublisher;
import dev.tandem.server.chat.HistoryMigration;
import dev.tandem.server.chat.HistoryPages;
import dev.tandem.server.chat.MessageEdits;
import dev.tandem.server.http.HealthHandler;
import dev.tandem.server.http.WsUpgrade;
import dev.tandem.server.http.WebClient;
import dev.tandem.server.limits.Guards;
import dev.tandem.server.metrics.ServerMetrics;
import dev.tandem.server.presence.PresenceTracker;
import dev.tandem.server.redis.RedisLink;
import dev.tandem.server.relay.RelayFeed;
import dev.tandem.server.room.ReadPositions;
import dev.tandem.server.room.RoomDirectory;
import dev.tandem.server.room.TypingRelay;
import dev.tandem.server.session.Requests;
import dev.tandem.server.session.RoomRequests;
import dev.tandem.server.session.SessionHandler;
import dev.tandem.server.session.SessionSettings;
import dev.tandem.server.session.SignIn;
import dev.tandem.server.todo.LeaseWatch;
import dev.tandem.server.todo.TodoStore;
import dev.tandem.server.ws.ConnectionHub;
import io.javalin.Javalin;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Tandem app server: a Javalin (Jetty 12) HTTP + WebSocket server, its Redis link, the relay of rooms
 * and chat, and the todo boards (in memory, written through to Redis under a lease). Start with {@link #start(ServerConfig)},
 * stop with {@link #stop()}.
 * <p>Threads: start and stop run on the caller's thread; the parts own their threads (see each class).
 */
public final class TandemServer {
    private static final Logger LOG = LoggerFactory.getLogger(TandemServer.class);
    /** Frames above this are refused by Jetty itself (close 1009); below it we answer too_large. */
    private static final long TRANSPORT_MAX_MESSAGE = 1024 * 1024;

    /** How long a stop waits for clients to answer the 1001 close before cutting them off. */
    private static final java.time.Duration SHUTDOWN_DRAIN = java.time.Duration.ofSeconds(3);

    private final ServerConfig config;
    private final ServerMetrics metrics;
    private final RedisLink redis;
    private final RelayFeed relay;
    private final ConnectionHub hub;
    private final Accounts accounts;
    private final TodoStore todos;
    private final LeaseWatch leases;
    private final PresenceTracker presence;
    private final ScheduledExecutorService timers;
    private final Javalin app;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private TandemServer(ServerConfig config) {
        this.config = config;
        this.metrics = new ServerMetrics(config.serverId());
        this.redis = new RedisLink(config.redisUrl(), config.serverId(), metrics.registry());
        this.hub = new ConnectionHub();
        metrics.connections(hub::openCount, hub::signedInCount);
        metrics.delivery(hub, ConnectionHub::framesOut, ConnectionHub::slowConsumerCuts, hub::queuedFrames, hub::longestQueue,
                hub::queuedBytes, hub::mostQueuedBytes);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "timers");
            thread.setDaemon(true);
            return thread;
        });
        this.relay = new RelayFeed(redis, hub, config.serverId());
        relay.onCaughtUp(metrics::chatCaughtUp);
        Clock clock = Clock.systemUTC();
        PasswordHasher hasher = new PasswordHasher(config.pbkdf2Iterations());
        hasher.warmUp();
        this.accounts = new Accounts(redis.commands().sync(), hasher);
        Guards guards = Guards.of(config.limits(), config.messagesPerSecond(), config.messageBurst(),
                redis.commands().sync(), timers);
        this.todos = new TodoStore(redis.commands().sync(), redis.replicatedWrites(config.redisMinReplicas()), config.serverId(), clock, config.todoIdleEviction(),
                metrics.todoCommits(), guards.refusals());
        this.leases = new LeaseWatch(todos);
        SessionSettings settings = new SessionSettings(config.serverId(), config.messagesPerSecond(),
                config.messageBurst(), config.maxPendingBytes(), config.signInTimeout(), config.idleTimeout());
        this.presence = new PresenceTracker(redis, hub, config.serverId());
        SignIn signIn = new SignIn(settings, accounts, resumeTokens(config, clock.instant()), todos, relay,
                redis.commands().sync(), hub, presence, clock, metrics, guards);
        RoomRequests rooms = new RoomRequests(new RoomRequests.Parts(
                new ChatPublisher(redis.replicatedWrites(config.redisMinReplicas()), relay.echoHolds(), config.serverId(), clock,
                        guards.limiter()),
                new MessageEdits(redis.commands().sync(), clock), new HistoryPages(redis.commands().sync()),
                new RoomDirectory(redis.commands().sync()), new ReadPositions(redis.commands().async()),
                new TypingRelay(redis.commands().async())), metrics, guards.refusals());
        Requests requests = new Requests(todos, rooms);
        SessionHandler sessions = new SessionHandler(settings, signIn, requests, todos, relay, hub, presence, timers,
                metrics, guards);
        HealthHandler health = new HealthHandler(config.serverId(), redis, relay, hub);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.routes.get("/health", health);
            WebClient.serve(cfg); // the browser client at /
            // A backstop for dead TCP connections only: Jetty counts frames either way, so a client that never
            // sends but keeps receiving would never be idle to it. SessionHandler closes connections silent for
            // config.idleTimeout() (4002) by what the client sent.
            WsUpgrade.Transport transport = new WsUpgrade.Transport(TRANSPORT_MAX_MESSAGE,
                    config.idleTimeout().multipliedBy(2));
            WsUpgrade upgrade = new WsUpgrade(guards.addresses(), guards.refusals(), transport, sessions::endpoint);
            // Tandem uses no HTTP sessions: should anything ask for one, keep none (a cache that holds nothing)
            // and send no JSESSIONID cookie. /ws is Jetty's WebSocket servlet, next to Javalin's at /*.
            cfg.jetty.modifyServletContextHandler(context -> {
                context.addServlet(new org.eclipse.jetty.ee10.servlet.ServletHolder("ws", upgrade), Protocol.WS_PATH);
                org.eclipse.jetty.ee10.servlet.SessionHandler handler = context.getSessionHandler();
                handler.setUsingCookies(false);
                NullSessionCache keepsNothing = new NullSessionCache(handler);
                keepsNothing.setSessionDataStore(new NullSessionDataStore());
                handler.setSessionCache(keepsNothing);
            });
        });
    }

    /**
     * Tokens minted with the current secret; those of a secret that a rotation retired are accepted as long
     * as any of them can still be valid. A retired secret past that (an old file nobody deleted) is left out,
     * and the log says so.
     */
    private static ResumeTokens resumeTokens(ServerConfig config, java.time.Instant now) {
        ResumeTokens tokens = new ResumeTokens(config.clusterSecret());
        ServerConfig.PreviousSecret previous = config.previousSecret();
        if (previous == null) {
            return tokens;
        }
        if (java.util.Arrays.equals(previous.secret(), config.clusterSecret())) {
            LOG.warn("server={} the previous cluster secret is the current one: it adds nothing", config.serverId());
            return tokens;
        }
        if (!now.isBefore(previous.acceptedUntil())) {
            LOG.info("server={} ignoring the previous cluster secret: retired at {}, every token it signed expired by {}",
                    config.serverId(), previous.retiredAt(), previous.acceptedUntil());
            return tokens;
        }
        LOG.info("server={} accepting resume tokens of the previous cluster secret (retired at {}) until {}",
                config.serverId(), previous.retiredAt(), previous.acceptedUntil());
        return tokens.withPrevious(previous.secret(), previous.acceptedUntil());
    }

    /**
     * Connects to Redis, carries a chat of the version before rooms into general (once), subscribes to the
     * relay and starts serving. Throws if Redis is unreachable.
     */
    public static TandemServer start(ServerConfig config) {
        TandemServer server = new TandemServer(config);
        try {
            HistoryMigration.run(server.redis.commands().sync(), config.serverId());
            server.relay.start();
            server.leases.start(server.redis);
            server.presence.start();
            server.app.start();
            server.scheduleEviction();
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        LOG.info("server={} listening on {}:{} (redis {}, version {})", config.serverId(), config.host(),
                server.port(), config.redisUrl(), Version.get());
        return server;
    }

    /** Forgets idle todo lists regularly, so memory holds only the lists of users who are here. */
    private void scheduleEviction() {
        long every = Math.max(100, Math.min(30_000, config.todoIdleEviction().toMillis() / 2));
        timers.scheduleWithFixedDelay(() -> {
            try {
                todos.evictIdle();
            } catch (RuntimeException e) {
                LOG.warn("server={} todo eviction failed: {}", config.serverId(), e.toString());
            }
        }, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Todo lists held in this server's memory (for tests). */
    public int todoListsInMemory() {
        return todos.users();
    }

    /** Who is online, as this server tracks it (for tests and status). */
    public PresenceTracker presence() {
        return presence;
    }

    /** This server's meters (Main serves them on --metrics-port; tests read them). */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    public String serverId() {
        return config.serverId();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Graceful stop: admits nobody new, closes every client with 1001 (they reconnect elsewhere), takes no
     * more todo changes and gives every lease up, so the next owner has the complete list; idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (!config.stopAnnounce().isZero()) {
            // /health says "stopping" first, while every window carries on: proxies take this server out of
            // routing, so the windows closed next reconnect to another server at the first try.
            LOG.info("server={} stopping: announcing it for {} ms before closing {} connections", config.serverId(),
                    config.stopAnnounce().toMillis(), hub.openCount());
            hub.announceStop();
            try {
                Thread.sleep(config.stopAnnounce().toMillis()); // proxies' health checks cannot be observed from here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("server={} stopping: closing {} connections with 1001", config.serverId(), hub.openCount());
        presence.close(); // Heartbeats stop first: the users stay online while they reconnect elsewhere.
        hub.shutDown(CloseCodes.GOING_AWAY, "server shutting down");
        todos.shutDown();
        try {
            if (!hub.awaitAllClosed(SHUTDOWN_DRAIN)) {
                LOG.warn("server={} {} connections did not close within {}", config.serverId(), hub.openCount(), SHUTDOWN_DRAIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            app.stop();
        } finally {
            relay.close();
            leases.close();
            hub.close();
            accounts.close();
            timers.shutdownNow();
            redis.close();
            metrics.close();
        }
        LOG.info("server={} stopped", config.serverId());
    }
}
