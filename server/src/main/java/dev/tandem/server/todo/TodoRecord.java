package dev.tandem.server.todo;

import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.Todo;
import io.lettuce.core.ScriptOutputType;
import dev.tandem.server.redis.ReplicatedWrites;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The durable record of every user's todo list in Redis, and the lease that says which server may change it.
 * Every operation is one Lua script, so each is atomic: a take-over bumps the epoch and reads the list in one
 * step; a commit checks the epoch (the fencing token) and the revision before it writes, so a server that
 * lost the lease can never overwrite the new owner, and a commit built on a stale copy is refused.
 * <p>Threads: stateless apart from the shared Lettuce connection (thread-safe); callers serialise per user
 * (the {@link TodoBoard} lock). Every method blocks for one Redis round trip and throws Lettuce's
 * exceptions when Redis fails (see {@link RedisFailure}).
 */
final class TodoRecord {
    /** Takes the lease (epoch + 1, owner = us), announces it, and returns the whole record. */
    private static final String TAKE = """
            local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1)
            redis.call('HSET', KEYS[1], 'owner', ARGV[1])
            redis.call('PUBLISH', ARGV[2], ARGV[3] .. ' ' .. string.format('%d', epoch) .. ' ' .. ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
            return {redis.call('HGETALL', KEYS[1]), redis.call('ZRANGE', KEYS[2], 0, -1)}
            """;

    /** Reads the record without touching the lease (after a commit whose outcome was unknown). */
    private static final String READ = """
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
            return {redis.call('HGETALL', KEYS[1]), redis.call('ZRANGE', KEYS[2], 0, -1)}
            """;

    /**
     * ARGV: epoch, expected revision, next id, client id, now (ms), oldest request kept (ms), requests kept,
     * number of upserts n, then n pairs (id, json), then the removed ids, then (last) this server's id.
     * Returns 1 applied, 0 fenced (the lease moved: another epoch or owner), -1 stale (the revision is not
     * the one this copy was built on). Nothing is written unless it returns 1: the checks come before the
     * first write, and Redis refuses a script that would exceed maxmemory or write to a replica at its first
     * write, before anything changed. The owner is checked besides the epoch because a Redis that lost its
     * last writes can hand the same epoch to a second server.
     */
    private static final String COMMIT = """
            if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return 0 end
            if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[#ARGV] then return 0 end
            local rev = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
            if rev ~= tonumber(ARGV[2]) then return -1 end
            local n = tonumber(ARGV[8])
            local fields = {'rev', string.format('%d', rev + 1), 'next', ARGV[3]}
            for i = 0, n - 1 do
              fields[#fields + 1] = 't:' .. ARGV[9 + 2 * i]
              fields[#fields + 1] = ARGV[10 + 2 * i]
            end
            redis.call('HSET', KEYS[1], unpack(fields))
            for i = 9 + 2 * n, #ARGV - 1 do
              redis.call('HDEL', KEYS[1], 't:' .. ARGV[i])
            end
            redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[6])
            redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[7]) + 1))
            return 1
            """;

    /** Gives the lease up (owner "") if it is still ours; a take-over meanwhile is left alone. */
    private static final String RELEASE = """
            if redis.call('HGET', KEYS[1], 'epoch') == ARGV[1] and redis.call('HGET', KEYS[1], 'owner') == ARGV[2] then
              redis.call('HSET', KEYS[1], 'owner', '')
              return 1
            end
            return 0
            """;

    /**
     * Writes the owner's copy back into a Redis that is behind it: one that came back empty, or without its
     * last acknowledged writes (appendfsync everysec can postpone the file write behind a slow fsync while
     * it already answers). Only while the lease is still ours (no other owner, no newer epoch) and Redis is
     * really behind. ARGV: server id, epoch, revision, now (ms), n, n hash field/values, request ids.
     * Returns 1 written, 0 not ours any more, -1 Redis is not behind.
     */
    private static final String WRITE_BACK = """
            local owner = redis.call('HGET', KEYS[1], 'owner')
            local epoch = tonumber(redis.call('HGET', KEYS[1], 'epoch') or '0')
            if owner and owner ~= ARGV[1] then return 0 end
            if epoch > tonumber(ARGV[2]) then return 0 end
            if epoch == tonumber(ARGV[2]) and tonumber(redis.call('HGET', KEYS[1], 'rev') or '0') >= tonumber(ARGV[3]) then
              return -1
            end
            local n = tonumber(ARGV[5])
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 6, 5 + n))
            for i = 6 + n, #ARGV do
              redis.call('ZADD', KEYS[2], ARGV[4], ARGV[i])
            end
            return 1
            """;

    /** How many recent client ids a user's record keeps for de-duplication (besides the time window). */
    static final int REQUESTS_KEPT = 1000;

    /** What a commit came to. */
    enum Commit { APPLIED, FENCED, STALE }

    /** A user's list as Redis has it. {@code items} are in id order, which is the order they were added. */
    record Loaded(long epoch, String owner, long revision, long nextId, List<Todo> items, Set<String> recentRequests) {
    }

    private final RedisCommands<String, String> redis;
    /** Where commits go: done once enough replicas have them ({@code --redis-min-replicas}). */
    private final ReplicatedWrites commitWrites;
    private final String serverId;
    private final Clock clock;

    TodoRecord(RedisCommands<String, String> redis, ReplicatedWrites commitWrites, String serverId, Clock clock) {
        this.commitWrites = commitWrites;
        this.redis = redis;
        this.serverId = serverId;
        this.clock = clock;
    }

    String serverId() {
        return serverId;
    }

    /** Takes {@code user}'s lease for this server and loads the list. */
    Loaded take(String user) {
        List<Object> reply = redis.eval(TAKE, ScriptOutputType.MULTI, keys(user),
                serverId, TodoKeys.LEASE_CHANNEL, user, Long.toString(oldestRequestKept()));
        return parse(reply);
    }

    /** Reads {@code user}'s list as Redis has it now, lease untouched. */
    Loaded read(String user) {
        List<Object> reply = redis.eval(READ, ScriptOutputType.MULTI, keys(user), Long.toString(oldestRequestKept()));
        return parse(reply);
    }

    /** The lease's current epoch (0 when nobody ever took it). */
    long epoch(String user) {
        String epoch = redis.hget(TodoKeys.list(user), "epoch");
        return epoch == null ? 0 : Long.parseLong(epoch);
    }

    /**
     * Commits one change made on a copy at {@code revision} under lease {@code epoch}: the list becomes
     * revision + 1 with {@code edit} applied, and {@code clientId} is remembered as applied.
     */
    Commit commit(String user, long epoch, long revision, TodoEdit edit, String clientId) {
        long now = clock.millis();
        List<String> args = new ArrayList<>(8 + 2 * edit.upserted().size() + edit.removed().size());
        args.add(Long.toString(epoch));
        args.add(Long.toString(revision));
        args.add(Long.toString(edit.nextId()));
        args.add(clientId);
        args.add(Long.toString(now));
        args.add(Long.toString(oldestRequestKept()));
        args.add(Integer.toString(REQUESTS_KEPT));
        args.add(Integer.toString(edit.upserted().size()));
        for (Todo todo : edit.upserted()) {
            args.add(todo.id());
            args.add(json(todo));
        }
        args.addAll(edit.removed());
        args.add(serverId);
        Long result = commitWrites.await(commitWrites.write(
                c -> c.<Long>eval(COMMIT, ScriptOutputType.INTEGER, keys(user), args.toArray(String[]::new))));
        return result == 1 ? Commit.APPLIED : result == 0 ? Commit.FENCED : Commit.STALE;
    }

    /**
     * Returns once the commits made so far are on enough replicas (for answering a resend from memory);
     * throws {@link ReplicatedWrites.NotReplicated} if they are not in time.
     */
    void awaitReplicas() {
        commitWrites.await(commitWrites.barrier());
    }

    /** What {@link #writeBack} came to. */
    enum WriteBack { WRITTEN, NOT_OURS, NOT_BEHIND }

    /** Puts the owner's copy (revision, items, recent request ids) back into a Redis that is behind it. */
    WriteBack writeBack(String user, long epoch, long revision, long nextId, Collection<Todo> items,
                        Collection<String> recentRequests) {
        List<String> fields = new ArrayList<>(8 + 2 * items.size());
        fields.addAll(List.of("epoch", Long.toString(epoch), "owner", serverId, "rev", Long.toString(revision),
                "next", Long.toString(nextId)));
        for (Todo todo : items) {
            fields.add("t:" + todo.id());
            fields.add(json(todo));
        }
        List<String> args = new ArrayList<>(5 + fields.size() + recentRequests.size());
        args.addAll(List.of(serverId, Long.toString(epoch), Long.toString(revision), Long.toString(clock.millis()),
                Integer.toString(fields.size())));
        args.addAll(fields);
        args.addAll(recentRequests);
        Long result = redis.eval(WRITE_BACK, ScriptOutputType.INTEGER, keys(user), args.toArray(String[]::new));
        return result == 1 ? WriteBack.WRITTEN : result == 0 ? WriteBack.NOT_OURS : WriteBack.NOT_BEHIND;
    }

    /** Gives the lease up if this server still holds it at {@code epoch}. */
    void release(String user, long epoch) {
        redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {TodoKeys.list(user)}, Long.toString(epoch), serverId);
    }

    private long oldestRequestKept() {
        return clock.millis() - Limits.RESEND_WINDOW.toMillis();
    }

    private static String[] keys(String user) {
        return new String[] {TodoKeys.list(user), TodoKeys.requests(user)};
    }

    @SuppressWarnings("unchecked")
    private static Loaded parse(List<Object> reply) {
        List<Object> hash = (List<Object>) reply.get(0);
        List<Object> requests = (List<Object>) reply.get(1);
        long epoch = 0;
        long revision = 0;
        long nextId = 1;
        String owner = "";
        Map<Long, Todo> byId = new TreeMap<>();
        for (int i = 0; i + 1 < hash.size(); i += 2) {
            String field = (String) hash.get(i);
            String value = (String) hash.get(i + 1);
            switch (field) {
                case "epoch" -> epoch = Long.parseLong(value);
                case "owner" -> owner = value;
                case "rev" -> revision = Long.parseLong(value);
                case "next" -> nextId = Long.parseLong(value);
                default -> {
                    if (field.startsWith("t:")) {
                        Todo todo = parseTodo(value);
                        byId.put(Long.parseLong(todo.id()), todo);
                    }
                }
            }
        }
        Set<String> recent = new LinkedHashSet<>();
        requests.forEach(id -> recent.add((String) id));
        return new Loaded(epoch, owner, revision, nextId, List.copyOf(byId.values()), recent);
    }

    private static String json(Todo todo) {
        try {
            return Codec.get().mapper().writeValueAsString(todo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Todo parseTodo(String json) {
        try {
            return Codec.get().mapper().readValue(json, Todo.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable todo in Redis: " + json, e);
        }
    }
}
