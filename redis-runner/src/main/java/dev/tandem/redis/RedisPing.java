package dev.tandem.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Two inline RESP commands over a plain socket: enough to see that Redis is up, and to stop it, with no client library. */
final class RedisPing {
    private RedisPing() {
    }

    /** True if Redis at host:port answers PING with PONG within a short timeout. */
    static boolean ping(String host, int port) {
        try {
            return send(host, port, "PING").startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks Redis to exit without saving; the connection dropping is the expected answer. */
    static void shutdown(String host, int port) {
        try {
            send(host, port, "SHUTDOWN NOSAVE");
        } catch (IOException e) {
            // The server closes the connection as it exits.
        }
    }

    /** One inline command (e.g. {@code SET k v}); its reply's first bytes (at most 64), as RESP text. */
    static String send(String host, int port, String command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64];
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
        }
    }
}
