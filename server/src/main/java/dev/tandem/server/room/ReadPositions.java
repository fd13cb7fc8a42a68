package dev.tandem.server.room;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ProtocolException;
import dev.tandem.server.relay.LuaScript;
import dev.tandem.server.relay.Refusal;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Read positions, per user and room, in Redis: {@code room.read} moves one up (never down, and never past the
 * room's newest message), and the relay brings every window of the user, on any server, the new position
 * with the room's unread count, in order with the room's messages. A mark that changes nothing is answered
 * by nothing.
 * <p>Threads: called on session threads; the answer arrives on a Lettuce thread.
 */
public final class ReadPositions {
    /** ARGV: user, room, id. {"ok"|"same", ""} or {"error", code}. */
    private static final LuaScript MARK = LuaScript.of("""
            local user, room = ARGV[1], ARGV[2]
            local allowed = access(user, room)
            if allowed ~= 'ok' then return {'error', allowed} end
            local target = math.min(tonumber(ARGV[3]), last_id(room))
            if target <= read_id(user, room) then return {'same', ''} end
            redis.call('HSET', user_key(user, 'read'), room, int(target))
            relay('read', room, user, target, read_frame(room, target, unread(room, target)))
            return {'ok', ''}
            """);

    private final RedisAsyncCommands<String, String> redis;

    public ReadPositions(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    /** Completes with null when done, or with the refusal to send (a room the user may not read). */
    public CompletionStage<ProtocolException> mark(String user, ClientMessage.MarkRead mark) {
        return MARK.<List<Object>>runAsync(redis, ScriptOutputType.MULTI, new String[0], user, mark.room(),
                        Long.toString(mark.id()))
                .thenApply(reply -> "error".equals(reply.get(0)) ? Refusal.of((String) reply.get(1), mark.room(), null) : null);
    }
}
