package dev.tandem.server.room;

import dev.tandem.server.relay.LuaScript;

/**
 * The scripts that change who is in which room. Each checks and changes membership and publishes the change
 * on the relay in one step, so every server learns of a membership before any message that depends on it
 * (a DM's first message reaches the peer's server after it knows the peer is in the DM).
 * <p>Every answer is {kind, value}: {@code ok} (the asker hears it through the relay, like every other
 * window), {@code direct}/frame (send it to the asker only: a resend, or nothing to change), or
 * {@code error}/code. KEYS[1] is the request's client-id key: a resend gets the first answer back.
 */
final class MembershipScripts {
    private MembershipScripts() {
    }

    /** ARGV: user, room, client id (JSON), resend window (s). */
    static final LuaScript CREATE = LuaScript.of("""
            local seen = redis.call('GET', KEYS[1])
            if seen then return {'direct', seen} end
            local user, room = ARGV[1], ARGV[2]
            if room == GENERAL or redis.call('ZSCORE', DIRECTORY, room) then return {'error', 'room_taken'} end
            if room_count(user) >= MAX_ROOMS then return {'error', 'limit_reached'} end
            redis.call('ZADD', DIRECTORY, 0, room)
            redis.call('SET', room_key(room, 'seq'), '0', 'NX')
            redis.call('SADD', room_key(room, 'members'), user)
            redis.call('SADD', user_key(user, 'rooms'), room)
            redis.call('HDEL', user_key(user, 'read'), room)
            local frame = joined_frame(user, room, ARGV[3])
            redis.call('SET', KEYS[1], frame, 'EX', ARGV[4])
            relay('join', room, user, 0, frame)
            return {'ok', ''}
            """);

    /** ARGV: user, room, client id (JSON), resend window (s). */
    static final LuaScript JOIN = LuaScript.of("""
            local seen = redis.call('GET', KEYS[1])
            if seen then return {'direct', seen} end
            local user, room = ARGV[1], ARGV[2]
            if room == GENERAL or redis.call('SISMEMBER', user_key(user, 'rooms'), room) == 1 then
              return {'direct', joined_frame(user, room, ARGV[3])}
            end
            if is_dm(room) or not redis.call('ZSCORE', DIRECTORY, room) then return {'error', 'unknown_room'} end
            if room_count(user) >= MAX_ROOMS then return {'error', 'limit_reached'} end
            redis.call('SADD', room_key(room, 'members'), user)
            redis.call('SADD', user_key(user, 'rooms'), room)
            redis.call('HDEL', user_key(user, 'read'), room)
            local frame = joined_frame(user, room, ARGV[3])
            redis.call('SET', KEYS[1], frame, 'EX', ARGV[4])
            relay('join', room, user, 0, frame)
            relay('mem', room, user, 0, member_frame(room, user, true))
            return {'ok', ''}
            """);

    /** ARGV: user, room, client id (JSON), resend window (s). Errors forbidden_general and forbidden_dm. */
    static final LuaScript LEAVE = LuaScript.of("""
            local seen = redis.call('GET', KEYS[1])
            if seen then return {'direct', seen} end
            local user, room = ARGV[1], ARGV[2]
            if room == GENERAL then return {'error', 'forbidden_general'} end
            local member = redis.call('SISMEMBER', user_key(user, 'rooms'), room) == 1
            if is_dm(room) then
              if member then return {'error', 'forbidden_dm'} end
              return {'error', 'unknown_room'}
            end
            if not member then
              if redis.call('ZSCORE', DIRECTORY, room) then return {'error', 'not_member'} end
              return {'error', 'unknown_room'}
            end
            redis.call('SREM', room_key(room, 'members'), user)
            redis.call('SREM', user_key(user, 'rooms'), room)
            redis.call('HDEL', user_key(user, 'read'), room)
            local frame = '{"type":"room.left","clientId":' .. ARGV[3] .. ',"room":"' .. room .. '"}'
            redis.call('SET', KEYS[1], frame, 'EX', ARGV[4])
            relay('left', room, user, 0, frame)
            relay('mem', room, user, 0, member_frame(room, user, false))
            return {'ok', ''}
            """);

    /**
     * KEYS[2]: the peer's account. ARGV: user, peer, the DM's room, client id (JSON), resend window (s).
     * Errors unknown_user, limit_reached and peer_limit_reached.
     */
    static final LuaScript DM_OPEN = LuaScript.of("""
            local seen = redis.call('GET', KEYS[1])
            if seen then return {'direct', seen} end
            local user, peer, room = ARGV[1], ARGV[2], ARGV[3]
            if redis.call('EXISTS', KEYS[2]) == 0 then return {'error', 'unknown_user'} end
            if redis.call('SISMEMBER', user_key(user, 'rooms'), room) == 1 then
              return {'direct', joined_frame(user, room, ARGV[4])}
            end
            if room_count(user) >= MAX_ROOMS then return {'error', 'limit_reached'} end
            if room_count(peer) >= MAX_ROOMS then return {'error', 'peer_limit_reached'} end
            redis.call('SET', room_key(room, 'seq'), '0', 'NX')
            redis.call('SADD', room_key(room, 'members'), user, peer)
            redis.call('SADD', user_key(user, 'rooms'), room)
            redis.call('SADD', user_key(peer, 'rooms'), room)
            local frame = joined_frame(user, room, ARGV[4])
            redis.call('SET', KEYS[1], frame, 'EX', ARGV[5])
            relay('join', room, user, 0, frame)
            relay('join', room, peer, 0, joined_frame(peer, room, ''))
            return {'ok', ''}
            """);

    /** ARGV: user, after ("" from the first), page size. {more (0/1), {room, members, joined (0/1)}...}. */
    static final LuaScript LIST = LuaScript.of("""
            local from = '-'
            if ARGV[2] ~= '' then from = '(' .. ARGV[2] end
            local page = tonumber(ARGV[3])
            local names = redis.call('ZRANGEBYLEX', DIRECTORY, from, '+', 'LIMIT', 0, page + 1)
            local rooms = {}
            for i = 1, math.min(#names, page) do
              local room = names[i]
              local joined = 0
              if room == GENERAL or redis.call('SISMEMBER', user_key(ARGV[1], 'rooms'), room) == 1 then joined = 1 end
              rooms[#rooms + 1] = room
              rooms[#rooms + 1] = member_count(room)
              rooms[#rooms + 1] = joined
            end
            local more = 0
            if #names > page then more = 1 end
            return {more, rooms}
            """);

    /** ARGV: user, room. {"ok", members} or {"error", code}. */
    static final LuaScript MEMBERS = LuaScript.of("""
            local allowed = access(ARGV[1], ARGV[2])
            if allowed ~= 'ok' then return {'error', allowed} end
            return {'ok', redis.call('SMEMBERS', room_key(ARGV[2], 'members'))}
            """);
}
