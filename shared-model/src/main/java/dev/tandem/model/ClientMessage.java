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
    }

    /** A request that changes state; the server's answer echoes {@link #clientId()}. */
    sealed interface Command extends ClientMessage {
        String clientId();
    }

    /** Requests that touch the signed-in user's todo list. */
    sealed interface TodoCommand extends Command {
    }

    /**
     * Sign in with a password. {@code create} says what an unused name gets: {@code true} or absent (the
     * protocol's first form, kept for scripts and bots) registers it with this password; {@code false}
     * refuses it with {@code unknown_user}, so a typo in a sign-in form never creates an account.
     */
    @JsonTypeName("sign_in")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignIn(int protocol, String user, String password, Boolean create) implements Authenticate {
        /** The first form: an unused name is registered. */
        public SignIn(int protocol, String user, String password) {
            this(protocol, user, password, null);
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
        }

        /** Never print the password. */
        @Override
        public String toString() {
            return "SignIn[protocol=" + protocol + ", user=" + user + ", create=" + create + "]";
        }
    }

    /** Sign in again with the token from an earlier {@link ServerMessage.Welcome}, on any server. */
    @JsonTypeName("resume")
    record Resume(int protocol, String token) implements Authenticate {
        @Override
        public void validate() throws ProtocolException {
            Checks.version(protocol);
            Checks.required("token", token, Limits.MAX_TOKEN, null);
        }

        @Override
        public String toString() {
            return "Resume[protocol=" + protocol + "]";
        }
    }

    /** Post a chat message to everyone. */
    @JsonTypeName("chat.send")
    record ChatSend(String clientId, String text) implements Command {
        @Override
        public void validate() throws ProtocolException {
            Checks.clientId(clientId);
            Checks.text("text", text, Limits.MAX_CHAT_TEXT, clientId);
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
