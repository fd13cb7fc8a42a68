package dev.tandem.server;

import dev.tandem.model.CloseCodes;
import dev.tandem.model.Protocol;
import dev.tandem.model.ResumeTokens;
import dev.tandem.server.auth.Accounts;
import dev.tandem.server.auth.PasswordHasher;
import dev.tandem.server.chat.ChatFeed;
import dev.tandem.server.chat.ChatPublisher;
import dev.tandem.server.http.HealthHandler;
import dev.tandem.server.redis.RedisLink;
import dev.tandem.server.todo.TodoStore;
import dev.tandem.server.ws.ConnectionHub;
import dev.tandem.server.ws.SessionHandler;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Tandem app server: a Javalin (Jetty 12) HTTP + WebSocket server, its Redis link, the chat feed and
 * the in-memory todo boards. Start with {@link #start(ServerConfig)}, stop with {@link #stop()}.
 */
public final class TandemServer {
    private static final Logger LOG = LoggerFactory.getLogger(TandemServer.class);
    /** Frames above this are refused by Jetty itself (close 1009); below it we answer too_large. */
    private static final long TRANSPORT_MAX_MESSAGE = 1024 * 1024;

    /** How long a stop waits for clients to answer the 1001 close before cutting them off. */
    private static final java.time.Duration SHUTDOWN_DRAIN = java.time.Duration.ofSeconds(3);

    private final ServerConfig config;
    private final RedisLink redis;
    private final ChatFeed chatFeed;
    private final ConnectionHub hub;
    private final Accounts accounts;
    private final ScheduledExecutorService timers;
    private final Javalin app;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private TandemServer(ServerConfig config) {
        this.config = config;
        this.redis = new RedisLink(config.redisUrl(), config.serverId());
        this.hub = new ConnectionHub();
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "timers");
            thread.setDaemon(true);
            return thread;
        });
        this.chatFeed = new ChatFeed(redis, hub, config.serverId());
        Clock clock = Clock.systemUTC();
        PasswordHasher hasher = new PasswordHasher(config.pbkdf2Iterations());
        hasher.warmUp();
        this.accounts = new Accounts(redis.commands().sync(), hasher);
        SessionHandler sessions = new SessionHandler(config, accounts,
                new ResumeTokens(config.clusterSecret()), new TodoStore(), chatFeed,
                new ChatPublisher(redis.commands().async(), config.serverId(), clock), hub, timers, clock);
        HealthHandler health = new HealthHandler(config.serverId(), redis, chatFeed, hub);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(TRANSPORT_MAX_MESSAGE);
                factory.setMaxBinaryMessageSize(TRANSPORT_MAX_MESSAGE);
                factory.setIdleTimeout(dev.tandem.model.Limits.IDLE_TIMEOUT);
            });
            cfg.routes.get("/health", health);
            cfg.routes.ws(Protocol.WS_PATH, sessions::configure);
        });
    }

    /** Connects to Redis, subscribes to chat and starts serving. Throws if Redis is unreachable. */
    public static TandemServer start(ServerConfig config) {
        TandemServer server = new TandemServer(config);
        try {
            server.chatFeed.start();
            server.app.start();
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        LOG.info("server={} listening on {}:{} (redis {}, version {})", config.serverId(), config.host(),
                server.port(), config.redisUrl(), Version.get());
        return server;
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

    /** Graceful stop: clients are told we are going away (1001) and reconnect elsewhere; idempotent. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        LOG.info("server={} stopping: closing {} connections with 1001", config.serverId(), hub.openCount());
        hub.shutDown(CloseCodes.GOING_AWAY, "server shutting down");
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
            chatFeed.close();
            hub.close();
            accounts.close();
            timers.shutdownNow();
            redis.close();
        }
        LOG.info("server={} stopped", config.serverId());
    }
}
