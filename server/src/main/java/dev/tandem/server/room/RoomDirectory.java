package dev.tandem.server.room;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.RoomNames;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.auth.Accounts;
import dev.tandem.server.relay.Keys;
import dev.tandem.server.relay.LuaScript;
import dev.tandem.server.relay.Refusal;
import dev.tandem.server.window.Window;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * Rooms and their members, in Redis: creating, joining and leaving public rooms, opening DMs, the directory
 * of public rooms and a room's roster (the scripts are {@link MembershipScripts}). A change is answered by
 * the relay, to every window of the user (and for a new DM, the peer's); what changes nothing is answered to
 * the asking window alone.
 * <p>Threads: called on session threads; one Redis round trip per request.
 */
public final class RoomDirectory {
    private final RedisCommands<String, String> redis;

    public RoomDirectory(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    public void create(String user, ClientMessage.RoomCreate request, Window sender) throws ProtocolException {
        change(MembershipScripts.CREATE, user, request.clientId(), request.room(), sender);
    }

    public void join(String user, ClientMessage.RoomJoin request, Window sender) throws ProtocolException {
        change(MembershipScripts.JOIN, user, request.clientId(), request.room(), sender);
    }

    public void leave(String user, ClientMessage.RoomLeave request, Window sender) throws ProtocolException {
        change(MembershipScripts.LEAVE, user, request.clientId(), request.room(), sender);
    }

    /** Opens the DM with another user, creating it with both as members the first time. */
    public void openDm(String user, ClientMessage.DmOpen request, Window sender) throws ProtocolException {
        if (request.user().equals(user)) {
            throw new ProtocolException(ErrorCode.INVALID, "a DM is with someone else, not yourself", request.clientId());
        }
        String room = RoomNames.dm(user, request.user());
        List<Object> reply = MembershipScripts.DM_OPEN.run(redis, ScriptOutputType.MULTI,
                new String[] {Keys.sent(user, request.clientId()), Accounts.KEY_PREFIX + request.user()},
                user, request.user(), room, json(request.clientId()), resendWindow());
        String code = answer(reply, sender);
        if (code == null) {
            return;
        }
        switch (code) {
            case "unknown_user":
                throw new ProtocolException(ErrorCode.UNKNOWN_USER, "there is no account named " + request.user(),
                        request.clientId());
            case "peer_limit_reached":
                throw new ProtocolException(ErrorCode.LIMIT_REACHED, request.user() + " is in "
                        + Limits.MAX_ROOMS_PER_USER + " rooms already, the most a user may be in", request.clientId());
            default:
                throw Refusal.of(code, room, request.clientId());
        }
    }

    /** One page of the public rooms, by name. */
    public ServerMessage.RoomDirectory list(String user, ClientMessage.RoomList request) {
        List<Object> reply = MembershipScripts.LIST.run(redis, ScriptOutputType.MULTI, new String[0], user,
                request.after() == null ? "" : request.after(), Integer.toString(Limits.DIRECTORY_PAGE));
        List<?> flat = (List<?>) reply.get(1);
        List<ServerMessage.PublicRoom> rooms = new ArrayList<>(flat.size() / 3);
        for (int i = 0; i + 2 < flat.size(); i += 3) {
            rooms.add(new ServerMessage.PublicRoom((String) flat.get(i), ((Long) flat.get(i + 1)).intValue(),
                    (Long) flat.get(i + 2) == 1));
        }
        return new ServerMessage.RoomDirectory(request.clientId(), rooms, (Long) reply.get(0) == 1);
    }

    /** A room's members by name, at most {@link Limits#ROSTER_PAGE}. */
    public ServerMessage.RoomRoster members(String user, ClientMessage.RoomMembers request) throws ProtocolException {
        List<Object> reply = MembershipScripts.MEMBERS.run(redis, ScriptOutputType.MULTI, new String[0], user,
                request.room());
        if ("error".equals(reply.get(0))) {
            throw Refusal.of((String) reply.get(1), request.room(), request.clientId());
        }
        List<String> names = new ArrayList<>();
        for (Object name : (List<?>) reply.get(1)) {
            names.add((String) name);
        }
        names.sort(null);
        boolean more = names.size() > Limits.ROSTER_PAGE;
        return new ServerMessage.RoomRoster(request.clientId(), request.room(),
                more ? names.subList(0, Limits.ROSTER_PAGE) : names, more);
    }

    private void change(LuaScript script, String user, String clientId, String room, Window sender)
            throws ProtocolException {
        List<Object> reply = script.run(redis, ScriptOutputType.MULTI, new String[] {Keys.sent(user, clientId)},
                user, room, json(clientId), resendWindow());
        String code = answer(reply, sender);
        if (code == null) {
            return;
        }
        switch (code) {
            case "forbidden_general":
                throw new ProtocolException(ErrorCode.FORBIDDEN, "general cannot be left: everyone is in it", clientId);
            case "forbidden_dm":
                throw new ProtocolException(ErrorCode.FORBIDDEN, "a DM cannot be left", clientId);
            default:
                throw Refusal.of(code, room, clientId);
        }
    }

    /** Sends a direct answer; returns the refusal code of an error, null when answered (or relayed). */
    private static String answer(List<Object> reply, Window sender) {
        String kind = (String) reply.get(0);
        if ("direct".equals(kind)) {
            sender.send((String) reply.get(1));
        }
        return "error".equals(kind) ? (String) reply.get(1) : null;
    }

    /** A client id as a JSON string, for the frames the scripts write. */
    private static String json(String clientId) {
        try {
            return Codec.get().mapper().writeValueAsString(clientId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always encodes", e);
        }
    }

    private static String resendWindow() {
        return Long.toString(Limits.RESEND_WINDOW.toSeconds());
    }
}
