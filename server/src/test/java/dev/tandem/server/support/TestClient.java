package dev.tandem.server.support;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Protocol;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) speaking the protocol, for tests. Received messages queue up in
 * arrival order; {@link #next} and {@link #await} wait with a timeout instead of sleeping. Presence frames,
 * which come to every window whenever anyone anywhere signs in or out, queue up apart, in their own arrival
 * order ({@link #nextPresence}), so tests of other features never meet them.
 * <p>Threads: the JDK's listener thread fills both queues; the test thread reads them.
 */
public final class TestClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<ServerMessage.Presence> presence = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private final boolean reading;
    /** The welcome {@link #signIn} consumed; null for clients that signed in by hand. */
    private volatile ServerMessage.Welcome welcome;

    private TestClient(URI uri, boolean reading) {
        this(uri, reading, null);
    }

    private TestClient(URI uri, boolean reading, String forwardedFor) {
        this.reading = reading;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /**
     * Connects as a proxy would for a client at {@code clientAddress}: with {@code X-Forwarded-For}, which a
     * server believes from a trusted peer (loopback by default) only.
     */
    public static TestClient connectFrom(int port, String user, String clientAddress) {
        return new TestClient(uri(port, user), true, clientAddress);
    }

    /** Connects to ws://127.0.0.1:port/ws, with ?user= when {@code user} is not null. */
    public static TestClient connect(int port, String user) {
        return new TestClient(uri(port, user), true);
    }

    /** Connects to any WebSocket URL (for odd URLs the tests build by hand). */
    public static TestClient open(URI uri) {
        return new TestClient(uri, true);
    }

    /** A client that stops reading after the first frame: a slow consumer. */
    public static TestClient connectWithoutReading(int port, String user) {
        return new TestClient(uri(port, user), false);
    }

    public static URI uri(int port, String user) {
        return URI.create("ws://127.0.0.1:" + port + Protocol.WS_PATH + (user == null ? "" : "?user=" + user));
    }

    /** Connects and signs in with a password; returns after the welcome. */
    public static TestClient signIn(int port, String user, String password) {
        return signIn(port, user, password, null);
    }

    /** Connects and signs in with a password and the room on screen (null: none); returns after the welcome. */
    public static TestClient signIn(int port, String user, String password, String room) {
        TestClient client = connect(port, user);
        client.send(new ClientMessage.SignIn(Protocol.VERSION, user, password, null, room));
        client.welcome = client.next(ServerMessage.Welcome.class);
        return client;
    }

    /** The welcome of a client made by {@link #signIn}. */
    public ServerMessage.Welcome welcome() {
        if (welcome == null) {
            throw new IllegalStateException("not signed in by TestClient.signIn");
        }
        return welcome;
    }

    /**
     * Sends {@code request} and returns the first message that answers it (names its client id, or is an
     * error with it as ref), skipping everything else.
     */
    public ServerMessage ask(ClientMessage.Command request) {
        send(request);
        return await(ServerMessage.class, m -> answers(m, request.clientId()));
    }

    /** As {@link #ask}; the answer must be of {@code type}. */
    public <T extends ServerMessage> T ask(ClientMessage.Command request, Class<T> type) {
        ServerMessage answer = ask(request);
        if (!type.isInstance(answer)) {
            throw new AssertionError("expected " + type.getSimpleName() + " for " + request + " but got " + answer);
        }
        return type.cast(answer);
    }

    /** As {@link #ask}; the answer must be an error with {@code code}. */
    public ServerMessage.Error refused(ClientMessage.Command request, String code) {
        ServerMessage.Error error = ask(request, ServerMessage.Error.class);
        if (!error.code().equals(code)) {
            throw new AssertionError("expected error " + code + " for " + request + " but got " + error);
        }
        return error;
    }

    /** True if {@code message} answers the request with {@code clientId}. */
    public static boolean answers(ServerMessage message, String clientId) {
        String id = null;
        if (message instanceof ServerMessage.Error m) {
            id = m.ref();
        } else if (message instanceof ChatMessage m) {
            id = m.clientId();
        } else if (message instanceof ServerMessage.ChatEdited m) {
            id = m.clientId();
        } else if (message instanceof ServerMessage.ChatDeleted m) {
            id = m.clientId();
        } else if (message instanceof ServerMessage.ChatPage m) {
            id = m.clientId();
        } else if (message instanceof ServerMessage.RoomJoined m) {
            id = m.clientId();
        } else if (message instanceof ServerMessage.RoomLeft m) {
            id = m.clientId();
        } else if (message instanceof ServerMessage.RoomDirectory m) {
            id = m.clientId();
        } else if (message instanceof ServerMessage.RoomRoster m) {
            id = m.clientId();
        } else if (message instanceof ServerMessage.TodoChanged m) {
            id = m.clientId();
        } else if (message instanceof ServerMessage.TodoSnapshot m) {
            id = m.clientId();
        }
        return clientId.equals(id);
    }

    /**
     * Reads up to the first message matching {@code marker} (sent after everything the test waits for), and
     * fails if any message before it matches {@code never}: "never arrives", checked without a timed wait.
     * Returns what came before the marker.
     */
    public List<ServerMessage> untilMarker(Predicate<ServerMessage> marker, Predicate<ServerMessage> never) {
        List<ServerMessage> before = new ArrayList<>();
        for (ServerMessage message = next(); !marker.test(message); message = next()) {
            if (never.test(message)) {
                throw new AssertionError("received what must never arrive: " + message);
            }
            before.add(message);
        }
        return before;
    }

    public void send(ClientMessage message) {
        sendRaw(Codec.get().encode(message));
    }

    public void sendRaw(String frame) {
        socket.sendText(frame, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message, whatever it is; fails after the timeout. */
    public ServerMessage next() {
        try {
            ServerMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + WAIT);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message, which must be of {@code type}. */
    public <T extends ServerMessage> T next(Class<T> type) {
        ServerMessage message = next();
        if (!type.isInstance(message)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + message);
        }
        return type.cast(message);
    }

    /** Skips messages until one of {@code type} matches {@code condition}. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<T> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ServerMessage message = next();
            if (type.isInstance(message) && condition.test(type.cast(message))) {
                return type.cast(message);
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " within " + WAIT);
    }

    /** The next error, which must carry {@code code}. */
    public ServerMessage.Error nextError(String code) {
        ServerMessage.Error error = next(ServerMessage.Error.class);
        if (!error.code().equals(code)) {
            throw new AssertionError("expected error " + code + " but got " + error);
        }
        return error;
    }

    /** No message arrives within {@code millis} (used only to check for duplicates after the expected ones). */
    public ServerMessage poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next presence frame, or null if none arrives within {@code millis}. */
    public ServerMessage.Presence nextPresence(long millis) throws InterruptedException {
        return presence.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent; waits for the close. */
    public int awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("not closed within " + WAIT, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    ServerMessage message = Codec.get().decodeServer(partial.toString());
                    if (message instanceof ServerMessage.Presence frame) {
                        presence.add(frame);
                    } else {
                        received.add(message);
                    }
                } catch (ProtocolException e) {
                    received.add(new ServerMessage.Error("client_decode", e.getMessage() + ": " + partial, null));
                }
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
