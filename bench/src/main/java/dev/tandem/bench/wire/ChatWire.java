package dev.tandem.bench.wire;

import dev.tandem.bench.net.WsConnection;
import io.netty.buffer.ByteBuf;
import java.net.URI;

/**
 * One chat protocol as the load generator speaks it: how to connect and sign in, how to send a chat
 * message, how to classify what arrives. Implementations are stateless and shared by every client;
 * per-connection state lives in the caller.
 */
public interface ChatWire {

    /** The URL a client of {@code user} connects to, derived from the target URL the user gave. */
    URI connectUri(URI target, String user);

    /** Called once the WebSocket is open: start signing in as {@code user}. */
    void opened(WsConnection connection, String user, Credentials credentials);

    /**
     * Classifies one received frame and answers protocol chatter (sign-in steps, pings) on the spot.
     *
     * @param user        the connection's user, for a sign-in step that needs it
     * @param credentials how this client signs in
     * @param ready       receives details of a completed sign-in (called only for {@link Inbound#READY})
     */
    Inbound read(WsConnection connection, ByteBuf utf8, String user, Credentials credentials, ReadyInfo ready);

    /** The text frame that posts {@code text} to everyone, tagged with {@code clientId}. */
    String chatSend(String clientId, String text);

    /** A frame that keeps an idle connection alive, or null if the server drives keep-alive itself. */
    String keepAlive();

    /** A short description of the last frame classified as {@link Inbound#ERROR}, for reports. */
    static String describe(ByteBuf utf8) {
        int n = Math.min(utf8.readableBytes(), 200);
        return utf8.toString(utf8.readerIndex(), n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
