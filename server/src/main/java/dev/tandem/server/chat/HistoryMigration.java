package dev.tandem.server.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.RoomNames;
import dev.tandem.server.auth.Accounts;
import dev.tandem.server.relay.Keys;
import dev.tandem.server.relay.LuaScript;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades a Redis written by the version before rooms, once, at start: its single chat history
 * ({@code tandem:chat:history}, a list) and counter ({@code tandem:chat:seq}) become general's (ids kept, so
 * clients see no jump), every existing account becomes a member of general, the resend answers still kept
 * get today's form, and the old keys are renamed with {@code :migrated} (kept, not deleted). Servers starting at once carry it over once: the script does
 * nothing if another already did, and starts again if the old list changed meanwhile.
 * <p>Threads: runs on the thread that starts the server, before it serves anyone.
 */
public final class HistoryMigration {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryMigration.class);
    /**
     * KEYS: old history, old counter, general's history, general's counter. ARGV: the old list's length as
     * read, the suffix, then (id, frame) pairs. Returns the messages carried over, -1 if the list changed
     * since it was read, -2 if there was nothing (left) to carry over.
     */
    private static final LuaScript CARRY_OVER = LuaScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 and redis.call('EXISTS', KEYS[2]) == 0 then return -2 end
            if redis.call('LLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return -1 end
            local n = 0
            for i = 3, #ARGV, 2 do
              redis.call('ZADD', KEYS[3], ARGV[i], ARGV[i + 1])
              n = n + 1
            end
            redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(HISTORY_KEPT + 1))
            local old = tonumber(redis.call('GET', KEYS[2]) or '0')
            if tonumber(redis.call('GET', KEYS[4]) or '0') < old then redis.call('SET', KEYS[4], int(old)) end
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[1] .. ARGV[2]) end
            if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('RENAME', KEYS[2], KEYS[2] .. ARGV[2]) end
            return n
            """);

    private HistoryMigration() {
    }

    /** Makes sure general is in the directory, and carries an old history over if there is one. */
    public static void run(RedisCommands<String, String> redis, String serverId) {
        redis.zadd(Keys.DIRECTORY, io.lettuce.core.ZAddArgs.Builder.nx(), 0, RoomNames.GENERAL);
        for (int attempt = 0; attempt < 5; attempt++) {
            if (redis.exists(Keys.OLD_HISTORY, Keys.OLD_SEQUENCE) == 0) {
                return;
            }
            List<String> old = redis.lrange(Keys.OLD_HISTORY, 0, -1);
            List<String> args = new ArrayList<>(2 + 2 * old.size());
            args.add(Integer.toString(old.size()));
            args.add(Keys.MIGRATED_SUFFIX);
            for (String frame : old) {
                ChatMessage message = inGeneral(frame);
                if (message != null) {
                    args.add(Long.toString(message.id()));
                    args.add(Codec.get().encode(message));
                }
            }
            Long carried = CARRY_OVER.run(redis, ScriptOutputType.INTEGER, new String[] {Keys.OLD_HISTORY,
                    Keys.OLD_SEQUENCE, Keys.history(RoomNames.GENERAL), Keys.sequence(RoomNames.GENERAL)},
                    args.toArray(String[]::new));
            if (carried == -2) {
                return;
            }
            if (carried >= 0) {
                long members = addAccountsToGeneral(redis);
                upgradeResendAnswers(redis);
                LOG.info("server={} carried the chat of the version before rooms into general: {} messages, {} members",
                        serverId, carried, members);
                return;
            }
        }
        throw new IllegalStateException("the old chat history kept changing while it was carried into general");
    }

    /**
     * An old frame ({@code chat.message} without a room, nor {@code deleted}, which today's codec requires) as
     * a message of general; null if unreadable.
     */
    private static ChatMessage inGeneral(String frame) {
        try {
            JsonNode tree = Codec.get().mapper().readTree(frame);
            if (tree instanceof ObjectNode message && "chat.message".equals(message.path("type").asText())) {
                message.put("room", RoomNames.GENERAL);
                if (!message.has("deleted")) {
                    message.put("deleted", false);
                }
                if (Codec.get().decodeServer(message.toString()) instanceof ChatMessage m) {
                    return m;
                }
            }
        } catch (JsonProcessingException | ProtocolException e) {
            // Skipped below.
        }
        return null;
    }

    /**
     * The resend answers of the last 10 minutes are old frames too: a client resending after the upgrade must
     * get one it can read. Rewritten in place, keeping their time to live.
     */
    private static void upgradeResendAnswers(RedisCommands<String, String> redis) {
        ScanArgs matching = ScanArgs.Builder.matches("tandem:chat:sent:*").limit(1000);
        KeyScanCursor<String> page = redis.scan(matching);
        while (true) {
            for (String key : page.getKeys()) {
                String frame = redis.get(key);
                ChatMessage message = frame == null || frame.contains("\"room\":") ? null : inGeneral(frame);
                if (message != null) {
                    redis.set(key, Codec.get().encode(message), SetArgs.Builder.keepttl().xx());
                }
            }
            if (page.isFinished()) {
                return;
            }
            page = redis.scan(ScanCursor.of(page.getCursor()), matching);
        }
    }

    private static long addAccountsToGeneral(RedisCommands<String, String> redis) {
        long added = 0;
        ScanArgs matching = ScanArgs.Builder.matches(Accounts.KEY_PREFIX + "*").limit(1000);
        KeyScanCursor<String> page = redis.scan(matching);
        while (true) {
            String[] users = page.getKeys().stream().map(key -> key.substring(Accounts.KEY_PREFIX.length()))
                    .toArray(String[]::new);
            if (users.length > 0) {
                added += redis.sadd(Keys.members(RoomNames.GENERAL), users);
            }
            if (page.isFinished()) {
                return added;
            }
            page = redis.scan(ScanCursor.of(page.getCursor()), matching);
        }
    }
}
