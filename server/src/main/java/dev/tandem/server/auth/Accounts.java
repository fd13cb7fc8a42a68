package dev.tandem.server.auth;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * User accounts in Redis: one key per user holding the password hash. The first sign-in with an unused
 * name registers it (atomically, {@code SET NX}), so two people racing for one name cannot both get it.
 * <p>Threads: called on WebSocket handler threads, which wait while the check runs on the {@link HashPool}.
 * Lettuce's sync API on a shared connection is thread-safe.
 */
public final class Accounts implements AutoCloseable {
    private static final String KEY_PREFIX = "tandem:account:";

    /** What a sign-in attempt came to. */
    public enum Outcome { SIGNED_IN, REGISTERED, WRONG_PASSWORD }

    private final RedisCommands<String, String> redis;
    private final PasswordHasher hasher;
    private final HashPool pool = HashPool.perCore();

    public Accounts(RedisCommands<String, String> redis, PasswordHasher hasher) {
        this.redis = redis;
        this.hasher = hasher;
    }

    /**
     * Checks the password, registering the name if nobody holds it; blocks until done.
     *
     * @throws RuntimeException if too many sign-ins are already waiting ({@link #isBusy}) or Redis is
     *                          unavailable
     */
    public Outcome signIn(String user, String password) {
        return pool.run(() -> check(user, password));
    }

    /** True if {@code failure} from {@link #signIn} means "busy, retry soon" rather than "Redis is down". */
    public static boolean isBusy(RuntimeException failure) {
        return failure instanceof HashPool.BusyException;
    }

    private Outcome check(String user, String password) {
        String key = KEY_PREFIX + user;
        String stored = redis.get(key);
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
