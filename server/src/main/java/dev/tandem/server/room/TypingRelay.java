package dev.tandem.server.room;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.server.relay.Keys;
import dev.tandem.server.relay.LuaScript;
import dev.tandem.server.relay.Refusal;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Typing indicators: relayed to the room's other members on every server as an ephemeral envelope (outside
 * the relay's order and log, never stored), at most one per user and room per {@link Limits#TYPING_MIN_GAP}
 * (a marker key that expires with the gap; more get {@code rate_limited}).
 * <p>Threads: called on session threads; the answer arrives on a Lettuce thread.
 */
public final class TypingRelay {
    /** KEYS: the user's marker for the room. ARGV: user, room, gap (ms). {"ok", ""} or {"error", code}. */
    private static final LuaScript TYPING = LuaScript.of("""
            local user, room = ARGV[1], ARGV[2]
            local allowed = access(user, room)
            if allowed ~= 'ok' then return {'error', allowed} end
            if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[3], 'NX') then return {'error', 'rate_limited'} end
            redis.call('PUBLISH', CHANNEL, '- typ ' .. room .. ' ' .. user .. ' 0\\n{"type":"typing","room":"'
              .. room .. '","user":"' .. user .. '"}')
            return {'ok', ''}
            """);

    private final RedisAsyncCommands<String, String> redis;

    public TypingRelay(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    /** Completes with null when relayed, or with the refusal to send. */
    public CompletionStage<ProtocolException> typing(String user, ClientMessage.Typing typing) {
        return TYPING.<List<Object>>runAsync(redis, ScriptOutputType.MULTI,
                        new String[] {Keys.typing(user, typing.room())}, user, typing.room(),
                        Long.toString(Limits.TYPING_MIN_GAP.toMillis()))
                .thenApply(reply -> "error".equals(reply.get(0)) ? Refusal.of((String) reply.get(1), typing.room(), null) : null);
    }
}
