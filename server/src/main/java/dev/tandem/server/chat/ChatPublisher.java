package dev.tandem.server.chat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.Protocol;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * Posts chat messages: one Lua script numbers the message (INCR), appends it to the bounded history and
 * publishes it on {@code chat_channel}, atomically, so ids, history order and delivery order agree on every
 * server. The frame is encoded once here; every server relays those exact bytes to its clients.
 * Thread-safe: callable from any session thread; Lettuce pipelines commands of one connection in order.
 */
public final class ChatPublisher {
    /** The frame template carries {@code "id":0}; the script puts the real id in its place. */
    static final String SCRIPT = """
            local id = redis.call('INCR', KEYS[1])
            local frame = string.gsub(ARGV[1], '"id":0', '"id":' .. id, 1)
            redis.call('RPUSH', KEYS[2], frame)
            redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
            redis.call('PUBLISH', ARGV[3], frame)
            return id
            """;

    private final RedisAsyncCommands<String, String> redis;
    private final String serverId;
    private final Clock clock;

    public ChatPublisher(RedisAsyncCommands<String, String> redis, String serverId, Clock clock) {
        this.redis = redis;
        this.serverId = serverId;
        this.clock = clock;
    }

    /** Posts {@code text} by {@code author}; completes with the message id, or fails if Redis is unavailable. */
    public CompletionStage<Long> publish(String author, String text, String clientId) {
        String template = template(new ChatMessage(0, author, text, clock.instant(), clientId, serverId));
        return redis.<Long>eval(SCRIPT, ScriptOutputType.INTEGER,
                new String[] {ChatKeys.SEQUENCE, ChatKeys.HISTORY},
                template, Integer.toString(Limits.HISTORY_RETAINED), Protocol.CHAT_CHANNEL);
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
