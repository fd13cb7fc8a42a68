package dev.tandem.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.TodoList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame classification of both wires, on frames as the real encoders write them. */
class WireTest {
    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void tandemFramesAreClassifiedAndTheWelcomeIsRead() {
        TandemWire wire = new TandemWire();
        ReadyInfo info = new ReadyInfo();
        String welcome = Codec.get().encode(new ServerMessage.Welcome(1, "bench-0001", "s2", false, "tok",
                new TodoList(0, List.of()), "general", List.of(), List.of(), List.of(), 500));
        assertThat(wire.read(null, utf8(welcome), "bench-0001", null, info)).isEqualTo(Inbound.READY);
        assertThat(info.serverId).isEqualTo("s2");
        assertThat(info.messagesPerSecond).isEqualTo(500);

        String chat = Codec.get().encode(new ChatMessage(1, "a", "hi", Instant.EPOCH, "c1", "s1"));
        assertThat(wire.read(null, utf8(chat), "u", null, info)).isEqualTo(Inbound.CHAT);
        String error = Codec.get().encode(new ServerMessage.Error("rate_limited", "slow down", "c1"));
        assertThat(wire.read(null, utf8(error), "u", null, info)).isEqualTo(Inbound.ERROR);
        assertThat(wire.read(null, utf8(Codec.get().encode(new ServerMessage.Pong("n"))), "u", null, info))
                .isEqualTo(Inbound.OTHER);
        // Field order is not guaranteed by JSON: the type found later in the object still counts.
        assertThat(wire.read(null, utf8("{\"id\":1,\"type\":\"chat.message\"}"), "u", null, info))
                .isEqualTo(Inbound.CHAT);
    }

    @Test
    void tandemUrlsCarryTheUserForAffinity() {
        assertThat(new TandemWire().connectUri(URI.create("ws://127.0.0.1:8080/ws"), "bench-0007"))
                .isEqualTo(URI.create("ws://127.0.0.1:8080/ws?user=bench-0007"));
    }

    @Test
    void socketIoPacketsAreClassified() {
        SocketIoWire wire = new SocketIoWire();
        ReadyInfo info = new ReadyInfo();
        assertThat(wire.read(null, utf8("40{\"sid\":\"x\"}"), "u", null, info)).isEqualTo(Inbound.READY);
        assertThat(wire.read(null, utf8("42[\"chat.message\",{\"text\":\"hi\"}]"), "u", null, info))
                .isEqualTo(Inbound.CHAT);
        assertThat(wire.read(null, utf8("42[\"error\",{\"code\":\"invalid\"}]"), "u", null, info))
                .isEqualTo(Inbound.ERROR);
        assertThat(wire.read(null, utf8("44{\"message\":\"invalid user\"}"), "u", null, info))
                .isEqualTo(Inbound.ERROR);
        assertThat(wire.chatSend("c1", "hello")).isEqualTo("42[\"chat.send\",{\"clientId\":\"c1\",\"text\":\"hello\"}]");
        assertThat(wire.connectUri(URI.create("ws://127.0.0.1:3001/"), "bench-0001"))
                .isEqualTo(URI.create("ws://127.0.0.1:3001/socket.io/?EIO=4&transport=websocket&user=bench-0001"));
    }
}
