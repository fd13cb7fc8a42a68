package dev.tandem.server.chat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.server.limits.AbuseLimits;
import dev.tandem.server.limits.Limiter;
import dev.tandem.server.limits.Rate;
import dev.tandem.server.limits.SharedRate;
import dev.tandem.server.relay.Keys;
import dev.tandem.server.relay.LuaScript;
import dev.tandem.server.redis.ReplicatedWrites;
import dev.tandem.server.relay.EchoHolds;
import dev.tandem.server.window.Window;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
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
 * Threads: callable from any session thread. One window's posts are numbered in the order it sent them
 * ({@link WindowOrder}); posts of different windows are pipelined on the shared connection.
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

    private final ReplicatedWrites writes;
    private final EchoHolds holds;
    private final String serverId;
    private final Clock clock;
    private final Limiter limiter;
    private final WindowOrder order = new WindowOrder();

    /**
     * Posts through {@code writes}; when those wait for replicas, each post's own relay envelope is held here
     * ({@code holds}) until they confirmed it, so the sender's acknowledgement never comes first. Each post
     * also takes from its author's and address's shared rate ({@code limiter}), in the same script.
     */
    public ChatPublisher(ReplicatedWrites writes, EchoHolds holds, String serverId, Clock clock, Limiter limiter) {
        this.writes = writes;
        this.holds = holds;
        this.limiter = limiter;
        this.serverId = serverId;
        this.clock = clock;
    }

    /** Posts on {@code connection}, acknowledged once the primary has them, without rate limits (tools and tests). */
    public ChatPublisher(StatefulRedisConnection<String, String> connection, String serverId, Clock clock) {
        this(new ReplicatedWrites(connection, 0, ReplicatedWrites.WAIT_TIMEOUT), null, serverId, clock,
                new Limiter(AbuseLimits.unlimited(), Rate.unlimited(), Rate.unlimited(), connection.sync()));
    }

    /**
     * Posts {@code text} by {@code author} (from {@code address} and its window {@code sender}) to {@code room},
     * unless they are over their rate, or {@code author} already posted {@code clientId} within the resend
     * window, or may not post there; fails if Redis is unavailable, or ({@code --redis-min-replicas}) with
     * {@link ReplicatedWrites.NotReplicated} if too few replicas have it in time: then the sender's window is
     * not sent the message (its acknowledgement), the others are.
     */
    public CompletionStage<Posted> publish(String author, String address, String room, String text, String clientId,
                                           Window sender) {
        String template = template(new ChatMessage(0, room, author, text, clock.instant(), clientId, serverId));
        List<SharedRate.Bucket> buckets = limiter.frameBuckets(author, address);
        List<String> keys = new ArrayList<>(List.of(Keys.sent(author, clientId)));
        keys.addAll(List.of(SharedRate.keys(buckets)));
        List<String> args = new ArrayList<>(List.of(author, room, template, Long.toString(Limits.RESEND_WINDOW.toSeconds())));
        args.addAll(List.of(SharedRate.args(buckets)));
        return order.after(sender, () -> {
            EchoHolds.Hold hold = writes.minReplicas() > 0 ? holds.hold(author, template, sender) : null;
            CompletionStage<Posted> posted = writes.write(redis -> SEND.<List<Object>>runAsync(redis,
                            ScriptOutputType.MULTI, keys.toArray(String[]::new), args.toArray(String[]::new)))
                    .thenApply(ChatPublisher::posted);
            if (hold == null) {
                return posted;
            }
            return posted.whenComplete((result, failure) -> {
                if (failure != null) {
                    hold.settle(false);
                } else if (result.id() > 0) {
                    hold.settle(true);
                } else {
                    hold.cancel(); // refused, over its rate, or a resend: no envelope comes for it
                }
            });
        });
    }

    private static Posted posted(List<Object> reply) {
        long id = (Long) reply.get(0);
        if (id == -2) {
            return new Posted(0, null, null, (Long) reply.get(1));
        }
        if (id < 0) {
            return new Posted(0, null, (String) reply.get(1));
        }
        return id == 0 ? new Posted(0, (String) reply.get(1), null) : new Posted(id, null, null);
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
