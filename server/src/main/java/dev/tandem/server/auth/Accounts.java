package dev.tandem.server.auth;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * User accounts in Redis: one key per user holding the password hash. The first sign-in with an unused
 * name registers it (atomically, {@code SET NX}), so two people racing for one name cannot both get it.
 * Called on WebSocket handler threads; Lettuce's sync API on a shared connection is thread-safe.
 */
public final class Accounts {
    private static final String KEY_PREFIX = "tandem:account:";

    /** What a sign-in attempt came to. */
    public enum Outcome { SIGNED_IN, REGISTERED, WRONG_PASSWORD }

    private final RedisCommands<String, String> redis;
    private final PasswordHasher hasher;

    public Accounts(RedisCommands<String, String> redis, PasswordHasher hasher) {
        this.redis = redis;
        this.hasher = hasher;
    }

    /** Checks the password, registering the name if nobody holds it. Throws if Redis is unavailable. */
    public Outcome signIn(String user, String password) {
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
}
