package dev.tandem.system.failover;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Protocol;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.ServerMessage.TodoChanged;
import dev.tandem.model.ServerMessage.TodoSnapshot;
import dev.tandem.model.ServerMessage.Welcome;
import dev.tandem.server.support.TestClient;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One client window for the failover tests: a real WebSocket (the JDK's) through the proxy with
 * {@code ?user=}, signed in with a resume token, that files what arrives as it arrives instead of queueing
 * it, so a test can ask at any moment what was acknowledged, and so a sender thread and the test thread can
 * share it. A connection that ends without a close frame (its server or the proxy killed) counts as closed
 * with code -1.
 * <p>Threads: the JDK's listener thread fills the maps; {@link #send} is serialised; the rest is for any thread.
 */
final class Window implements AutoCloseable {
    static final int DROPPED = -1;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String user;
    private final CompletableFuture<Welcome> welcome = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** todo.changed that carry a client id, by that id (every window of the user gets them). */
    final Map<String, TodoChanged> todoChanged = new ConcurrentHashMap<>();
    /** todo.list answers, by client id (a resent request that had already been applied). */
    final Map<String, TodoSnapshot> todoLists = new ConcurrentHashMap<>();
    /** Errors that name a request. */
    final Map<String, ServerMessage.Error> errors = new ConcurrentHashMap<>();
    /** Every chat.message, in arrival order (not the welcome's history). */
    private final List<ChatMessage> chat = new ArrayList<>();
    /** Every presence frame, with when it arrived (System.nanoTime), in arrival order. */
    private final List<Arrived> presence = new ArrayList<>();

    private record Arrived(long nanos, ServerMessage.Presence frame) {
    }
    private final WebSocket socket;

    private Window(String user, WebSocket.Builder builder, int port) {
        this.user = user;
        this.socket = builder.buildAsync(TestClient.uri(port, user), new Listener()).join();
    }

    /** Connects through {@code port} and resumes as {@code user}; returns after the welcome. */
    static Window open(int port, String user) {
        Window w = new Window(user, HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)), port);
        try {
            w.send(new ClientMessage.Resume(Protocol.VERSION, FailoverRig.token(user)));
            w.welcome();
            return w;
        } catch (RuntimeException | AssertionError e) {
            w.close();
            throw e;
        }
    }

    /**
     * As {@link #open}, trying again while the proxy refuses connections or closes them before a welcome
     * (it is starting, or its chosen backend just died), until {@code timeout}.
     */
    static Window openRetrying(int port, String user, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        int attempts = 0;
        while (System.nanoTime() < deadline) {
            attempts++;
            try {
                return open(port, user);
            } catch (RuntimeException | AssertionError e) {
                last = e instanceof RuntimeException r ? r : new RuntimeException(e);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // back-off between connect attempts
            }
        }
        throw new AssertionError(user + " could not reconnect within " + timeout + " (" + attempts + " attempts)", last);
    }

    Welcome welcome() {
        try {
            return welcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(user + ": no welcome within " + WAIT
                    + (closed.isDone() ? " (closed with " + closed.getNow(0) + ")" : ""), e);
        }
    }

    String serverId() {
        return welcome().serverId();
    }

    /** Sends; throws if the connection is gone. */
    synchronized void send(ClientMessage message) {
        socket.sendText(Codec.get().encode(message), true).join();
    }

    /** Sends; false if the connection is gone (the request may or may not have left). */
    boolean trySend(ClientMessage message) {
        try {
            send(message);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** The close code, or {@link #DROPPED} for a connection that ended without one; waits up to {@code timeout}. */
    int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(user + ": not closed within " + timeout, e);
        }
    }

    /** Has an answer (todo.changed, todo.list or error) come for the todo request {@code clientId}? */
    boolean answered(String clientId) {
        return todoChanged.containsKey(clientId) || todoLists.containsKey(clientId) || errors.containsKey(clientId);
    }

    /** Waits until {@code condition} holds, failing if this window closes or {@code timeout} passes. */
    void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(user + ": not within " + timeout + ": " + what);
            }
            if (closed.isDone() && !condition.getAsBoolean()) {
                throw new AssertionError(user + ": closed (" + closed.getNow(0) + ") while waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** A copy of the chat messages received live so far, in arrival order. */
    List<ChatMessage> chat() {
        synchronized (chat) {
            return List.copyOf(chat);
        }
    }

    /** Who this window has been told is online: the welcome's {@code online} with every presence frame since. */
    Set<String> online() {
        Set<String> online = new TreeSet<>(welcome().online());
        synchronized (presence) {
            for (Arrived arrived : presence) {
                online.addAll(arrived.frame().online());
                online.removeAll(arrived.frame().offline());
            }
        }
        return online;
    }

    /** When (System.nanoTime) the first frame saying {@code user} went offline arrived, if one has. */
    OptionalLong toldOffline(String user) {
        synchronized (presence) {
            return presence.stream().filter(a -> a.frame().offline().contains(user)).mapToLong(Arrived::nanos).findFirst();
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private void file(ServerMessage message) {
        if (message instanceof Welcome w) {
            welcome.complete(w);
        } else if (message instanceof ServerMessage.Presence p) {
            synchronized (presence) {
                presence.add(new Arrived(System.nanoTime(), p));
            }
        } else if (message instanceof ChatMessage m) {
            synchronized (chat) {
                chat.add(m);
            }
        } else if (message instanceof TodoChanged c) {
            if (c.clientId() != null) {
                todoChanged.putIfAbsent(c.clientId(), c);
            }
        } else if (message instanceof TodoSnapshot s) {
            if (s.clientId() != null) {
                todoLists.putIfAbsent(s.clientId(), s);
            }
        } else if (message instanceof ServerMessage.Error e) {
            if (e.ref() != null) {
                errors.putIfAbsent(e.ref(), e);
            } else {
                System.out.printf("[failover] %s got error without ref: %s%n", user, e);
            }
        }
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
                    file(Codec.get().decodeServer(partial.toString()));
                } catch (ProtocolException e) {
                    System.out.printf("[failover] %s could not decode %s: %s%n", user, partial, e.getMessage());
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(DROPPED);
        }
    }
}
