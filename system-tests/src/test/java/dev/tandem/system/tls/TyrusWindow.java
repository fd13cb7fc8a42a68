package dev.tandem.system.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.connection.Link;
import dev.tandem.client.connection.LinkListener;
import dev.tandem.client.connection.Transport;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One link opened by the desktop app's own transport (Tyrus, {@code TyrusTransport}), as a window opens it,
 * with what it reports in queues: {@link #opened} completes on the handshake, {@link #refused} with the reason
 * if the link never opened ("untrusted: ..." for a refused certificate, "failed: ..." otherwise).
 *
 * <p>Threads: Tyrus' threads fill the queues and complete the futures; the test thread reads them.
 */
public final class TyrusWindow implements LinkListener, AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Codec CODEC = Codec.get();

    public final CompletableFuture<Void> opened = new CompletableFuture<>();
    public final CompletableFuture<String> refused = new CompletableFuture<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
    private final Link link;

    private TyrusWindow(Transport transport, URI uri) {
        this.link = transport.open(uri, this);
    }

    public static TyrusWindow open(Transport transport, URI uri) {
        return new TyrusWindow(transport, uri);
    }

    /** Opens and waits for the handshake; fails with the reason if it was refused. */
    public static TyrusWindow connected(Transport transport, URI uri) throws Exception {
        TyrusWindow window = open(transport, uri);
        CompletableFuture.anyOf(window.opened, window.refused).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(window.refused).as("the link to %s opened", uri).isNotDone();
        return window;
    }

    public void send(ClientMessage message) {
        link.send(CODEC.encode(message));
    }

    /** The next message of {@code type} that matches, skipping others (presence and the like). */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerMessage m = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            assertThat(m).as("a %s within %s", type.getSimpleName(), WAIT).isNotNull();
            if (type.isInstance(m) && match.test(type.cast(m))) {
                return type.cast(m);
            }
        }
    }

    @Override
    public void opened() {
        opened.complete(null);
    }

    @Override
    public void text(String frame) {
        try {
            received.add(CODEC.decodeServer(frame));
        } catch (ProtocolException e) {
            throw new AssertionError("the server sent a frame the client cannot read: " + frame, e);
        }
    }

    @Override
    public void closed(int code, String reason) {
        closed.complete(code);
    }

    @Override
    public void failed(String reason) {
        refused.complete("failed: " + reason);
    }

    @Override
    public void untrusted(String reason) {
        refused.complete("untrusted: " + reason);
    }

    @Override
    public void close() {
        link.close();
    }
}
