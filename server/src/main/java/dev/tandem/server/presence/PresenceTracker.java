package dev.tandem.server.presence;

import dev.tandem.model.Limits;
import dev.tandem.server.redis.RedisFailure;
import dev.tandem.server.redis.RedisLink;
import dev.tandem.server.window.Broadcaster;
import dev.tandem.server.window.Window;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence across servers: who is online on any server, told to this server's windows. Sign-in counts a
 * window ({@link #admit}), its close forgets it ({@link #closed}); once every {@link #INTERVAL} a tick writes
 * this server's users to Redis ({@link PresenceStore}: a key per server with a time-to-live), reads the other
 * servers', and broadcasts what changed since the last frame to every signed-in window here, as one
 * {@code presence} frame ({@link PresenceBoard}).
 * <p><b>Within {@link Limits#PRESENCE_TIMEOUT}.</b> A server killed at time k wrote its last heartbeat at or
 * before k, so its key expires by k + {@link PresenceStore#TTL} (3 s); every other server's next tick, at most
 * {@link #INTERVAL} (1 s) later, no longer finds it and tells its windows: offline everywhere by about k + 4 s.
 * A live server may miss two heartbeats in a row (a pause, a slow Redis) before its users look offline. A
 * clean close shows after {@link LocalWindows#LINGER} (2 s) and one or two ticks: within about 4 s.
 * <p><b>Redis outages.</b> Sign-ins and closes only touch memory, never Redis, so the session path never
 * waits for it or fails because of it. A tick whose Redis calls fail keeps the last known sets of the other
 * servers (and this server's own users, which it knows itself) and tries again at the next tick; when Redis
 * answers again the own set is written anew if Redis lost it, and for {@link #RECOVERY_GRACE} after that,
 * servers that are missing are kept rather than dropped: a Redis that came back empty has none of their
 * keys until each has reconnected and beaten again, and they must not all flicker offline meanwhile.
 * <p><b>Stopping.</b> {@link #close} stops the heartbeats without deleting the key: the server's clients
 * are told to go away and reconnect elsewhere, and the key, expiring within {@link PresenceStore#TTL}, keeps
 * them online in between; those who do not come back go offline when it expires.
 * <p>Threads: one {@code presence} thread runs the ticks and owns the Redis calls, the stamps and
 * {@link ServerSets}; {@link #admit} and {@link #closed} run on the callers' threads and only touch the
 * {@link PresenceBoard} (see its locking).
 */
public final class PresenceTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceTracker.class);
    /** How often this server beats and polls: the most presence frames a window gets is one per interval. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** After Redis comes back, how long servers missing from it keep their users (see the class comment). */
    static final Duration RECOVERY_GRACE = Duration.ofSeconds(5);

    private final String serverId;
    private final PresenceBoard board;
    private final PresenceStore store;
    private final ServerSets others = new ServerSets();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "presence");
        t.setDaemon(true);
        return t;
    });
    /** Stamps of this process start with it, so a restart under the same server id never reuses one. */
    private final String incarnation = UUID.randomUUID().toString().substring(0, 8);

    // Presence thread only.
    private long version;
    /** The stamp and set last written successfully; null before the first write. */
    private String stamp;
    private Set<String> written;
    private boolean redisFailing;
    /** What the last tick found: written by the presence thread, read by tests and status. */
    private volatile boolean redisAnswering = true;
    private long recoveredAtNanos;
    private boolean recovered;

    public PresenceTracker(RedisLink redis, Broadcaster broadcaster, String serverId) {
        this.serverId = serverId;
        this.board = new PresenceBoard(broadcaster);
        this.store = new PresenceStore(redis.commands().sync(), serverId);
    }

    /**
     * Writes this server's (empty) set at once, which also clears whatever a previous process with this id
     * left, then beats and polls every {@link #INTERVAL}. Redis failures are logged, never thrown.
     */
    public void start() {
        try {
            thread.submit(this::tick).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("server={} presence: first heartbeat did not finish: {}", serverId, e.toString());
        }
        thread.scheduleWithFixedDelay(this::tick, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Counts {@code window} as {@code user}'s and runs {@code admission} (send the welcome with {@code online},
     * join the broadcasts) so that the next presence frame is the change from that {@code online}; see
     * {@link PresenceBoard#admit}. Memory only: never waits for Redis.
     */
    public boolean admit(String user, Window window, PresenceBoard.Admission admission) {
        return board.admit(user, window, admission);
    }

    /** A window closed; nothing happens unless it was admitted. Memory only. */
    public void closed(Window window) {
        board.closed(window);
    }

    /** How many of {@code user}'s windows are signed in here (for tests). */
    public int windows(String user) {
        return board.windows(user);
    }

    /** False while the last tick's Redis calls failed (the last known presence is kept meanwhile). */
    public boolean redisAnswering() {
        return redisAnswering;
    }

    /** Presence thread: heartbeat, poll, publish. Never throws (a scheduled task that throws stops). */
    private void tick() {
        try {
            Set<String> local = board.localUsers();
            boolean wrote = beat(local);
            boolean read = poll();
            noteRedis(wrote && read);
            Set<String> online = new HashSet<>(others.users());
            online.addAll(local);
            board.publish(online);
        } catch (RuntimeException e) {
            LOG.error("server={} presence tick failed", serverId, e);
        }
    }

    /** Writes the set if it changed or Redis lost it, else renews its time-to-live. False if Redis failed. */
    private boolean beat(Set<String> local) {
        try {
            if (!local.equals(written) || !store.refresh(stamp)) {
                String next = incarnation + "." + (++version);
                store.write(next, local);
                stamp = next;
                written = local;
            }
            return true;
        } catch (RuntimeException e) {
            failure("heartbeat", e);
            return false;
        }
    }

    /** Reads the other servers' sets (those that changed). False if Redis failed: the last known are kept. */
    private boolean poll() {
        try {
            var states = store.others(others.stamps());
            others.apply(states, redisFailing || (recovered && System.nanoTime() - recoveredAtNanos < RECOVERY_GRACE.toNanos()));
            return true;
        } catch (RuntimeException e) {
            failure("poll", e);
            return false;
        }
    }

    private void failure(String what, RuntimeException e) {
        if (!redisFailing) {
            LOG.warn("server={} presence {} failed, keeping the last known presence until Redis answers: {}",
                    serverId, what, RedisFailure.describe(e));
        }
    }

    private void noteRedis(boolean ok) {
        redisAnswering = ok;
        if (!ok) {
            redisFailing = true;
        } else if (redisFailing) {
            redisFailing = false;
            recovered = true;
            recoveredAtNanos = System.nanoTime();
            LOG.info("server={} presence: Redis answers again; servers missing from it are kept for {} s",
                    serverId, RECOVERY_GRACE.toSeconds());
        }
    }

    /** Stops the heartbeats (the key expires by itself: see the class comment); idempotent. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
