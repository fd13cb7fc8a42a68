package dev.tandem.server.chat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.relay.Keys;
import dev.tandem.server.relay.LuaScript;
import dev.tandem.server.relay.Refusal;
import dev.tandem.server.window.Window;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Edits and deletions of one's own messages. The history entry is read, checked and rebuilt here, then
 * swapped in by a script that publishes the change on the relay (in order with the room's messages) only if
 * the entry is still the one read; another change in between means reading again. The answer is remembered
 * under the client id, so a resend gets it back instead of a second change.
 * <p>Threads: called on session threads; each call waits for its two Redis round trips.
 */
public final class MessageEdits {
    /** KEYS: client-id key. ARGV: user, room, id. {kind, value}: resend/frame, error/code, entry/frame. */
    private static final LuaScript READ = LuaScript.of("""
            local seen = redis.call('GET', KEYS[1])
            if seen then return {'resend', seen} end
            local allowed = access(ARGV[1], ARGV[2])
            if allowed ~= 'ok' then return {'error', allowed} end
            local entry = redis.call('ZRANGEBYSCORE', room_key(ARGV[2], 'history'), ARGV[3], ARGV[3])
            if #entry == 0 then return {'missing', ''} end
            return {'entry', entry[1]}
            """);

    /**
     * KEYS: client-id key. ARGV: user, room, id, entry read, new entry, client frame, resend window (s).
     * {kind, value}: ok, resend/frame, error/code, missing, changed (the entry is not the one read).
     */
    private static final LuaScript SWAP = LuaScript.of("""
            local seen = redis.call('GET', KEYS[1])
            if seen then return {'resend', seen} end
            local allowed = access(ARGV[1], ARGV[2])
            if allowed ~= 'ok' then return {'error', allowed} end
            local history = room_key(ARGV[2], 'history')
            local entry = redis.call('ZRANGEBYSCORE', history, ARGV[3], ARGV[3])
            if #entry == 0 then return {'missing', ''} end
            if entry[1] ~= ARGV[4] then return {'changed', ''} end
            redis.call('ZREMRANGEBYSCORE', history, ARGV[3], ARGV[3])
            redis.call('ZADD', history, ARGV[3], ARGV[5])
            redis.call('SET', KEYS[1], ARGV[6], 'EX', ARGV[7])
            relay('upd', ARGV[2], ARGV[1], tonumber(ARGV[3]), ARGV[6], ARGV[5])
            return {'ok', ''}
            """);
    private static final int ATTEMPTS = 5;

    private final RedisCommands<String, String> redis;
    private final Clock clock;

    public MessageEdits(RedisCommands<String, String> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Edits the text of one of {@code user}'s messages; everyone in the room gets chat.edited. */
    public void edit(String user, ClientMessage.ChatEdit edit, Window sender) throws ProtocolException {
        change(user, edit.clientId(), edit.room(), edit.id(), edit.text().strip(), sender);
    }

    /** Deletes one of {@code user}'s messages; everyone in the room gets chat.deleted. */
    public void delete(String user, ClientMessage.ChatDelete delete, Window sender) throws ProtocolException {
        change(user, delete.clientId(), delete.room(), delete.id(), null, sender);
    }

    /** {@code text} null: delete. */
    private void change(String user, String clientId, String room, long id, String text, Window sender)
            throws ProtocolException {
        String sentKey = Keys.sent(user, clientId);
        String messageId = Long.toString(id);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Object> read = READ.run(redis, ScriptOutputType.MULTI, new String[] {sentKey}, user, room, messageId);
            if (answered(read, sender, clientId, room, id)) {
                return;
            }
            String entry = (String) read.get(1);
            ChatMessage message = HistoryPages.parse(entry, clientId);
            if (!message.author().equals(user)) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "message " + id + " in " + room
                        + " is " + message.author() + "'s: only its author can " + (text == null ? "delete" : "edit") + " it", clientId);
            }
            if (message.deleted()) {
                if (text != null) {
                    throw new ProtocolException(ErrorCode.NOT_FOUND, "message " + id + " in " + room
                            + " was deleted; it cannot be edited", clientId);
                }
                sender.send(Codec.get().encode(new ServerMessage.ChatDeleted(clientId, room, id))); // Nothing to change.
                return;
            }
            Instant now = clock.instant();
            ChatMessage changed = text == null ? message.asDeleted() : message.edited(text, now);
            ServerMessage frame = text == null ? new ServerMessage.ChatDeleted(clientId, room, id)
                    : new ServerMessage.ChatEdited(clientId, room, id, text, now);
            List<Object> swapped = SWAP.run(redis, ScriptOutputType.MULTI, new String[] {sentKey}, user, room,
                    messageId, entry, Codec.get().encode(changed), Codec.get().encode(frame),
                    Long.toString(Limits.RESEND_WINDOW.toSeconds()));
            if ("ok".equals(swapped.get(0))) {
                return; // The change reaches the sender through the relay, like every member.
            }
            if (!"changed".equals(swapped.get(0)) && answered(swapped, sender, clientId, room, id)) {
                return;
            }
        }
        throw new ProtocolException(ErrorCode.UNAVAILABLE, "message " + id + " kept changing; try again", clientId);
    }

    /** Handles the script answers that end the request; false for an entry to work on (or a change to retry). */
    private static boolean answered(List<Object> reply, Window sender, String clientId, String room, long id)
            throws ProtocolException {
        String kind = (String) reply.get(0);
        switch (kind) {
            case "resend":
                sender.send((String) reply.get(1)); // The answer the first time: nothing is changed again.
                return true;
            case "error":
                throw Refusal.of((String) reply.get(1), room, clientId);
            case "missing":
                throw new ProtocolException(ErrorCode.NOT_FOUND, "message " + id + " is no longer kept in " + room, clientId);
            default:
                return false;
        }
    }
}
