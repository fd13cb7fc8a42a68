package dev.tandem.server;

import dev.tandem.model.Limits;
import dev.tandem.model.ResumeTokens;
import dev.tandem.server.limits.AbuseLimits;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything an app server needs to start. Immutable; the {@code with*} methods return changed copies.
 *
 * @param host              address to bind ("0.0.0.0" for all)
 * @param port              HTTP/WebSocket port; 0 picks a free one
 * @param redisUrl          redis://host:port of the cluster's Redis
 * @param serverId          this server's name, shown to clients and in /health
 * @param clusterSecret     signs resume tokens; every server of a cluster must share it
 * @param messagesPerSecond sustained per-connection rate limit
 * @param messageBurst      how far a connection may burst above the rate
 * @param pbkdf2Iterations  work factor for new password hashes (stored per account)
 * @param maxPendingBytes   bytes of frames queued to one client (chat, todo pushes, replies; waiting and in Jetty)
 *                          before it counts as too slow and is cut with 4000
 * @param signInTimeout     how long a connection may stay unauthenticated
 * @param todoIdleEviction  how long a user's list stays in memory after their last window here closed
 * @param previousSecret    the secret a rotation retired, whose tokens are still accepted; null when none
 * @param idleTimeout       a connection from which no frame came for this long is closed (4002)
 * @param stopAnnounce      on a graceful stop, how long /health says "stopping" before the windows are closed,
 *                          so that proxies have stopped routing here when they reconnect
 * @param limits            the limits per user and per client address that hold across connections and
 *                          servers, and who may tell the client address ({@link AbuseLimits})
 * @param redisMinReplicas  a chat post is acknowledged only once this many Redis replicas have it (WAIT); 0:
 *                          once the primary has it
 */
public record ServerConfig(String host, int port, String redisUrl, String serverId, byte[] clusterSecret,
                           int messagesPerSecond, int messageBurst, int pbkdf2Iterations, int maxPendingBytes,
                           Duration signInTimeout, Duration todoIdleEviction, PreviousSecret previousSecret,
                           Duration idleTimeout, Duration stopAnnounce, int redisMinReplicas, AbuseLimits limits) {

    public static final int DEFAULT_PORT = 7001;
    public static final int DEFAULT_PBKDF2_ITERATIONS = 210_000;
    /**
     * 8 MiB: twice the largest frame a server sends ({@link Limits#MAX_SERVER_FRAME_BYTES}), about 32
     * {@code todo.changed} frames of a 1,000-item list toggled at once (~250 KB with 200-character titles) or
     * about 2,000 chat messages of 4 KB. What the frame limit of 4096 allowed for 2 KB chat messages, and no
     * more: under the push bomb one user's windows share their frames, so the server holds about this much
     * per user, not per window.
     */
    public static final int DEFAULT_MAX_PENDING_BYTES = 8 * 1024 * 1024;
    /** Twice the proxy's default health interval (1 s): it has seen "stopping" by then, even one check late. */
    public static final Duration DEFAULT_STOP_ANNOUNCE = Duration.ofSeconds(2);
    /** A reconnect within this finds the list still in memory; after it, it is reloaded from Redis. */
    public static final Duration DEFAULT_TODO_IDLE_EVICTION = Duration.ofMinutes(2);
    /**
     * How much longer than {@link ResumeTokens#DEFAULT_TTL} after its rotation a retired secret's tokens
     * are trusted. Servers that were not restarted yet still mint with the old secret during a rolling
     * restart (16 servers at 90 s each take under half an hour), and machines' clocks differ a little.
     */
    public static final Duration ROTATION_GRACE = Duration.ofHours(1);

    /**
     * A cluster secret that a rotation retired at {@code retiredAt}: it mints no more tokens, and verifies
     * those it signed until every one of them has expired.
     */
    public record PreviousSecret(byte[] secret, Instant retiredAt) {
        public PreviousSecret {
            secret = secret.clone();
        }

        /** The latest expiry a token it signed before the rotation (or during the rolling restart) can have. */
        public Instant acceptedUntil() {
            return retiredAt.plus(ResumeTokens.DEFAULT_TTL).plus(ROTATION_GRACE);
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        /** Never print the secret. */
        @Override
        public String toString() {
            return "PreviousSecret[retiredAt=" + retiredAt + "]";
        }
    }

    /** Defaults for a local server; the cluster secret is random, so tokens only work on this server. */
    public static ServerConfig defaults(String redisUrl, String serverId) {
        return new ServerConfig("0.0.0.0", DEFAULT_PORT, redisUrl, serverId, randomSecret(),
                Limits.DEFAULT_MESSAGES_PER_SECOND, Limits.DEFAULT_MESSAGE_BURST, DEFAULT_PBKDF2_ITERATIONS,
                DEFAULT_MAX_PENDING_BYTES, Limits.SIGN_IN_TIMEOUT, DEFAULT_TODO_IDLE_EVICTION, null, Limits.IDLE_TIMEOUT, DEFAULT_STOP_ANNOUNCE, 0,
                AbuseLimits.defaults());
    }

    /**
     * A server on a random loopback port with a fixed test cluster secret, for tests in any module. New
     * password hashes use a lower work factor: tests sign in often, and what they check is behaviour, not
     * the hash's cost (still PBKDF2, salted, and verified the same way).
     */
    public static ServerConfig forTests(String redisUrl, String serverId) {
        return defaults(redisUrl, serverId).withHost("127.0.0.1").withPort(0)
                .withClusterSecret(TEST_SECRET.getBytes(StandardCharsets.UTF_8))
                .withPbkdf2Iterations(TEST_PBKDF2_ITERATIONS)
                // Tests stop servers often, and only the tests of the announcement itself need it.
                .withStopAnnounce(Duration.ZERO)
                // Every test client is 127.0.0.1 and many sign in as one user: tests of a limit set it.
                .withLimits(AbuseLimits.unlimited());
    }

    /** The work factor {@link #forTests} uses. */
    public static final int TEST_PBKDF2_ITERATIONS = 10_000;

    /** The cluster secret {@link #forTests} uses, so tests can mint resume tokens. */
    public static final String TEST_SECRET = "tandem-test-cluster-secret-0123456789";

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                pbkdf2Iterations, maxPendingBytes, signInTimeout, todoIdleEviction, previousSecret, idleTimeout, stopAnnounce, redisMinReplicas, limits);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                pbkdf2Iterations, maxPendingBytes, signInTimeout, todoIdleEviction, previousSecret, idleTimeout, stopAnnounce, redisMinReplicas, limits);
    }

    public ServerConfig withClusterSecret(byte[] newSecret) {
        return new ServerConfig(host, port, redisUrl, serverId, newSecret.clone(), messagesPerSecond, messageBurst,
                pbkdf2Iterations, maxPendingBytes, signInTimeout, todoIdleEviction, previousSecret, idleTimeout, stopAnnounce, redisMinReplicas, limits);
    }

    public ServerConfig withRateLimit(int perSecond, int burst) {
        return new ServerConfig(host, port, redisUrl, serverId, clusterSecret, perSecond, burst,
                pbkdf2Iterations, maxPendingBytes, signInTimeout, todoIdleEviction, previousSecret, idleTimeout, stopAnnounce, redisMinReplicas, limits);
    }

    public ServerConfig withMaxPendingBytes(int newMax) {
        return new ServerConfig(host, port, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                pbkdf2Iterations, newMax, signInTimeout, todoIdleEviction, previousSecret, idleTimeout, stopAnnounce, redisMinReplicas, limits);
    }

    public ServerConfig withSignInTimeout(Duration newTimeout) {
        return new ServerConfig(host, port, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                pbkdf2Iterations, maxPendingBytes, newTimeout, todoIdleEviction, previousSecret, idleTimeout, stopAnnounce, redisMinReplicas, limits);
    }

    public ServerConfig withTodoIdleEviction(Duration idle) {
        return new ServerConfig(host, port, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                pbkdf2Iterations, maxPendingBytes, signInTimeout, idle, previousSecret, idleTimeout, stopAnnounce, redisMinReplicas, limits);
    }

    /** With a retired secret whose tokens are still accepted (null: none). */
    public ServerConfig withPreviousSecret(PreviousSecret previous) {
        return new ServerConfig(host, port, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                pbkdf2Iterations, maxPendingBytes, signInTimeout, todoIdleEviction, previous, idleTimeout, stopAnnounce, redisMinReplicas, limits);
    }

    /** With another idle timeout (tests: seconds instead of a minute). */
    public ServerConfig withIdleTimeout(Duration idle) {
        return new ServerConfig(host, port, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                pbkdf2Iterations, maxPendingBytes, signInTimeout, todoIdleEviction, previousSecret, idle, stopAnnounce, redisMinReplicas, limits);
    }

    /** With another stop announcement (tests: the proxy's short health interval, or zero). */
    public ServerConfig withStopAnnounce(Duration announce) {
        return new ServerConfig(host, port, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                pbkdf2Iterations, maxPendingBytes, signInTimeout, todoIdleEviction, previousSecret, idleTimeout, announce, redisMinReplicas, limits);
    }

    public ServerConfig withPbkdf2Iterations(int iterations) {
        return new ServerConfig(host, port, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                iterations, maxPendingBytes, signInTimeout, todoIdleEviction, previousSecret, idleTimeout, stopAnnounce, redisMinReplicas, limits);
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", redisUrl=" + redisUrl + ", serverId=" + serverId
                + ", rate=" + messagesPerSecond + "/s burst " + messageBurst + ", pbkdf2=" + pbkdf2Iterations
                + ", maxPendingBytes=" + maxPendingBytes + ", " + limits
                + (previousSecret == null ? "" : ", previousSecret retired at " + previousSecret.retiredAt()) + "]";
    }

    static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    public ServerConfig withRedisMinReplicas(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("redisMinReplicas must be >= 0");
        }
        return new ServerConfig(host, port, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                pbkdf2Iterations, maxPendingBytes, signInTimeout, todoIdleEviction, previousSecret, idleTimeout, stopAnnounce,
                replicas, limits);
    }

    /** With other limits per user and per address. */
    public ServerConfig withLimits(AbuseLimits newLimits) {
        return new ServerConfig(host, port, redisUrl, serverId, clusterSecret, messagesPerSecond, messageBurst,
                pbkdf2Iterations, maxPendingBytes, signInTimeout, todoIdleEviction, previousSecret, idleTimeout, stopAnnounce,
                redisMinReplicas, newLimits);
    }
}
