package dev.tandem.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;

/** Every message a server sends. The JSON {@code type} field selects the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ServerMessage.Welcome.class),
        @JsonSubTypes.Type(ChatMessage.class),
        @JsonSubTypes.Type(ServerMessage.ChatEdited.class),
        @JsonSubTypes.Type(ServerMessage.ChatDeleted.class),
        @JsonSubTypes.Type(ServerMessage.ChatPage.class),
        @JsonSubTypes.Type(ServerMessage.RoomJoined.class),
        @JsonSubTypes.Type(ServerMessage.RoomLeft.class),
        @JsonSubTypes.Type(ServerMessage.RoomMember.class),
        @JsonSubTypes.Type(ServerMessage.RoomDirectory.class),
        @JsonSubTypes.Type(ServerMessage.RoomRoster.class),
        @JsonSubTypes.Type(ServerMessage.ReadPosition.class),
        @JsonSubTypes.Type(ServerMessage.Presence.class),
        @JsonSubTypes.Type(ServerMessage.Typing.class),
        @JsonSubTypes.Type(ServerMessage.TodoChanged.class),
        @JsonSubTypes.Type(ServerMessage.TodoSnapshot.class),
        @JsonSubTypes.Type(ServerMessage.Error.class),
        @JsonSubTypes.Type(ServerMessage.Pong.class)
})
public sealed interface ServerMessage permits ServerMessage.Welcome, ChatMessage, ServerMessage.ChatEdited,
        ServerMessage.ChatDeleted, ServerMessage.ChatPage, ServerMessage.RoomJoined, ServerMessage.RoomLeft,
        ServerMessage.RoomMember, ServerMessage.RoomDirectory, ServerMessage.RoomRoster, ServerMessage.ReadPosition,
        ServerMessage.Presence, ServerMessage.Typing, ServerMessage.TodoChanged, ServerMessage.TodoSnapshot,
        ServerMessage.Error, ServerMessage.Pong {

    /**
     * The reply to a successful sign-in or resume.
     *
     * @param registered        true when this sign-in created the account
     * @param resumeToken       sign in again with {@link ClientMessage.Resume} without the password
     * @param todos             the user's list on this server
     * @param room              the room {@code history} is of: the one the sign-in asked for, or general
     * @param history           the newest messages of {@code room}, oldest first
     * @param rooms             every room and DM the user is in, general first, then by title
     * @param online            every user online on any server, by name
     * @param messagesPerSecond the rate limit this server applies to the connection
     * @param historyMore       whether the room has older messages than {@code history} (ask with
     *                          {@code chat.history}); null from servers before it was sent: then infer it from
     *                          {@code history} holding {@link Limits#HISTORY_ON_SIGN_IN} messages
     */
    @JsonTypeName("welcome")
    record Welcome(int protocol, String user, String serverId, boolean registered, String resumeToken,
                   TodoList todos, String room, List<ChatMessage> history, List<RoomSummary> rooms,
                   List<String> online, int messagesPerSecond, Boolean historyMore) implements ServerMessage {
        public Welcome {
            history = List.copyOf(history);
            rooms = List.copyOf(rooms);
            online = List.copyOf(online);
        }

        /** A welcome whose history is everything or a full {@link Limits#HISTORY_ON_SIGN_IN} (tests, old servers). */
        public Welcome(int protocol, String user, String serverId, boolean registered, String resumeToken,
                       TodoList todos, String room, List<ChatMessage> history, List<RoomSummary> rooms,
                       List<String> online, int messagesPerSecond) {
            this(protocol, user, serverId, registered, resumeToken, todos, room, history, rooms, online,
                    messagesPerSecond, history.size() >= Limits.HISTORY_ON_SIGN_IN);
        }

        /** Whether older messages than {@code history} exist, from the field or, when absent, from the count. */
        public boolean hasOlderHistory() {
            return historyMore != null ? historyMore : history.size() >= Limits.HISTORY_ON_SIGN_IN;
        }

        @Override
        public String toString() {
            return "Welcome[user=" + user + ", serverId=" + serverId + ", todos=" + todos.items().size()
                    + ", room=" + room + ", history=" + history.size() + ", rooms=" + rooms.size()
                    + ", online=" + online.size() + "]";
        }
    }

    /** A message's author changed its text; every member of the room gets it. */
    @JsonTypeName("chat.edited")
    record ChatEdited(String clientId, String room, long id, String text, Instant editedAt) implements ServerMessage {
    }

    /** A message's author deleted it; every member of the room gets it. */
    @JsonTypeName("chat.deleted")
    record ChatDeleted(String clientId, String room, long id) implements ServerMessage {
    }

    /**
     * A page of a room's history, in answer to {@link ClientMessage.ChatHistory}: oldest first, edits and
     * deletions applied. {@code more} is false when the page reaches the oldest message the server keeps.
     */
    @JsonTypeName("chat.page")
    record ChatPage(String clientId, String room, List<ChatMessage> messages, boolean more) implements ServerMessage {
        public ChatPage {
            messages = List.copyOf(messages);
        }
    }

    /**
     * The user is now in a room: after their own create, join or DM open (with its {@code clientId}), or when
     * someone opened a DM with them (no {@code clientId}). Every window of the user gets it.
     */
    @JsonTypeName("room.joined")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomJoined(String clientId, RoomSummary summary) implements ServerMessage {
    }

    /** The user left a room (every window of theirs gets it). */
    @JsonTypeName("room.left")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomLeft(String clientId, String room) implements ServerMessage {
    }

    /** Someone joined ({@code joined} true) or left a room; its other members get it. */
    @JsonTypeName("room.member")
    record RoomMember(String room, String user, boolean joined, int members) implements ServerMessage {
    }

    /** A page of public rooms by name, in answer to {@link ClientMessage.RoomList}. */
    @JsonTypeName("room.directory")
    record RoomDirectory(String clientId, List<PublicRoom> rooms, boolean more) implements ServerMessage {
        public RoomDirectory {
            rooms = List.copyOf(rooms);
        }
    }

    /** One public room in the directory, and whether the asking user is in it. */
    record PublicRoom(String room, int members, boolean joined) {
    }

    /**
     * The members of a room by name, in answer to {@link ClientMessage.RoomMembers}: at most
     * {@link Limits#ROSTER_PAGE}; {@code more} says there are more than that.
     */
    @JsonTypeName("room.roster")
    record RoomRoster(String clientId, String room, List<String> members, boolean more) implements ServerMessage {
        public RoomRoster {
            members = List.copyOf(members);
        }
    }

    /** The user's read position in a room moved (from any of their windows); every window of theirs gets it. */
    @JsonTypeName("room.read")
    record ReadPosition(String room, long id, int unread) implements ServerMessage {
    }

    /**
     * Who came online and who went offline since the last presence frame (or the welcome's {@code online}).
     * A user is online while any of their windows is connected to any server.
     */
    @JsonTypeName("presence")
    record Presence(List<String> online, List<String> offline) implements ServerMessage {
        public Presence {
            online = List.copyOf(online);
            offline = List.copyOf(offline);
        }
    }

    /** {@code user} is typing in {@code room}: show it for {@link Limits#TYPING_SHOWN}, or until their message. */
    @JsonTypeName("typing")
    record Typing(String room, String user) implements ServerMessage {
    }

    /** What a todo change did, so a client can apply it to its copy. */
    enum TodoOp { added, renamed, completed, deleted, toggled_all, cleared_completed }

    /**
     * One change to the user's list, pushed to every window of that user. Apply it by replacing or
     * appending each of {@code upserted} (by id) and removing each of {@code removed}. The revision
     * increases by exactly one per change: a gap means a missed change, so ask {@link ClientMessage.TodoSync}.
     *
     * @param clientId the id of the request that caused it (every window gets it; only the sender matches it)
     */
    @JsonTypeName("todo.changed")
    record TodoChanged(String clientId, long revision, TodoOp op, List<Todo> upserted, List<String> removed)
            implements ServerMessage {
        public TodoChanged {
            upserted = List.copyOf(upserted);
            removed = List.copyOf(removed);
        }
    }

    /** The whole list, in answer to {@link ClientMessage.TodoSync}. */
    @JsonTypeName("todo.list")
    record TodoSnapshot(String clientId, TodoList todos) implements ServerMessage {
    }

    /**
     * A request failed. {@code code} is one of {@link ErrorCode}'s wire names; {@code ref} is the client
     * id of the request that failed, when there was one. {@code retryAfterMs}, on {@code rate_limited} only,
     * says how long to wait before the request would be accepted; null (left out) otherwise. Clients must
     * accept its absence (older servers) and treat it as a hint: a retry then may still be refused.
     */
    @JsonTypeName("error")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String code, String message, String ref, Long retryAfterMs) implements ServerMessage {
        /** An error without a retry-after. */
        public Error(String code, String message, String ref) {
            this(code, message, ref, null);
        }
    }

    @JsonTypeName("pong")
    record Pong(String nonce) implements ServerMessage {
    }
}
