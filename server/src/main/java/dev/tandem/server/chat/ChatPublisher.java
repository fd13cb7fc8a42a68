package dev.tandem.server.chat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.Protocol;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Posts chat messages: one Lua script numbers the message (INCR), appends it to the bounded history,
 * remembers it under the sender's client id and publishes it on {@code chat_channel}, atomically, so ids,
 * history order and delivery order agree on every server, and a resend is never posted twice. The frame is
 * encoded once here; every server relays those exact bytes to its clients.
 * Thread-safe: callable from any session thread; Lettuce pipelines commands of one connection in order.
 */
public final class ChatPublisher {
    /**
     * KEYS: sequence, history, the sender's client-id key. ARGV: the frame with {@code "id":0}, history length,
     * channel, resend window (s). Returns {id, ""} for a new message, {0, original frame} for a resend.
     * <p>A missing counter means a first start or a Redis that came back empty: ids then restart from the
     * clock (seconds × 10,000), above any id a client can have seen, so clients that drop repeated ids never
     * drop a new message. ({@code string.format('%d')}: Lua would print a large number in exponent form.)
     */
    static final String SCRIPT = """
            local seen = redis.call('GET', KEYS[3])
            if seen then return {0, seen} end
            if redis.call('EXISTS', KEYS[1]) == 0 then
              redis.call('SET', KEYS[1], redis.call('TIME')[1] .. '0000')
            end
            local id = redis.call('INCR', KEYS[1])
            local frame = string.gsub(ARGV[1], '"id":0', '"id":' .. string.format('%d', id), 1)
            redis.call('RPUSH', KEYS[2], frame)
            redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
            redis.call('SET', KEYS[3], frame, 'EX', ARGV[4])
            redis.call('PUBLISH', ARGV[3], frame)
            return {id, ''}
            """;

    /**
     * What a post came to.
     *
     * @param id       the new message's id, or 0 for a resend
     * @param original for a resend, the frame posted the first time; else null
     */
    public record Posted(long id, String original) {
        public boolean isResend() {
            return original != null;
        }
    }

    private final RedisAsyncCommands<String, String> redis;
    private final String serverId;
    private final Clock clock;

    public ChatPublisher(RedisAsyncCommands<String, String> redis, String serverId, Clock clock) {
        this.redis = redis;
        this.serverId = serverId;
        this.clock = clock;
    }

    /**
     * Posts {@code text} by {@code author}, unless {@code author} already posted {@code clientId} within the
     * resend window; fails if Redis is unavailable.
     */
    public CompletionStage<Posted> publish(String author, String text, String clientId) {
        String template = template(new ChatMessage(0, author, text, clock.instant(), clientId, serverId));
        return redis.<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI,
                        new String[] {ChatKeys.SEQUENCE, ChatKeys.HISTORY, ChatKeys.sent(author, clientId)},
                        template, Integer.toString(Limits.HISTORY_RETAINED), Protocol.CHAT_CHANNEL,
                        Long.toString(Limits.RESEND_WINDOW.toSeconds()))
                .thenApply(reply -> {
                    long id = (Long) reply.get(0);
                    return id == 0 ? new Posted(0, (String) reply.get(1)) : new Posted(id, null);
                });
    }

    /** The encoded frame with id 0, which the script replaces; it must lead with {@code "id":0}. */
    static String template(ChatMessage withoutId) {
        String frame = Codec.get().encode(withoutId);
        if (!frame.startsWith("{\"type\":\"chat.message\",\"id\":0,")) {
            throw new IllegalStateException("unexpected chat frame layout: " + frame);
        }
        return frame;
    }
}
