package dev.tandem.bench.wire;

import dev.tandem.bench.net.WsConnection;
import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Socket.IO 4 over a plain WebSocket (Engine.IO protocol v4, no HTTP long-polling):
 * <ul>
 *   <li>server → {@code 0{"sid":..,"pingInterval":..}} (Engine.IO open); client → {@code 40{"user":..}}
 *       (connect to the main namespace with an auth payload); server → {@code 40{"sid":..}} (ready) or
 *       {@code 44{"message":..}} (refused);</li>
 *   <li>events are {@code 42["name",payload]} both ways: the bench sends {@code chat.send} and receives
 *       {@code chat.message};</li>
 *   <li>the server pings ({@code 2}) and the client must pong ({@code 3}) within pingTimeout.</li>
 * </ul>
 */
public final class SocketIoWire implements ChatWire {
    private static final byte[] ENGINE_OPEN = Frames.ascii("0");
    private static final byte[] CONNECTED = Frames.ascii("40");
    private static final byte[] CONNECT_ERROR = Frames.ascii("44");
    private static final byte[] CHAT_EVENT = Frames.ascii("42[\"chat.message\"");
    private static final byte[] EVENT = Frames.ascii("42");
    private static final byte[] PING = Frames.ascii("2");

    @Override
    public URI connectUri(URI target, String user) {
        String path = target.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/") || path.equals("/ws")) {
            path = "/socket.io/";
        }
        String query = "EIO=4&transport=websocket&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        return URI.create("ws://" + target.getHost() + ":" + TandemWire.port(target) + path + "?" + query);
    }

    @Override
    public void opened(WsConnection connection, String user, Credentials credentials) {
        // Nothing yet: the server speaks first with the Engine.IO open packet.
    }

    @Override
    public Inbound read(WsConnection connection, ByteBuf utf8, String user, Credentials credentials, ReadyInfo ready) {
        // Order matters: "42..." and "40..." start with '4', the open packet is exactly "0{...}".
        if (Frames.startsWith(utf8, CHAT_EVENT)) {
            return Inbound.CHAT;
        }
        if (Frames.startsWith(utf8, EVENT)) {
            return Frames.startsWith(utf8, Frames.ascii("42[\"error\"")) ? Inbound.ERROR : Inbound.OTHER;
        }
        if (utf8.readableBytes() == 1 && Frames.startsWith(utf8, PING)) {
            connection.send("3");
            return Inbound.OTHER;
        }
        if (Frames.startsWith(utf8, CONNECTED)) {
            ready.serverId = null;
            return Inbound.READY;
        }
        if (Frames.startsWith(utf8, CONNECT_ERROR)) {
            return Inbound.ERROR;
        }
        if (Frames.startsWith(utf8, ENGINE_OPEN)) {
            connection.send("40{\"user\":\"" + user + "\"}");
            return Inbound.OTHER;
        }
        return Inbound.OTHER;
    }

    @Override
    public String chatSend(String clientId, String text) {
        // Both values are bench-made ASCII without quotes or backslashes, so no JSON escaping is needed.
        return "42[\"chat.send\",{\"clientId\":\"" + clientId + "\",\"text\":\"" + text + "\"}]";
    }

    @Override
    public String keepAlive() {
        return null;
    }
}
