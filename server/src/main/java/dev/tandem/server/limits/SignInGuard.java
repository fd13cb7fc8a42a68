package dev.tandem.server.limits;

import dev.tandem.server.relay.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Growing delays after failed password sign-ins, per account and per client address, in Redis (so they hold
 * on every server and across reconnects), and a bound on one address's password checks in the hash pool.
 * <p>After {@code free} failures in a row an account (or address) waits {@code first} before its next attempt,
 * doubling with each further failure up to {@code longest}; an attempt made during the wait is refused before
 * any hashing and does not count. A success clears the account's count (not the address's: an attacker with
 * an account of their own must not reset their address by signing into it). A count is forgotten after
 * {@code forget} without failures.
 * <p>The trade-off: the account's delay holds against everyone, its owner too, so it is capped at
 * {@code longest} (30 s): an attacker keeps an account at one guess per 30 s at best, and its owner, signing in
 * with the password during such an attack, is told {@code rate_limited} with a retry-after of at most 30 s
 * (and may have to try a few times while the attack lasts). Windows already signed in are not affected: a
 * resume token is not a password guess.
 * <p>Threads: any session thread; Redis does the counting, the per-address counts of checks in the pool change in {@code ConcurrentHashMap.compute}, atomically.
 */
public final class SignInGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SignInGuard.class);

    /** KEYS: the failure hashes {count, until (ms)}. Returns the ms until every one allows an attempt. */
    private static final LuaScript WAIT = LuaScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local wait = 0
            for i = 1, #KEYS do
              local untilMs = tonumber(redis.call('HGET', KEYS[i], 'until') or '0')
              if untilMs - now > wait then wait = untilMs - now end
            end
            return wait
            """);

    /**
     * An address gets this many times an account's free failures: many people share one address (an office's
     * NAT), and a few mistyped passwords there must not slow everyone's sign-in down; a guesser spraying many
     * accounts from one address still meets the delays after a few dozen.
     */
    static final int ADDRESS_FREE_FACTOR = 10;

    /**
     * KEYS: the failure hashes, the account's first, then the address's. ARGV: free, first (ms), longest (ms),
     * forget (ms), the address's factor of free. Counts a failure in each.
     */
    private static final LuaScript FAILED = LuaScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local free, first, longest, forget = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            for i = 1, #KEYS do
              local count = redis.call('HINCRBY', KEYS[i], 'count', 1)
              local allowed = free
              if i > 1 then allowed = free * tonumber(ARGV[5]) end
              if count > allowed then
                local delay = math.min(longest, first * 2 ^ math.min(30, count - allowed - 1))
                redis.call('HSET', KEYS[i], 'until', string.format('%d', now + delay))
              end
              redis.call('PEXPIRE', KEYS[i], forget + longest)
            end
            return 0
            """);

    private final AbuseLimits.Failures failures;
    private final int hashingPerAddress;
    private final RedisCommands<String, String> redis;
    private final Map<String, Integer> hashing = new ConcurrentHashMap<>();

    public SignInGuard(AbuseLimits limits, RedisCommands<String, String> redis) {
        this.failures = limits.failures();
        this.hashingPerAddress = limits.hashingPerAddress();
        this.redis = redis;
    }

    /** Ms until {@code user} may be tried again from {@code address}; 0 now. Redis failing: 0. */
    public long waitFor(String user, String address) {
        try {
            Long wait = WAIT.run(redis, ScriptOutputType.INTEGER, keys(user, address));
            return wait == null ? 0 : Math.max(0, wait);
        } catch (RuntimeException e) {
            LOG.debug("sign-in delay not checked (Redis failed): {}", e.toString());
            return 0;
        }
    }

    /** Counts a failed sign-in of {@code user} from {@code address}. */
    public void failed(String user, String address) {
        try {
            FAILED.run(redis, ScriptOutputType.INTEGER, keys(user, address), Integer.toString(failures.free()),
                    Long.toString(failures.first().toMillis()), Long.toString(failures.longest().toMillis()),
                    Long.toString(failures.forget().toMillis()), Integer.toString(ADDRESS_FREE_FACTOR));
        } catch (RuntimeException e) {
            LOG.debug("sign-in failure not counted (Redis failed): {}", e.toString());
        }
    }

    /** {@code user} signed in with the right password: their account's count starts over. */
    public void succeeded(String user) {
        try {
            redis.del(SharedRate.PREFIX + "fail:user:" + user);
        } catch (RuntimeException e) {
            LOG.debug("sign-in failures not cleared (Redis failed): {}", e.toString());
        }
    }

    /**
     * Claims a place in the hash pool for a check of {@code user} from {@code address}; false when the address,
     * or the account, holds its share already ({@code hashingPerAddress} each). The account's share matters
     * when many addresses try one account at once: all of them pass {@link #waitFor} before the first failure
     * is counted. Every true must be followed by {@link #leave} with the same arguments.
     */
    public boolean enter(String user, String address) {
        if (!claim("addr:" + address)) {
            return false;
        }
        if (!claim("user:" + user)) {
            release("addr:" + address);
            return false;
        }
        return true;
    }

    public void leave(String user, String address) {
        release("user:" + user);
        release("addr:" + address);
    }

    private boolean claim(String key) {
        boolean[] claimed = {false};
        hashing.compute(key, (k, count) -> {
            int n = count == null ? 0 : count;
            if (n >= hashingPerAddress) {
                return count;
            }
            claimed[0] = true;
            return n + 1;
        });
        return claimed[0];
    }

    private void release(String key) {
        hashing.compute(key, (k, count) -> count == null || count <= 1 ? null : count - 1);
    }

    private static String[] keys(String user, String address) {
        return new String[] {SharedRate.PREFIX + "fail:user:" + user, SharedRate.PREFIX + "fail:addr:" + address};
    }
}
