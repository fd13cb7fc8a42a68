package dev.tandem.server.chat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.server.limits.Limiter;
import dev.tandem.server.limits.SharedRate;
import dev.tandem.server.relay.Keys;
import dev.tandem.server.relay.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Posts chat messages: one Lua script checks that the author may post to the room, numbers the message with
 * the room's counter (INCR), adds it to the room's bounded history, remembers it under the sender's client
 * id, moves the author's read position to it and publishes it on the relay, atomically, so ids, history
 * order and delivery order agree on every server and a resend is never posted twice. The frame is encoded
 * once here; every server relays those exact bytes to the room's members.
 * Thread-safe: callable from any session thread; Lettuce pipelines commands of one connection in order.
 */
public final class ChatPublisher {
    /**
     * KEYS: the sender's client-id key, then the rate buckets ({@link SharedRate}: the author's and the
     * address's). ARGV: author, room, the frame with {@code "id":0}, resend window (s), then each bucket's
     * rate and burst. Returns {id, ""} for a new message, {0, original frame} for a resend, {-1, refusal}
     * when not allowed, {-2, ms to wait} when over a rate. A resend of a posted message costs no token.
     */
    static final LuaScript SEND = LuaScript.of(SharedRate.LUA + """
            local seen = redis.call('GET', KEYS[1])
            if seen then return {0, seen} end
            local wait = take_tokens(2, 5)
            if wait > 0 then return {-2, wait} end
            local user, room = ARGV[1], ARGV[2]
            local allowed = access(user, room)
            if allowed ~= 'ok' then return {-1, allowed} end
            local id = counter(room_key(room, 'seq'))
            local frame = string.gsub(ARGV[3], '"id":0', '"id":' .. int(id), 1)
            local history = room_key(room, 'history')
            redis.call('ZADD', history, int(id), frame)
            redis.call('ZREMRANGEBYRANK', history, 0, -(HISTORY_KEPT + 1))
            redis.call('SET', KEYS[1], frame, 'EX', ARGV[4])
            redis.call('HSET', user_key(user, 'read'), room, int(id))
            relay('msg', room, user, id, frame, read_frame(room, id, 0))
            return {id, ''}
            """);

    /**
     * What a post came to.
     *
     * @param id       the new message's id, or 0 for a resend or a refusal
     * @param original for a resend, the frame posted the first time; else null
     * @param refusal  the wire code of a refusal ({@code unknown_room}, {@code not_member}); else null
     * @param waitMs   over the author's or the address's rate: the ms until it would be accepted; else 0
     */
    public record Posted(long id, String original, String refusal, long waitMs) {
        Posted(long id, String original, String refusal) {
            this(id, original, refusal, 0);
        }

        public boolean isRateLimited() {
            return waitMs > 0;
        }

        public boolean isResend() {
            return original != null;
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }

    private final RedisAsyncCommands<String, String> redis;
    private final String serverId;
    private final Clock clock;
    private final Limiter limiter;

    public ChatPublisher(RedisAsyncCommands<String, String> redis, String serverId, Clock clock, Limiter limiter) {
        this.limiter = limiter;
        this.redis = redis;
        this.serverId = serverId;
        this.clock = clock;
    }

    /**
     * Posts {@code text} by {@code author} (from {@code address}) to {@code room}, unless they are over
     * their rate, or {@code author} already posted
     * {@code clientId} within the resend window, or may not post there; fails if Redis is unavailable.
     */
    public CompletionStage<Posted> publish(String author, String address, String room, String text, String clientId) {
        String template = template(new ChatMessage(0, room, author, text, clock.instant(), clientId, serverId));
        List<SharedRate.Bucket> buckets = limiter.frameBuckets(author, address);
        List<String> keys = new ArrayList<>(List.of(Keys.sent(author, clientId)));
        keys.addAll(List.of(SharedRate.keys(buckets)));
        List<String> args = new ArrayList<>(List.of(author, room, template, Long.toString(Limits.RESEND_WINDOW.toSeconds())));
        args.addAll(List.of(SharedRate.args(buckets)));
        return SEND.<List<Object>>runAsync(redis, ScriptOutputType.MULTI, keys.toArray(String[]::new),
                        args.toArray(String[]::new))
                .thenApply(reply -> {
                    long id = (Long) reply.get(0);
                    if (id == -2) {
                        return new Posted(0, null, null, (Long) reply.get(1));
                    }
                    if (id < 0) {
                        return new Posted(0, null, (String) reply.get(1));
                    }
                    return id == 0 ? new Posted(0, (String) reply.get(1), null) : new Posted(id, null, null);
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
