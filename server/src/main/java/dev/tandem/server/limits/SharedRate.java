package dev.tandem.server.limits;

import dev.tandem.server.relay.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * Token buckets kept in Redis, so a limit holds over every connection of a user or an address, on every
 * server, and across reconnects. A bucket is a hash {@code {t: ms of Redis's clock at the last take,
 * n: tokens left}} that expires once it would be full again; Redis's clock serves every server alike.
 * <p>A request takes one token from each of its buckets, or from none: when any is empty, the answer is the
 * milliseconds until all have one (the retry-after), and nothing is taken, so refused requests do not dig the
 * hole deeper. The Lua is also spliced into the chat script (see {@code ChatPublisher}), so a chat message
 * costs no extra round trip.
 * <p>Threads: stateless apart from Redis; callable from any thread.
 */
public final class SharedRate {
    /** Redis keys of the buckets: {@code tandem:limit:<kind>:<user or address>}. */
    public static final String PREFIX = "tandem:limit:";

    /**
     * Lua: {@code take_tokens(first_key, first_arg)} over {@code KEYS[first_key..]}, each with the pair
     * {@code ARGV[first_arg + 2i]} (tokens a second), {@code ARGV[first_arg + 2i + 1]} (burst). Returns 0 when a
     * token was taken from each, else the ms to wait.
     */
    public static final String LUA = """
            local function take_tokens(first_key, first_arg)
              local t = redis.call('TIME')
              local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
              local left, wait = {}, 0
              for i = first_key, #KEYS do
                local a = first_arg + 2 * (i - first_key)
                local rate, burst = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
                local b = redis.call('HMGET', KEYS[i], 't', 'n')
                local n = burst
                if b[2] then n = math.min(burst, tonumber(b[2]) + (now - tonumber(b[1])) * rate / 1000) end
                if n < 1 then wait = math.max(wait, math.ceil((1 - n) * 1000 / rate)) end
                left[i] = n
              end
              if wait > 0 then return wait end
              for i = first_key, #KEYS do
                local a = first_arg + 2 * (i - first_key)
                local rate, burst = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
                redis.call('HSET', KEYS[i], 't', string.format('%d', now), 'n', tostring(left[i] - 1))
                redis.call('PEXPIRE', KEYS[i], math.ceil(burst * 1000 / rate) + 1000)
              end
              return 0
            end
            """;

    private static final LuaScript TAKE = LuaScript.of(LUA + "return take_tokens(1, 1)\n");

    /** One bucket: its key and its shape. */
    public record Bucket(String key, Rate rate) {
        public static Bucket of(String kind, String id, Rate rate) {
            return new Bucket(PREFIX + kind + ":" + id, rate);
        }
    }

    private SharedRate() {
    }

    /**
     * Takes a token from every bucket; returns 0, or the ms until each would have one (nothing taken).
     *
     * @throws RuntimeException if Redis fails (callers decide whether to let the request through)
     */
    public static long take(RedisCommands<String, String> redis, List<Bucket> buckets) {
        Long wait = TAKE.run(redis, ScriptOutputType.INTEGER, keys(buckets), args(buckets));
        return wait == null ? 0 : wait;
    }

    public static String[] keys(List<Bucket> buckets) {
        return buckets.stream().map(Bucket::key).toArray(String[]::new);
    }

    public static String[] args(List<Bucket> buckets) {
        List<String> args = new ArrayList<>();
        for (Bucket bucket : buckets) {
            args.add(Double.toString(bucket.rate().perSecond()));
            args.add(Integer.toString(bucket.rate().burst()));
        }
        return args.toArray(String[]::new);
    }
}
