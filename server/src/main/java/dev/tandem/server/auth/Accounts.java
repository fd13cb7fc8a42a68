package dev.tandem.server.auth;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.function.BooleanSupplier;

/**
 * User accounts in Redis: one key per user holding the password hash. A sign-in that may create an account
 * registers an unused name (atomically, {@code SET NX}), so two people racing for one name cannot both get
 * it; one that may not (a "Sign in" form) leaves an unused name unused.
 * <p>Threads: called on WebSocket handler threads. The account is read there; the hash (or the check of it)
 * runs on the {@link HashPool} while the caller waits. Lettuce's sync API on a shared connection is
 * thread-safe.
 */
public final class Accounts implements AutoCloseable {
    /** Each account is the key {@code tandem:account:<user>}. */
    public static final String KEY_PREFIX = "tandem:account:";

    /** What a sign-in attempt came to. */
    public enum Outcome {
        SIGNED_IN, REGISTERED, WRONG_PASSWORD, UNKNOWN_USER,
        /** The name is unused and would have been registered, but the caller's registration limit said no. */
        REGISTRATION_REFUSED
    }

    private final RedisCommands<String, String> redis;
    private final PasswordHasher hasher;
    private final HashPool pool;

    public Accounts(RedisCommands<String, String> redis, PasswordHasher hasher) {
        this(redis, hasher, HashPool.perCore());
    }

    /** With a pool of the caller's (tests: a small one they can fill). */
    Accounts(RedisCommands<String, String> redis, PasswordHasher hasher, HashPool pool) {
        this.redis = redis;
        this.hasher = hasher;
        this.pool = pool;
    }

    /**
     * Checks the password; blocks until done. An unused name is registered with this password when
     * {@code create} is true, and is {@link Outcome#UNKNOWN_USER} when it is false.
     *
     * @throws RuntimeException if too many sign-ins are already waiting ({@link #isBusy}) or Redis is
     *                          unavailable
     */
    public Outcome signIn(String user, String password, boolean create) {
        return signIn(user, password, create, () -> true);
    }

    /**
     * As {@link #signIn(String, String, boolean)}; a registration first asks {@code mayRegister} (a limit
     * per address), before any hashing, and is {@link Outcome#REGISTRATION_REFUSED} when it says no.
     */
    public Outcome signIn(String user, String password, boolean create, BooleanSupplier mayRegister) {
        String key = KEY_PREFIX + user;
        // Read before queueing for the pool: a name with no account, when none may be made, costs neither a
        // hash nor a place in the pool's queue, so typos and probes cannot crowd out real sign-ins. The
        // quicker answer tells nothing a timing attack would not: unknown_user names the fact outright, and
        // wrong_password already says the name exists.
        String stored = redis.get(key);
        if (stored == null && !create) {
            return Outcome.UNKNOWN_USER;
        }
        if (stored == null && !mayRegister.getAsBoolean()) {
            return Outcome.REGISTRATION_REFUSED;
        }
        return pool.run(() -> check(key, password, stored));
    }

    /** True if {@code failure} from {@link #signIn} means "busy, retry soon" rather than "Redis is down". */
    public static boolean isBusy(RuntimeException failure) {
        return failure instanceof HashPool.BusyException;
    }

    private Outcome check(String key, String password, String read) {
        String stored = read;
        if (stored == null) {
            String hash = hasher.hash(password);
            if ("OK".equals(redis.set(key, hash, SetArgs.Builder.nx()))) {
                return Outcome.REGISTERED;
            }
            stored = redis.get(key); // Someone registered it between our GET and SET.
        }
        return stored != null && hasher.matches(password, stored) ? Outcome.SIGNED_IN : Outcome.WRONG_PASSWORD;
    }

    @Override
    public void close() {
        pool.close();
    }
}
