package dev.tandem.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of the proxy that can be frozen: while frozen it keeps every connection open (and
 * takes new ones) but moves no bytes either way — what a page sees of a server stopped with SIGSTOP, or of
 * a network gone silent without a reset. Thawed, the bytes held back flow on. (system-tests has its own for
 * the desktop window, package-private there.)
 * <p>Threads: one accepting thread, two copying threads per connection; {@link #frozen} is guarded by this
 * object's monitor, which the copying threads wait on while frozen.
 */
final class FreezableRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private boolean frozen;

    FreezableRelay(int targetPort) throws IOException {
        target = targetPort;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::acceptLoop, "relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    synchronized void freeze() {
        frozen = true;
    }

    synchronized void thaw() {
        frozen = false;
        notifyAll();
    }

    private synchronized void awaitThawed() throws InterruptedException {
        while (frozen) {
            wait();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                copy(client, server);
                copy(server, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void copy(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitThawed(); // read while frozen: held here, as a stopped process would hold it
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // One side closed: the other follows below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "relay-copy");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        thaw();
        listener.close();
        sockets.forEach(FreezableRelay::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
