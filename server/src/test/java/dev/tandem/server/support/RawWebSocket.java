package dev.tandem.server.support;

import dev.tandem.model.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

/**
 * A WebSocket client written by hand over a plain TCP socket (RFC 6455), for tests that must send frames
 * that are wrong on purpose: a reserved opcode, an unmasked frame, RSV bits, a forged length. No WebSocket
 * library sends those. It does the opening handshake, writes any frame it is given, and reads the server's
 * frames back.
 * <p>Threads: not thread-safe; one test thread owns an instance.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;
    /** Closed: the server's close frame carried no code, or the TCP connection ended without one. */
    public static final int NO_CLOSE_CODE = -1;

    private static final int READ_TIMEOUT_MILLIS = 20_000;
    private final Random random = new SecureRandom();
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** A server frame as read: its opcode, FIN bit and payload. */
    public record Frame(int opcode, boolean fin, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, or {@link #NO_CLOSE_CODE} when it carries none. */
        public int closeCode() {
            return payload.length < 2 ? NO_CLOSE_CODE : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to ws://127.0.0.1:port/ws?user=… and completes the opening handshake (a 101, or it throws). */
    public static RawWebSocket connect(int port, String user) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        RawWebSocket ws = new RawWebSocket(socket);
        try {
            ws.handshake(port, user);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return ws;
    }

    private void handshake(int port, String user) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String request = "GET " + Protocol.WS_PATH + "?user=" + user + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + head.lines().findFirst().orElse(head));
        }
    }

    /** Reads the response head byte by byte, so that no frame byte after it is consumed. */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the handshake: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16_384) {
                throw new IOException("response head over 16 KiB");
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** A well-formed, masked, final frame. */
    public void send(int opcode, byte[] payload) throws IOException {
        write(new FrameSpec(opcode, payload).build());
    }

    /** A well-formed, masked, final text frame. */
    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the bytes of a frame built by {@link FrameSpec} (or anything else) as they are. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes a frame header and then {@code length} payload bytes of {@code fill}, masked, in pieces. */
    public void sendLarge(int opcode, long length, byte fill) throws IOException {
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        write(FrameSpec.header(true, 0, opcode, true, length, mask));
        byte[] chunk = new byte[64 * 1024];
        for (long sent = 0; sent < length; ) {
            int n = (int) Math.min(chunk.length, length - sent);
            for (int i = 0; i < n; i++) {
                chunk[i] = (byte) (fill ^ mask[(int) ((sent + i) % 4)]);
            }
            out.write(chunk, 0, n);
            sent += n;
        }
        out.flush();
    }

    /** The next frame from the server; throws on a timeout or when the connection ends. */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("the server masked a frame (RFC 6455 5.1 forbids it)");
        }
        if (length > 8L * 1024 * 1024) {
            throw new IOException("server frame of " + length + " bytes");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }

    /**
     * Reads frames until the server's close frame and returns its code; {@link #NO_CLOSE_CODE} when the
     * connection ended without one. Data frames before it are skipped.
     */
    public int awaitClose() throws IOException {
        try {
            while (true) {
                Frame frame = read();
                if (frame.opcode() == CLOSE) {
                    return frame.closeCode();
                }
            }
        } catch (EOFException e) {
            return NO_CLOSE_CODE;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no close from the server within " + READ_TIMEOUT_MILLIS + " ms", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * One frame to build, right by default (final, masked, no RSV bits) and wrong in whatever the test
     * changes. Not thread-safe (a builder).
     */
    public static final class FrameSpec {
        private final int opcode;
        private final byte[] payload;
        private boolean fin = true;
        private int rsv;
        private boolean masked = true;

        public FrameSpec(int opcode, byte[] payload) {
            this.opcode = opcode;
            this.payload = payload;
        }

        /** FIN unset: the first or a middle fragment of a message. */
        public FrameSpec notFinal() {
            this.fin = false;
            return this;
        }

        /** RSV1..3 as three bits (1 = RSV3, 4 = RSV1); no extension was negotiated, so any set bit is an error. */
        public FrameSpec rsv(int bits) {
            this.rsv = bits & 0x7;
            return this;
        }

        /** Sent without a mask, as only a server may (RFC 6455 5.1). */
        public FrameSpec unmasked() {
            this.masked = false;
            return this;
        }

        public byte[] build() {
            byte[] mask = new byte[4];
            new SecureRandom().nextBytes(mask);
            byte[] header = header(fin, rsv, opcode, masked, payload.length, mask);
            byte[] frame = new byte[header.length + payload.length];
            System.arraycopy(header, 0, frame, 0, header.length);
            for (int i = 0; i < payload.length; i++) {
                frame[header.length + i] = masked ? (byte) (payload[i] ^ mask[i % 4]) : payload[i];
            }
            return frame;
        }

        static byte[] header(boolean fin, int rsv, int opcode, boolean masked, long length, byte[] mask) {
            ByteArrayOutputStream header = new ByteArrayOutputStream(14);
            header.write((fin ? 0x80 : 0) | (rsv << 4) | (opcode & 0x0F));
            int maskBit = masked ? 0x80 : 0;
            if (length < 126) {
                header.write(maskBit | (int) length);
            } else if (length <= 0xFFFF) {
                header.write(maskBit | 126);
                header.write((int) (length >>> 8) & 0xFF);
                header.write((int) length & 0xFF);
            } else {
                header.write(maskBit | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    header.write((int) (length >>> shift) & 0xFF);
                }
            }
            if (masked) {
                header.write(mask, 0, 4);
            }
            return header.toByteArray();
        }
    }
}
