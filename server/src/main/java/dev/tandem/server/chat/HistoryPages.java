package dev.tandem.server.chat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.relay.LuaScript;
import dev.tandem.server.relay.Refusal;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages of a room's history ({@code chat.history}), newest first from Redis, handed out oldest first, as the
 * messages are now (edits and deletions applied: the history keeps each message's current frame).
 * <p>Threads: called on session threads; one Redis round trip each.
 */
public final class HistoryPages {
    /**
     * ARGV: user, room, before ("" for the newest), limit. {"ok", frames newest first (up to limit + 1)} or
     * {"error", code}.
     */
    private static final LuaScript PAGE = LuaScript.of("""
            local allowed = access(ARGV[1], ARGV[2])
            if allowed ~= 'ok' then return {'error', allowed} end
            local newest = '+inf'
            if ARGV[3] ~= '' then newest = '(' .. ARGV[3] end
            local page = redis.call('ZREVRANGEBYSCORE', room_key(ARGV[2], 'history'), newest, '-inf',
              'LIMIT', 0, tonumber(ARGV[4]) + 1)
            return {'ok', page}
            """);

    private final RedisCommands<String, String> redis;

    public HistoryPages(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    /** The page {@code user} asked for, or the refusal. */
    public ServerMessage.ChatPage page(String user, ClientMessage.ChatHistory request) throws ProtocolException {
        int limit = request.limitOrDefault();
        List<Object> reply = PAGE.run(redis, ScriptOutputType.MULTI, new String[0], user, request.room(),
                request.before() == null ? "" : Long.toString(request.before()), Integer.toString(limit));
        if ("error".equals(reply.get(0))) {
            throw Refusal.of((String) reply.get(1), request.room(), request.clientId());
        }
        List<?> newestFirst = (List<?>) reply.get(1);
        int sent = HistoryBudget.fitting(newestFirst.subList(0, Math.min(limit, newestFirst.size())), Limits.HISTORY_BYTES);
        List<ChatMessage> messages = new ArrayList<>(sent);
        for (int i = sent - 1; i >= 0; i--) {
            messages.add(parse((String) newestFirst.get(i), request.clientId()));
        }
        return new ServerMessage.ChatPage(request.clientId(), request.room(), messages, newestFirst.size() > sent);
    }

    static ChatMessage parse(String frame, String ref) throws ProtocolException {
        try {
            if (Codec.get().decodeServer(frame) instanceof ChatMessage message) {
                return message;
            }
        } catch (ProtocolException e) {
            // Reported below.
        }
        throw new ProtocolException(ErrorCode.INTERNAL, "a stored message could not be read", ref);
    }
}
