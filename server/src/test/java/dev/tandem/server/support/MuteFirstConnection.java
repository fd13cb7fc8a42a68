package dev.tandem.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a real Redis whose first connection is accepted and never answered (as a Redis, or
 * a machine, too busy to answer a handshake in time); every later connection is relayed byte for byte.
 * <p>Threads: one accepting thread, two copying threads per relayed connection; {@link #accepted} is atomic.
 */
public final class MuteFirstConnection implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private MuteFirstConnection(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "mute-first-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static MuteFirstConnection to(int targetPort) {
        try {
            return new MuteFirstConnection(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far, the mute one included. */
    public int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (accepted.incrementAndGet() == 1) {
                    continue; // held open, never read from, never answered
                }
                Socket redis = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(redis);
                copy(client, redis);
                copy(redis, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void copy(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed: the relay of this connection is over
            }
        }, "mute-first-copy");
        copier.setDaemon(true);
        copier.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
