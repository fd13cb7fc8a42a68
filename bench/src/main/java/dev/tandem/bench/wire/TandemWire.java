package dev.tandem.bench.wire;

import dev.tandem.bench.net.WsConnection;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Protocol;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Tandem's own protocol (shared-model): sign in with a resume token or a password, then chat.send /
 * chat.message. Frames are classified by their {@code "type"} field, found by a byte search, so the hot
 * path decodes no JSON; only the welcome (once per connection) is decoded with the shared codec.
 */
public final class TandemWire implements ChatWire {
    private static final ByteBuf TYPE_FIELD = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(Frames.ascii("\"type\":\"")));
    private static final byte[] CHAT = Frames.ascii("chat.message\"");
    private static final byte[] WELCOME = Frames.ascii("welcome\"");
    private static final byte[] ERROR = Frames.ascii("error\"");
    private static final byte[] TODO_CHANGED = Frames.ascii("todo.changed\"");
    private static final byte[] TODO_LIST = Frames.ascii("todo.list\"");

    @Override
    public URI connectUri(URI target, String user) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? Protocol.WS_PATH : target.getRawPath();
        String query = Protocol.USER_PARAM + "=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        return URI.create(target.getScheme() + "://" + target.getHost() + ":" + port(target) + path + "?" + query);
    }

    @Override
    public void opened(WsConnection connection, String user, Credentials credentials) {
        ClientMessage auth;
        if (credentials instanceof Credentials.Token t) {
            auth = new ClientMessage.Resume(Protocol.VERSION, t.token());
        } else if (credentials instanceof Credentials.Password p) {
            auth = new ClientMessage.SignIn(Protocol.VERSION, user, p.password());
        } else {
            throw new IllegalArgumentException("Tandem clients need a resume token or a password");
        }
        connection.send(Codec.get().encode(auth));
    }

    @Override
    public Inbound read(WsConnection connection, ByteBuf utf8, String user, Credentials credentials, ReadyInfo ready) {
        // Jackson writes the type id first, so the common case is a compare at offset 1.
        int first = utf8.readerIndex() + 1;
        int at = utf8.readableBytes() > TYPE_FIELD.readableBytes()
                && ByteBufUtil.equals(utf8, first, TYPE_FIELD, 0, TYPE_FIELD.readableBytes())
                ? first : ByteBufUtil.indexOf(TYPE_FIELD, utf8);
        if (at < 0) {
            return Inbound.OTHER;
        }
        int value = at + TYPE_FIELD.readableBytes();
        if (matches(utf8, value, CHAT)) {
            return Inbound.CHAT;
        }
        if (matches(utf8, value, ERROR)) {
            return Inbound.ERROR;
        }
        if (matches(utf8, value, TODO_CHANGED) || matches(utf8, value, TODO_LIST)) {
            return Inbound.TODO;
        }
        if (matches(utf8, value, WELCOME)) {
            readWelcome(utf8, ready);
            return Inbound.READY;
        }
        return Inbound.OTHER;
    }

    @Override
    public String chatSend(String clientId, String text) {
        return Codec.get().encode(new ClientMessage.ChatSend(clientId, text));
    }

    /** {@code chat.send} to {@code room}. */
    public String chatSendTo(String clientId, String room, String text) {
        return Codec.get().encode(new ClientMessage.ChatSend(clientId, room, text));
    }

    /** {@code room.join}. */
    public String roomJoin(String clientId, String room) {
        return Codec.get().encode(new ClientMessage.RoomJoin(clientId, room));
    }

    /** {@code room.create}. */
    public String roomCreate(String clientId, String room) {
        return Codec.get().encode(new ClientMessage.RoomCreate(clientId, room));
    }

    /** {@code todo.add}. */
    public String todoAdd(String clientId, String title) {
        return Codec.get().encode(new ClientMessage.TodoAdd(clientId, title));
    }

    /** {@code todo.set_completed}. */
    public String todoSetCompleted(String clientId, String todoId, boolean completed) {
        return Codec.get().encode(new ClientMessage.TodoSetCompleted(clientId, todoId, completed));
    }

    /** {@code todo.rename}. */
    public String todoRename(String clientId, String todoId, String title) {
        return Codec.get().encode(new ClientMessage.TodoRename(clientId, todoId, title));
    }

    /** {@code todo.delete}. */
    public String todoDelete(String clientId, String todoId) {
        return Codec.get().encode(new ClientMessage.TodoDelete(clientId, todoId));
    }

    @Override
    public String keepAlive() {
        return Codec.get().encode(new ClientMessage.Ping("bench"));
    }

    private static void readWelcome(ByteBuf utf8, ReadyInfo ready) {
        try {
            ServerMessage message = Codec.get().decodeServer(utf8.toString(StandardCharsets.UTF_8));
            if (message instanceof ServerMessage.Welcome welcome) {
                ready.serverId = welcome.serverId();
                ready.messagesPerSecond = welcome.messagesPerSecond();
                ready.todoIds = welcome.todos().items().stream().map(dev.tandem.model.Todo::id).toList();
            }
        } catch (ProtocolException e) {
            // A welcome we cannot decode still signed us in; the details are only for the report.
            ready.serverId = "?";
        }
    }

    private static boolean matches(ByteBuf buf, int index, byte[] expected) {
        if (index + expected.length > buf.writerIndex()) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buf.getByte(index + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "wss".equals(uri.getScheme()) ? 443 : 80;
    }
}
