package dev.tandem.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** Every message a server sends. The JSON {@code type} field selects the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ServerMessage.Welcome.class),
        @JsonSubTypes.Type(ChatMessage.class),
        @JsonSubTypes.Type(ServerMessage.TodoChanged.class),
        @JsonSubTypes.Type(ServerMessage.TodoSnapshot.class),
        @JsonSubTypes.Type(ServerMessage.Error.class),
        @JsonSubTypes.Type(ServerMessage.Pong.class)
})
public sealed interface ServerMessage permits ServerMessage.Welcome, ChatMessage, ServerMessage.TodoChanged,
        ServerMessage.TodoSnapshot, ServerMessage.Error, ServerMessage.Pong {

    /**
     * The reply to a successful sign-in or resume.
     *
     * @param registered        true when this sign-in created the account
     * @param resumeToken       sign in again with {@link ClientMessage.Resume} without the password
     * @param todos             the user's list on this server
     * @param history           the newest chat messages, oldest first
     * @param messagesPerSecond the rate limit this server applies to the connection
     */
    @JsonTypeName("welcome")
    record Welcome(int protocol, String user, String serverId, boolean registered, String resumeToken,
                   TodoList todos, List<ChatMessage> history, int messagesPerSecond) implements ServerMessage {
        public Welcome {
            history = List.copyOf(history);
        }

        @Override
        public String toString() {
            return "Welcome[user=" + user + ", serverId=" + serverId + ", todos=" + todos.items().size()
                    + ", history=" + history.size() + "]";
        }
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
     * id of the request that failed, when there was one.
     */
    @JsonTypeName("error")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String code, String message, String ref) implements ServerMessage {
    }

    @JsonTypeName("pong")
    record Pong(String nonce) implements ServerMessage {
    }
}
