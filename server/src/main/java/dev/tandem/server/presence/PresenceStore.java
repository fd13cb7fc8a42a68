package dev.tandem.server.presence;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Presence in Redis: each server's set of signed-in users under a key of its own with a time-to-live, which
 * its heartbeat renews, and a registry of the servers.
 * <table>
 * <caption>Redis keys</caption>
 * <tr><td>{@code tandem:{presence}:server:<serverId>}</td><td>hash: {@code @stamp} → the version of the set,
 * then one field per user online on that server (value "1"); expires {@link #TTL} after the last heartbeat</td></tr>
 * <tr><td>{@code tandem:{presence}:servers}</td><td>sorted set: server id → time of its last heartbeat (Redis's
 * clock, ms); ids silent for {@link #REGISTRY_HORIZON} are pruned</td></tr>
 * </table>
 * <p><b>Why it is correct.</b> A user is online while some live server's key names them; the union over the
 * servers is who is online. Two windows of one user on two servers (a failover, affinity briefly wrong) are
 * two entries in two keys: closing one leaves the other, so the user stays online until the last window
 * anywhere closes. A clean close takes the user out of that server's set at its first heartbeat after
 * {@link LocalWindows#LINGER} (which keeps a user who moves between servers from flickering). A crash
 * (kill -9) stops the heartbeats: the key expires by Redis's own clock (no server clock is compared with
 * another) at most {@link #TTL} after the last one, with every user in it at once, so nothing is left behind.
 * A write replaces the whole set under a new stamp, never adds to it, and a stamp is never reused across
 * restarts (it starts with a random incarnation id): a server restarted with the same id writes its (empty)
 * set at start-up, so the users its previous life left in Redis are gone at once instead of coming back.
 * <p><b>What it costs</b>, for N users on S servers with a heartbeat every second: each server runs two
 * scripts a second. Unchanged sets cost O(1) to renew and O(S) to poll (one HGET per server), so a quiet
 * cluster makes about S × (S + 5) small Redis operations a second (S = 10: about 150). A set that changed is
 * written whole by its server (N/S fields) and read whole by each other server (HKEYS), so a busy cluster,
 * in which every set changes every second, moves about S × N names a second out of Redis (N = 10,000,
 * S = 10: 100,000 names, ~1.5 MB/s) and writes N. Memory: N fields plus S keys. Past that, the next step is
 * a per-server change log (deltas) instead of whole sets.
 * <p>All keys carry the hash tag {@code {presence}}, so on a Redis Cluster they share one slot and the
 * poll script, which reads keys named in the registry, stays on one node.
 * <p>Threads: called only on the presence thread; the Lettuce connection is shared and thread-safe.
 */
final class PresenceStore {
    /** How long a server's set outlives its last heartbeat. */
    static final Duration TTL = Duration.ofSeconds(3);
    /** A registered server silent this long is forgotten (its key expired long before). */
    static final Duration REGISTRY_HORIZON = Duration.ofHours(1);

    static final String SERVERS = "tandem:{presence}:servers";
    static final String SERVER_PREFIX = "tandem:{presence}:server:";
    static final String STAMP = "@stamp";

    /** One other server as a poll found it: {@code stamp} null when it is gone, {@code users} null when unchanged. */
    record ServerState(String server, String stamp, Set<String> users) {
    }

    private final RedisCommands<String, String> redis;
    private final String serverId;
    private final String key;

    PresenceStore(RedisCommands<String, String> redis, String serverId) {
        this.redis = redis;
        this.serverId = serverId;
        this.key = key(serverId);
    }

    /** The key holding {@code serverId}'s users. */
    static String key(String serverId) {
        return SERVER_PREFIX + serverId;
    }

    /**
     * Heartbeat without a change: renews this server's key if it still holds {@code stamp}. False when it
     * does not (it expired, Redis lost it, or the last write's outcome was unknown): write the set again.
     */
    boolean refresh(String stamp) {
        Long renewed = redis.eval(BEAT, ScriptOutputType.INTEGER, new String[] {SERVERS, key},
                serverId, Long.toString(TTL.toMillis()), Long.toString(REGISTRY_HORIZON.toMillis()), stamp, "refresh");
        return renewed != null && renewed == 1;
    }

    /** Heartbeat with the whole set: replaces this server's key with {@code users} under {@code stamp}. */
    void write(String stamp, Collection<String> users) {
        List<String> args = new ArrayList<>(users.size() + 5);
        args.add(serverId);
        args.add(Long.toString(TTL.toMillis()));
        args.add(Long.toString(REGISTRY_HORIZON.toMillis()));
        args.add(stamp);
        args.add("write");
        args.addAll(users);
        redis.eval(BEAT, ScriptOutputType.INTEGER, new String[] {SERVERS, key}, args.toArray(String[]::new));
    }

    /**
     * Every other registered server: gone, unchanged since the stamp in {@code known}, or its new stamp and
     * users. One script, so each server's stamp and set are read together.
     */
    List<ServerState> others(Map<String, String> known) {
        List<String> args = new ArrayList<>(2 + known.size() * 2);
        args.add(SERVER_PREFIX);
        args.add(serverId);
        known.forEach((server, stamp) -> {
            args.add(server);
            args.add(stamp);
        });
        List<Object> reply = redis.eval(POLL, ScriptOutputType.MULTI, new String[] {SERVERS}, args.toArray(String[]::new));
        List<ServerState> states = new ArrayList<>();
        int i = 0;
        while (i < reply.size()) {
            String server = (String) reply.get(i);
            String stamp = (String) reply.get(i + 1);
            int count = Integer.parseInt((String) reply.get(i + 2));
            i += 3;
            if (stamp.isEmpty()) {
                states.add(new ServerState(server, null, null));
            } else if (count < 0) {
                states.add(new ServerState(server, stamp, null));
            } else {
                Set<String> users = new HashSet<>();
                for (int j = 0; j < count; j++) {
                    users.add((String) reply.get(i + j));
                }
                i += count;
                states.add(new ServerState(server, stamp, users));
            }
        }
        return states;
    }

    /**
     * KEYS: registry, this server's key. ARGV: server id, TTL (ms), registry horizon (ms), stamp, "refresh" or
     * "write", then (write) the users. Registers the server with Redis's clock; refresh renews the key only if
     * it holds the stamp (1, else 0); write replaces it (fields in chunks: Lua's unpack has a stack limit).
     */
    private static final String BEAT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZADD', KEYS[1], now, ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
            if ARGV[5] == 'refresh' then
              if redis.call('HGET', KEYS[2], '@stamp') ~= ARGV[4] then return 0 end
              redis.call('PEXPIRE', KEYS[2], ARGV[2])
              return 1
            end
            redis.call('DEL', KEYS[2])
            redis.call('HSET', KEYS[2], '@stamp', ARGV[4])
            local i = 6
            while i <= #ARGV do
              local chunk = {}
              for j = i, math.min(i + 499, #ARGV) do
                chunk[#chunk + 1] = ARGV[j]
                chunk[#chunk + 1] = '1'
              end
              redis.call('HSET', KEYS[2], unpack(chunk))
              i = i + 500
            end
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            return 1
            """;

    /**
     * KEYS: registry. ARGV: key prefix, this server's id, then (server id, stamp held) pairs. Returns, flat,
     * per other registered server: id, stamp ("" when its key is gone), and -1 (unchanged) or the count of
     * users followed by them.
     */
    private static final String POLL = """
            local held = {}
            for i = 3, #ARGV, 2 do held[ARGV[i]] = ARGV[i + 1] end
            local out = {}
            for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              if id ~= ARGV[2] then
                local key = ARGV[1] .. id
                local stamp = redis.call('HGET', key, '@stamp')
                if not stamp then
                  out[#out + 1] = id; out[#out + 1] = ''; out[#out + 1] = '-1'
                elseif stamp == held[id] then
                  out[#out + 1] = id; out[#out + 1] = stamp; out[#out + 1] = '-1'
                else
                  local fields = redis.call('HKEYS', key)
                  out[#out + 1] = id; out[#out + 1] = stamp; out[#out + 1] = tostring(#fields - 1)
                  for _, field in ipairs(fields) do
                    if field ~= '@stamp' then out[#out + 1] = field end
                  end
                end
              end
            end
            return out
            """;
}
