package dev.tandem.server.relay;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the delivery thread reads from and writes back to Redis about the relay: the sequence, the bounded
 * log of envelopes (for a catch-up after a lost subscription), the local users' rooms (reloaded after a
 * re-subscription), and the write-back of envelopes a Redis lost.
 * <p>Threads: called on the chat delivery thread only; Lettuce's sync API on the shared connection.
 */
final class RelayLog {
    private static final LuaScript AFTER = LuaScript.of("""
            return redis.call('ZRANGEBYSCORE', RELAY_LOG, '(' .. ARGV[1], ARGV[2])
            """);

    private static final LuaScript ROOMS_OF = LuaScript.of("""
            local rooms = {}
            for i = 1, #ARGV do rooms[i] = redis.call('SMEMBERS', user_key(ARGV[i], 'rooms')) end
            return {tonumber(redis.call('GET', RELAY_SEQ) or '0'), rooms}
            """);

    /**
     * ARGV: resend window (s), last sequence delivered, then per envelope: seq, envelope, op, n, n arguments.
     * Each envelope newer than the log's newest goes back into the log with what it changed (op); the relay's
     * counter is raised to the last delivered. Returns how many envelopes were missing.
     */
    private static final LuaScript WRITE_BACK = LuaScript.of("""
            local top = redis.call('ZRANGE', RELAY_LOG, -1, -1, 'WITHSCORES')
            local newest = 0
            if top[2] then newest = tonumber(top[2]) end
            local added = 0
            local i = 3
            while i <= #ARGV do
              local seq, op, n = tonumber(ARGV[i]), ARGV[i + 2], tonumber(ARGV[i + 3])
              local a = {}
              for j = 1, n do a[j] = ARGV[i + 3 + j] end
              if seq > newest then
                redis.call('ZADD', RELAY_LOG, ARGV[i], ARGV[i + 1])
                newest = seq
                added = added + 1
                if op == 'msg' then -- room, id, frame, author, sent key
                  local h = room_key(a[1], 'history')
                  if #redis.call('ZRANGEBYSCORE', h, a[2], a[2]) == 0 then
                    redis.call('ZADD', h, a[2], a[3])
                    redis.call('ZREMRANGEBYRANK', h, 0, -(HISTORY_KEPT + 1))
                  end
                  local s = room_key(a[1], 'seq')
                  if tonumber(redis.call('GET', s) or '0') < tonumber(a[2]) then redis.call('SET', s, a[2]) end
                  redis.call('SET', a[5], a[3], 'EX', ARGV[1], 'NX')
                  if read_id(a[4], a[1]) < tonumber(a[2]) then redis.call('HSET', user_key(a[4], 'read'), a[1], a[2]) end
                elseif op == 'upd' then -- room, id, entry, sent key, client frame
                  local h = room_key(a[1], 'history')
                  if #redis.call('ZRANGEBYSCORE', h, a[2], a[2]) > 0 then
                    redis.call('ZREMRANGEBYSCORE', h, a[2], a[2])
                    redis.call('ZADD', h, a[2], a[3])
                  end
                  redis.call('SET', a[4], a[5], 'EX', ARGV[1], 'NX')
                elseif op == 'join' then -- room, user
                  redis.call('SADD', room_key(a[1], 'members'), a[2])
                  if a[1] ~= GENERAL then redis.call('SADD', user_key(a[2], 'rooms'), a[1]) end
                  if not is_dm(a[1]) then redis.call('ZADD', DIRECTORY, 'NX', 0, a[1]) end
                elseif op == 'left' then -- room, user
                  redis.call('SREM', room_key(a[1], 'members'), a[2])
                  redis.call('SREM', user_key(a[2], 'rooms'), a[1])
                  redis.call('HDEL', user_key(a[2], 'read'), a[1])
                elseif op == 'read' then -- room, user, id
                  if read_id(a[2], a[1]) < tonumber(a[3]) then redis.call('HSET', user_key(a[2], 'read'), a[1], a[3]) end
                end
              end
              i = i + 4 + n
            end
            redis.call('ZREMRANGEBYRANK', RELAY_LOG, 0, -(LOG_KEPT + 1))
            if tonumber(redis.call('GET', RELAY_SEQ) or '0') < tonumber(ARGV[2]) then redis.call('SET', RELAY_SEQ, ARGV[2]) end
            return added
            """);

    private final RedisCommands<String, String> redis;

    RelayLog(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    /** The relay's sequence now: the last envelope published (0 before the first). */
    long sequence() {
        String value = redis.get(Keys.RELAY_SEQUENCE);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The sequence of the newest envelope in the log, 0 if it is empty. */
    long newestLogged() {
        List<io.lettuce.core.ScoredValue<String>> top = redis.zrangeWithScores(Keys.RELAY_LOG, -1, -1);
        return top.isEmpty() ? 0 : (long) top.get(0).getScore();
    }

    /** The logged envelopes with {@code after < seq < before}, in order. */
    List<String> between(long after, long before) {
        String upper = before == Long.MAX_VALUE ? "+inf" : "(" + before;
        return AFTER.run(redis, ScriptOutputType.MULTI, new String[0], Long.toString(after), upper);
    }

    /** The rooms of {@code users} now, and the sequence they are as of. */
    Rooms roomsOf(Set<String> users) {
        List<String> names = new ArrayList<>(users);
        List<Object> reply = ROOMS_OF.run(redis, ScriptOutputType.MULTI, new String[0], names.toArray(String[]::new));
        Map<String, Set<String>> rooms = new HashMap<>();
        List<?> lists = (List<?>) reply.get(1);
        for (int i = 0; i < names.size(); i++) {
            Set<String> set = new HashSet<>();
            for (Object room : (List<?>) lists.get(i)) {
                set.add((String) room);
            }
            rooms.put(names.get(i), set);
        }
        return new Rooms((Long) reply.get(0), rooms);
    }

    /** Users' rooms as of a relay sequence. */
    record Rooms(long seq, Map<String, Set<String>> byUser) {
    }

    /**
     * Writes back, in order, the envelopes in {@code held} that are newer than the log's newest, with what
     * each changed (messages, edits, memberships, read positions, resend answers), and raises the relay's
     * counter to {@code lastDelivered}. One script, so servers doing it at once apply each envelope once.
     *
     * @return how many envelopes Redis had lost
     */
    long writeBack(List<Envelope> held, long lastDelivered) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(Limits.RESEND_WINDOW.toSeconds()));
        args.add(Long.toString(lastDelivered));
        for (Envelope envelope : held) {
            List<String> effect = effect(envelope);
            if (effect == null) {
                continue;
            }
            args.add(Long.toString(envelope.seq()));
            args.add(envelope.encode());
            args.add(effect.get(0));
            args.add(Integer.toString(effect.size() - 1));
            args.addAll(effect.subList(1, effect.size()));
        }
        Long added = WRITE_BACK.run(redis, ScriptOutputType.INTEGER, new String[0], args.toArray(String[]::new));
        return added;
    }

    /** {op, arguments...} for the write-back; null for an envelope that cannot be read back. */
    private static List<String> effect(Envelope envelope) {
        String room = envelope.room();
        String id = Long.toString(envelope.id());
        switch (envelope.kind()) {
            case MESSAGE: {
                ChatMessage message = parse(envelope.frame(), ChatMessage.class);
                if (message == null) {
                    return null;
                }
                return List.of("msg", room, id, envelope.frame(), message.author(),
                        Keys.sent(message.author(), message.clientId() == null ? "" : message.clientId()));
            }
            case UPDATE: {
                String clientId = clientIdOf(envelope.frame());
                if (envelope.extra() == null || clientId == null || envelope.user() == null) {
                    return null;
                }
                return List.of("upd", room, id, envelope.extra(), Keys.sent(envelope.user(), clientId), envelope.frame());
            }
            case JOIN:
                return envelope.user() == null ? null : List.of("join", room, envelope.user());
            case LEAVE:
                return envelope.user() == null ? null : List.of("left", room, envelope.user());
            case READ:
                return envelope.user() == null ? null : List.of("read", room, envelope.user(), id);
            default:
                return List.of("none");
        }
    }

    private static String clientIdOf(String frame) {
        ServerMessage message = parse(frame, ServerMessage.class);
        if (message instanceof ServerMessage.ChatEdited edited) {
            return edited.clientId();
        }
        if (message instanceof ServerMessage.ChatDeleted deleted) {
            return deleted.clientId();
        }
        return null;
    }

    private static <T> T parse(String frame, Class<T> type) {
        try {
            ServerMessage message = Codec.get().decodeServer(frame);
            return type.isInstance(message) ? type.cast(message) : null;
        } catch (ProtocolException e) {
            return null;
        }
    }
}
