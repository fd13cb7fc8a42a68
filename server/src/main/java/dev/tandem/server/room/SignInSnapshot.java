package dev.tandem.server.room;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.RoomNames;
import dev.tandem.model.RoomSummary;
import dev.tandem.server.chat.HistoryBudget;
import dev.tandem.server.relay.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a welcome shows of rooms, read in one script as of one relay sequence: the user's rooms with their
 * summaries (general first, then by title), and the newest messages of the room on screen (one the user is
 * not in, a DM of others included, means general, exactly as a room that does not exist). The sequence lets
 * the delivery thread send the new window what happened after the read ({@code RelayFeed.admit}). The read
 * also makes the user a member of general, which everyone is in.
 *
 * @param seq     the relay sequence the snapshot is as of
 * @param room    the room {@code history} is of
 * @param history its newest messages, oldest first: at most the count asked for and {@link Limits#HISTORY_BYTES}
 * @param historyMore whether the room has older messages than {@code history}
 * @param rooms   the user's rooms, general first, then by title
 * @param joined  the names of the user's rooms, general left out
 */
public record SignInSnapshot(long seq, String room, List<ChatMessage> history, boolean historyMore,
                             List<RoomSummary> rooms, Set<String> joined) {

    /** ARGV: user, room asked for ("" for none), how many messages. {seq, room, {room, members, last, read, unread}..., frames}. */
    private static final LuaScript READ = LuaScript.of("""
            local user = ARGV[1]
            redis.call('SADD', room_key(GENERAL, 'members'), user)
            local names = redis.call('SMEMBERS', user_key(user, 'rooms'))
            table.insert(names, 1, GENERAL)
            local asked = GENERAL
            local rooms = {}
            for _, room in ipairs(names) do
              local read = read_id(user, room)
              rooms[#rooms + 1] = room
              rooms[#rooms + 1] = member_count(room)
              rooms[#rooms + 1] = last_id(room)
              rooms[#rooms + 1] = read
              rooms[#rooms + 1] = unread(room, read)
              if room == ARGV[2] then asked = room end
            end
            local key = room_key(asked, 'history')
            local history = redis.call('ZREVRANGE', key, 0, tonumber(ARGV[3]) - 1)
            return {tonumber(redis.call('GET', RELAY_SEQ) or '0'), asked, rooms, history, redis.call('ZCARD', key)}
            """);

    /** Reads {@code user}'s snapshot with up to {@code count} messages of {@code room} (null: general). */
    public static SignInSnapshot read(RedisCommands<String, String> redis, String user, String room, int count) {
        List<Object> reply = READ.run(redis, ScriptOutputType.MULTI, new String[0], user, room == null ? "" : room,
                Integer.toString(count));
        List<?> flat = (List<?>) reply.get(2);
        List<RoomSummary> rooms = new ArrayList<>(flat.size() / 5);
        Set<String> joined = new HashSet<>();
        for (int i = 0; i + 4 < flat.size(); i += 5) {
            String name = (String) flat.get(i);
            rooms.add(summary(user, name, (Long) flat.get(i + 1), (Long) flat.get(i + 2), (Long) flat.get(i + 3),
                    (Long) flat.get(i + 4)));
            if (!RoomNames.GENERAL.equals(name)) {
                joined.add(name);
            }
        }
        rooms.sort(Comparator.comparing((RoomSummary s) -> !RoomNames.GENERAL.equals(s.room()))
                .thenComparing(RoomSummary::title).thenComparing(RoomSummary::room));
        List<?> newestFirst = (List<?>) reply.get(3);
        int sent = HistoryBudget.fitting(newestFirst, Limits.HISTORY_BYTES);
        boolean more = (Long) reply.get(4) > sent;
        List<ChatMessage> history = new ArrayList<>(sent);
        for (int i = sent - 1; i >= 0; i--) { // oldest first
            try {
                if (Codec.get().decodeServer((String) newestFirst.get(i)) instanceof ChatMessage message) {
                    history.add(message);
                }
            } catch (ProtocolException e) {
                // A stored frame that cannot be read is left out of the welcome; it stays in Redis.
            }
        }
        return new SignInSnapshot((Long) reply.get(0), (String) reply.get(1), List.copyOf(history), more, List.copyOf(rooms),
                Set.copyOf(joined));
    }

    private static RoomSummary summary(String user, String room, long members, long lastId, long readId, long unread) {
        boolean dm = RoomNames.isDm(room);
        String title = dm ? RoomNames.dmPeer(room, user).orElse(room) : room;
        return new RoomSummary(room, dm ? RoomSummary.RoomKind.dm : RoomSummary.RoomKind.room, title, (int) members,
                lastId, readId, (int) unread);
    }
}
