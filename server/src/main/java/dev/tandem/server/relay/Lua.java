package dev.tandem.server.relay;

import dev.tandem.model.Limits;
import dev.tandem.model.Protocol;
import dev.tandem.model.RoomNames;

/**
 * The Lua that every room script starts with: the key names of {@link Keys}, the membership check that
 * answers a DM of others exactly like a room that does not exist, the counters that restart from the clock,
 * the relay's publish, and the few frames a script has to write itself (their numbers only Redis knows).
 * <p>Numbers go to Redis through {@code int()} ({@code %d}): Lua would print a large one in exponent form.
 * Room and user names need no JSON escaping (their alphabets have no quote, backslash or control
 * character); a client id does, so Java passes it already encoded as a JSON string.
 */
public final class Lua {
    private Lua() {
    }

    /** Prepended to every script of rooms, chat and the relay. */
    public static final String PRELUDE = """
            local HISTORY_KEPT = %d
            local LOG_KEPT = %d
            local MAX_ROOMS = %d
            local CHANNEL = '%s'
            local RELAY_SEQ = '%s'
            local RELAY_LOG = '%s'
            local DIRECTORY = '%s'
            local GENERAL = '%s'
            local function int(n) return string.format('%%d', n) end
            local function room_key(room, part) return '%s{' .. room .. '}:' .. part end
            local function user_key(user, part) return '%s{' .. user .. '}:' .. part end
            local function is_dm(room) return string.sub(room, 1, 3) == 'dm:' end
            -- A missing counter is a first start or a Redis that came back empty: it restarts from the clock
            -- (seconds x 10,000), above any number handed out before, so nothing is ever numbered twice.
            local function counter(key)
              if redis.call('EXISTS', key) == 0 then
                redis.call('SET', key, redis.call('TIME')[1] .. '0000')
              end
              return redis.call('INCR', key)
            end
            -- 'ok', 'not_member' (a public room not joined) or 'unknown_room': no such room, or a DM of others.
            local function access(user, room)
              if room == GENERAL then return 'ok' end
              if redis.call('SISMEMBER', user_key(user, 'rooms'), room) == 1 then return 'ok' end
              if not is_dm(room) and redis.call('ZSCORE', DIRECTORY, room) then return 'not_member' end
              return 'unknown_room'
            end
            -- Numbers the envelope, keeps it in the relay log and publishes it: "<seq> <kind> <room> <user> <id>\\n<frame>[\\n<extra>]".
            local function relay(kind, room, user, id, frame, extra)
              local seq = counter(RELAY_SEQ)
              local envelope = int(seq) .. ' ' .. kind .. ' ' .. room .. ' ' .. user .. ' ' .. int(id) .. '\\n' .. frame
              if extra then envelope = envelope .. '\\n' .. extra end
              redis.call('ZADD', RELAY_LOG, int(seq), envelope)
              redis.call('ZREMRANGEBYRANK', RELAY_LOG, 0, -(LOG_KEPT + 1))
              redis.call('PUBLISH', CHANNEL, envelope)
              return seq
            end
            local function last_id(room)
              local top = redis.call('ZRANGE', room_key(room, 'history'), -1, -1, 'WITHSCORES')
              if top[2] then return tonumber(top[2]) end
              return 0
            end
            local function read_id(user, room)
              return tonumber(redis.call('HGET', user_key(user, 'read'), room) or '0')
            end
            local function unread(room, read)
              return redis.call('ZCOUNT', room_key(room, 'history'), '(' .. int(read), '+inf')
            end
            local function member_count(room) return redis.call('SCARD', room_key(room, 'members')) end
            local function room_count(user) return redis.call('SCARD', user_key(user, 'rooms')) + 1 end
            local function kind_and_title(user, room)
              if not is_dm(room) then return 'room', room end
              local a, b = string.match(room, '^dm:([^:]+):([^:]+)$')
              if a == user then return 'dm', b end
              return 'dm', a
            end
            local function summary(user, room)
              local kind, title = kind_and_title(user, room)
              local read = read_id(user, room)
              return '{"room":"' .. room .. '","kind":"' .. kind .. '","title":"' .. title .. '","members":'
                .. int(member_count(room)) .. ',"lastId":' .. int(last_id(room)) .. ',"readId":' .. int(read)
                .. ',"unread":' .. int(unread(room, read)) .. '}'
            end
            local function joined_frame(user, room, client_id_json)
              local head = '{"type":"room.joined",'
              if client_id_json ~= '' then head = head .. '"clientId":' .. client_id_json .. ',' end
              return head .. '"summary":' .. summary(user, room) .. '}'
            end
            local function member_frame(room, user, joined)
              return '{"type":"room.member","room":"' .. room .. '","user":"' .. user .. '","joined":'
                .. tostring(joined) .. ',"members":' .. int(member_count(room)) .. '}'
            end
            local function read_frame(room, id, n)
              return '{"type":"room.read","room":"' .. room .. '","id":' .. int(id) .. ',"unread":' .. int(n) .. '}'
            end
            """.formatted(Limits.HISTORY_RETAINED, Keys.RELAY_LOG_KEPT, Limits.MAX_ROOMS_PER_USER,
            Protocol.CHAT_CHANNEL, Keys.RELAY_SEQUENCE, Keys.RELAY_LOG, Keys.DIRECTORY, RoomNames.GENERAL,
            Keys.ROOM_PREFIX, Keys.USER_PREFIX);
}
