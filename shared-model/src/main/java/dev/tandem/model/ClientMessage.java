package dev.tandem.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Every message a client sends. The JSON {@code type} field selects the record. The first message on a
 * connection must be an {@link Authenticate}; every state change is a {@link Command} with a client id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ClientMessage.SignIn.class),
        @JsonSubTypes.Type(ClientMessage.Resume.class),
        @JsonSubTypes.Type(ClientMessage.ChatSend.class),
        @JsonSubTypes.Type(ClientMessage.ChatEdit.class),
        @JsonSubTypes.Type(ClientMessage.ChatDelete.class),
        @JsonSubTypes.Type(ClientMessage.ChatHistory.class),
        @JsonSubTypes.Type(ClientMessage.RoomCreate.class),
        @JsonSubTypes.Type(ClientMessage.RoomJoin.class),
        @JsonSubTypes.Type(ClientMessage.RoomLeave.class),
        @JsonSubTypes.Type(ClientMessage.RoomList.class),
        @JsonSubTypes.Type(ClientMessage.RoomMembers.class),
        @JsonSubTypes.Type(ClientMessage.DmOpen.class),
        @JsonSubTypes.Type(ClientMessage.MarkRead.class),
        @JsonSubTypes.Type(ClientMessage.Typing.class),
        @JsonSubTypes.Type(ClientMessage.TodoAdd.class),
        @JsonSubTypes.Type(ClientMessage.TodoRename.class),
        @JsonSubTypes.Type(ClientMessage.TodoSetCompleted.class),
        @JsonSubTypes.Type(ClientMessage.TodoDelete.class),
        @JsonSubTypes.Type(ClientMessage.TodoToggleAll.class),
        @JsonSubTypes.Type(ClientMessage.TodoClearCompleted.class),
        @JsonSubTypes.Type(ClientMessage.TodoSync.class),
        @JsonSubTypes.Type(ClientMessage.Ping.class)
})
public sealed interface ClientMessage {

    /**
     * Checks every field against the protocol's rules and {@link Limits}.
     *
     * @throws ProtocolException with {@code invalid} (or {@code unsupported_version}) and the request's id
     */
    void validate() throws ProtocolException;

    /** The first message: either a password sign-in or a resume token. */
    sealed interface Authenticate extends ClientMessage {
        int protocol();

        /** The room on screen, whose recent history the welcome brings; null (or one not the user's) means general. */
        String room();
    }

    /** A request that changes state; the server's answer echoes {@link #clientId()}. */
    sealed interface Command extends ClientMessage {
        String clientId();
    }

    /** Requests that touch the signed-in user's todo list. */
    sealed interface TodoCommand extends Command {
    }

    /** Requests about rooms, their membership and their messages: answered or refused with the client id. */
    sealed interface RoomCommand extends Command {
    }

    /**
     * Sign in with a password. {@code create} says what an unused name gets: {@code true} or absent (the
     * protocol's first form, kept for scripts and bots) registers it with this password; {@code false}
     * refuses it with {@code unknown_user}, so a typo in a sign-in form never creates an account.
     */
    @JsonTypeName("sign_in")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignIn(int protocol, String user, String password, Boolean create, String room) implements Authenticate {
        /** The first form: an unused name is registered. */
        public SignIn(int protocol, String user, String password) {
            this(protocol, user, password, null, null);
        }

        public SignIn(int protocol, String user, String password, Boolean create) {
            this(protocol, user, password, create, null);
        }

        /** True when an unused name is to be registered (the flag is true or absent). */
        public boolean createsAccount() {
            return create == null || create;
        }

        @Override
        public void validate() throws ProtocolException {
            Checks.version(protocol);
            Checks.userName(user);
            Checks.password(password);
            Checks.optionalRoom(room, null);
        }

        /** Never print the password. */
        @Override
        public String toString() {
            return "SignIn[protocol=" + protocol + ", user=" + user + ", create=" + create + ", room=" + room + "]";
        }
    }

    /** Sign in again with the token from an earlier {@link ServerMessage.Welcome}, on any server. */
    @JsonTypeName("resume")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Resume(int protocol, String token, String room) implements Authenticate {
        public Resume(int protocol, String token) {
            this(protocol, token, null);
        }

        @Override
        public void validate() throws ProtocolException {
            Checks.version(protocol);
            Checks.required("token", token, Limits.MAX_TOKEN, null);
            Checks.optionalRoom(room, null);
        }

        @Override
        public String toString() {
            return "Resume[protocol=" + protocol + ", room=" + room + "]";
        }
    }

    /** Post a chat message to a room the user is in; {@code room} absent means {@code general}. */
    @JsonTypeName("chat.send")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatSend(String clientId, String room, String text) implements RoomCommand {
        /** A message to {@code general}. */
        public ChatSend(String clientId, String text) {
            this(clientId, null, text);
        }

        /** The room it goes to: {@code general} when absent. */
        public String roomOrGeneral() {
            return room == null ? RoomNames.GENERAL : room;
        }

        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.optionalRoom(room, clientId);
            Checks.text("text", text, Limits.MAX_CHAT_TEXT, clientId);
        }
    }

    /** Replace the text of one of the user's own messages. */
    @JsonTypeName("chat.edit")
    record ChatEdit(String clientId, String room, long id, String text) implements RoomCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.room(room, clientId);
            Checks.messageId(id, clientId);
            Checks.text("text", text, Limits.MAX_CHAT_TEXT, clientId);
        }
    }

    /** Delete one of the user's own messages: everyone then sees it as deleted. */
    @JsonTypeName("chat.delete")
    record ChatDelete(String clientId, String room, long id) implements RoomCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.room(room, clientId);
            Checks.messageId(id, clientId);
        }
    }

    /**
     * Ask for a page of a room's history: up to {@code limit} (default and most {@link Limits#HISTORY_PAGE})
     * messages older than {@code before}, or the newest when {@code before} is absent. Answered by
     * {@link ServerMessage.ChatPage}.
     */
    @JsonTypeName("chat.history")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatHistory(String clientId, String room, Long before, Integer limit) implements RoomCommand {
        /** The page size asked for, or the default. */
        public int limitOrDefault() {
            return limit == null ? Limits.HISTORY_PAGE : limit;
        }

        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.room(room, clientId);
            if (before != null) {
                Checks.messageId(before, clientId);
            }
            if (limit != null && (limit < 1 || limit > Limits.HISTORY_PAGE)) {
                throw new ProtocolException(ErrorCode.INVALID, "limit must be 1 to " + Limits.HISTORY_PAGE, clientId);
            }
        }
    }

    /** Create a public room and join it; answered by {@link ServerMessage.RoomJoined}. */
    @JsonTypeName("room.create")
    record RoomCreate(String clientId, String room) implements RoomCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.publicRoom(room, clientId);
        }
    }

    /** Join a public room; answered by {@link ServerMessage.RoomJoined} (also if already in it). */
    @JsonTypeName("room.join")
    record RoomJoin(String clientId, String room) implements RoomCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.room(room, clientId);
        }
    }

    /** Leave a public room (not {@code general}, not a DM); answered by {@link ServerMessage.RoomLeft}. */
    @JsonTypeName("room.leave")
    record RoomLeave(String clientId, String room) implements RoomCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.room(room, clientId);
        }
    }

    /**
     * List public rooms by name, {@link Limits#DIRECTORY_PAGE} at a time, starting after {@code after} (absent:
     * from the first); answered by {@link ServerMessage.RoomDirectory}.
     */
    @JsonTypeName("room.list")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomList(String clientId, String after) implements RoomCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            if (after != null) {
                Checks.publicRoom(after, clientId);
            }
        }
    }

    /** Who is in a room the user is in; answered by {@link ServerMessage.RoomRoster}. */
    @JsonTypeName("room.members")
    record RoomMembers(String clientId, String room) implements RoomCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.room(room, clientId);
        }
    }

    /** Open (create if new) the DM with {@code user}; answered by {@link ServerMessage.RoomJoined}. */
    @JsonTypeName("dm.open")
    record DmOpen(String clientId, String user) implements RoomCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            if (!Checks.isUserName(user)) {
                throw new ProtocolException(ErrorCode.INVALID, "user must be a valid user name", clientId);
            }
        }
    }

    /**
     * Move the user's read position in a room up to message {@code id} (never down: a lower id is ignored).
     * Every window of the user gets {@link ServerMessage.ReadPosition}.
     */
    @JsonTypeName("room.read")
    record MarkRead(String room, long id) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Checks.room(room, null);
            Checks.messageId(id, null);
        }
    }

    /**
     * The user is typing in {@code room}: sent at most every {@link Limits#TYPING_INTERVAL} while they type.
     * Never stored; relayed to the room's other members as {@link ServerMessage.Typing}.
     */
    @JsonTypeName("typing")
    record Typing(String room) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Checks.room(room, null);
        }
    }

    @JsonTypeName("todo.add")
    record TodoAdd(String clientId, String title) implements TodoCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.text("title", title, Limits.MAX_TODO_TITLE, clientId);
        }
    }

    @JsonTypeName("todo.rename")
    record TodoRename(String clientId, String todoId, String title) implements TodoCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.required("todoId", todoId, Limits.MAX_CLIENT_ID, clientId);
            Checks.text("title", title, Limits.MAX_TODO_TITLE, clientId);
        }
    }

    @JsonTypeName("todo.set_completed")
    record TodoSetCompleted(String clientId, String todoId, boolean completed) implements TodoCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.required("todoId", todoId, Limits.MAX_CLIENT_ID, clientId);
        }
    }

    @JsonTypeName("todo.delete")
    record TodoDelete(String clientId, String todoId) implements TodoCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.required("todoId", todoId, Limits.MAX_CLIENT_ID, clientId);
        }
    }

    /** Mark every todo completed (or every todo active). */
    @JsonTypeName("todo.toggle_all")
    record TodoToggleAll(String clientId, boolean completed) implements TodoCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
        }
    }

    @JsonTypeName("todo.clear_completed")
    record TodoClearCompleted(String clientId) implements TodoCommand {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
        }
    }

    /** Ask for a full snapshot of the list (after a revision gap); answered by {@link ServerMessage.TodoSnapshot}. */
    @JsonTypeName("todo.sync")
    record TodoSync(String clientId) implements Command {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
        }
    }

    /** Keep-alive; answered by {@link ServerMessage.Pong} with the same nonce. */
    @JsonTypeName("ping")
    record Ping(String nonce) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            if (nonce != null && nonce.length() > Limits.MAX_CLIENT_ID) {
                throw new ProtocolException(ErrorCode.INVALID, "nonce is too long");
            }
        }
    }
}
