package dev.tandem.system.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.Todo;
import dev.tandem.server.support.TestClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Short, synchronous conversations with the backend through one port (the proxy's), for the checks before
 * and after a restart: sign in, post and wait for each acknowledgement, add todos, read a welcome.
 * Stateless: every call opens its own connection and closes it.
 */
final class Chatter {
    private final int port;

    Chatter(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    /** Signs in (registering an unused name) and returns the welcome. */
    ServerMessage.Welcome signIn(String user, String password) {
        try (TestClient client = TestClient.connect(port, user)) {
            client.send(new ClientMessage.SignIn(Protocol.VERSION, user, password));
            return client.next(ServerMessage.Welcome.class);
        }
    }

    /** Signs in by resume token and returns the welcome. */
    ServerMessage.Welcome resume(String user, String token) {
        try (TestClient client = TestClient.connect(port, user)) {
            client.send(new ClientMessage.Resume(Protocol.VERSION, token));
            return client.next(ServerMessage.Welcome.class);
        }
    }

    /** The error code a sign-in with this password gets (fails if it gets a welcome instead). */
    String signInError(String user, String password) {
        try (TestClient client = TestClient.connect(port, user)) {
            client.send(new ClientMessage.SignIn(Protocol.VERSION, user, password));
            ServerMessage answer = client.next();
            assertThat(answer).as("answer to a sign-in of %s with another password", user)
                    .isInstanceOf(ServerMessage.Error.class);
            return ((ServerMessage.Error) answer).code();
        }
    }

    /** Posts {@code count} messages as {@code user}, each only after the previous one was acknowledged. */
    List<ChatMessage> post(String user, String password, String prefix, int count) {
        List<ChatMessage> acked = new ArrayList<>();
        try (TestClient client = TestClient.signIn(port, user, password)) {
            for (int i = 1; i <= count; i++) {
                String clientId = prefix + "-" + i;
                client.send(new ClientMessage.ChatSend(clientId, "message " + clientId));
                acked.add(client.await(ChatMessage.class, m -> clientId.equals(m.clientId())
                        && user.equals(m.author())));
            }
        }
        return acked;
    }

    /** Adds todos as {@code user}, each after the previous one's todo.changed; returns the titles. */
    List<String> addTodos(String user, String password, String prefix, int count) {
        List<String> titles = new ArrayList<>();
        try (TestClient client = TestClient.signIn(port, user, password)) {
            for (int i = 1; i <= count; i++) {
                String clientId = prefix + "-todo-" + i;
                String title = "todo " + i + " of " + user;
                client.send(new ClientMessage.TodoAdd(clientId, title));
                client.await(ServerMessage.TodoChanged.class, c -> clientId.equals(c.clientId()));
                titles.add(title);
            }
        }
        return titles;
    }

    static List<String> titles(ServerMessage.Welcome welcome) {
        return welcome.todos().items().stream().map(Todo::title).toList();
    }

    /** How often each of {@code acked} (by client id and author) appears in {@code history}. */
    static List<Long> occurrences(List<ChatMessage> acked, List<ChatMessage> history) {
        return acked.stream()
                .map(a -> history.stream().filter(h -> a.author().equals(h.author())
                        && a.clientId().equals(h.clientId())).count())
                .toList();
    }
}
