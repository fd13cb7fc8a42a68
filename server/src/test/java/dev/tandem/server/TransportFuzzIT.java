package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.RawWebSocket;
import dev.tandem.server.support.RawWebSocket.FrameSpec;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames that break RFC 6455 itself, below the JSON protocol that {@link FrameFuzzIT} mutates, sent over a
 * raw TCP socket ({@link RawWebSocket}): each gets the close code docs/PROTOCOL.md ("Close codes") gives, and
 * a bystander on the same server still has its ping answered afterwards. Each case first sends a well-formed
 * frame and reads its answer, so the frame writer is shown right before it is made wrong.
 */
@Timeout(60)
class TransportFuzzIT {
    private static final String PASSWORD = "correct horse battery";
    /** The transport's limit on a message (TandemServer's TRANSPORT_MAX_MESSAGE). */
    private static final long TRANSPORT_LIMIT = 1024 * 1024;
    private static final AtomicInteger NONCES = new AtomicInteger();

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1);

    private static TestClient bystander;

    /** What a case writes after the well-formed frame. */
    interface BadFrame {
        void writeTo(RawWebSocket ws) throws IOException;
    }

    @BeforeAll
    static void signInBystander() {
        bystander = TestClient.signIn(cluster.port(1), newUser("bystander"), PASSWORD);
    }

    @AfterAll
    static void closeBystander() {
        bystander.close();
    }

    static Stream<Arguments> cases() {
        byte[] hello = utf8("{\"type\":\"ping\",\"nonce\":\"x\"}");
        return Stream.of(
                badFrame("a reserved data opcode (0x3)", CloseCodes.PROTOCOL_ERROR,
                        ws -> ws.send(0x3, hello)),
                badFrame("a reserved control opcode (0xB)", CloseCodes.PROTOCOL_ERROR,
                        ws -> ws.send(0xB, new byte[0])),
                badFrame("an unmasked client frame", CloseCodes.PROTOCOL_ERROR,
                        ws -> ws.write(new FrameSpec(RawWebSocket.TEXT, hello).unmasked().build())),
                badFrame("RSV1 set, no extension negotiated", CloseCodes.PROTOCOL_ERROR,
                        ws -> ws.write(new FrameSpec(RawWebSocket.TEXT, hello).rsv(4).build())),
                badFrame("RSV2 and RSV3 set", CloseCodes.PROTOCOL_ERROR,
                        ws -> ws.write(new FrameSpec(RawWebSocket.TEXT, hello).rsv(3).build())),
                badFrame("a text frame that is not UTF-8", CloseCodes.INVALID_PAYLOAD,
                        ws -> ws.send(RawWebSocket.TEXT, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})),
                badFrame("a text frame with an encoded surrogate (not UTF-8)", CloseCodes.INVALID_PAYLOAD,
                        ws -> ws.send(RawWebSocket.TEXT, new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'})),
                badFrame("a continuation with no message begun", CloseCodes.PROTOCOL_ERROR,
                        ws -> ws.send(RawWebSocket.CONTINUATION, hello)),
                badFrame("a new text frame inside a fragmented message", CloseCodes.PROTOCOL_ERROR, ws -> {
                    ws.write(new FrameSpec(RawWebSocket.TEXT, utf8("{\"type\":")).notFinal().build());
                    ws.send(RawWebSocket.TEXT, hello);
                }),
                badFrame("a fragmented control frame", CloseCodes.PROTOCOL_ERROR,
                        ws -> ws.write(new FrameSpec(RawWebSocket.PING, utf8("p")).notFinal().build())),
                badFrame("a ping of 126 bytes (control frames carry 125 at most)", CloseCodes.PROTOCOL_ERROR,
                        ws -> ws.send(RawWebSocket.PING, new byte[126])),
                badFrame("a text frame one byte over the 1 MiB transport limit", CloseCodes.MESSAGE_TOO_BIG,
                        ws -> ws.sendLarge(RawWebSocket.TEXT, TRANSPORT_LIMIT + 1, (byte) 'a')),
                badFrame("a fragmented text message over the 1 MiB transport limit in all", CloseCodes.MESSAGE_TOO_BIG, ws -> {
                    byte[] half = new byte[(int) (TRANSPORT_LIMIT / 2) + 1];
                    java.util.Arrays.fill(half, (byte) 'a');
                    ws.write(new FrameSpec(RawWebSocket.TEXT, half).notFinal().build());
                    ws.write(new FrameSpec(RawWebSocket.CONTINUATION, half).build());
                }),
                badFrame("a close frame of one byte", CloseCodes.PROTOCOL_ERROR,
                        ws -> ws.send(RawWebSocket.CLOSE, new byte[] {0x03})));
    }

    /** Close codes a peer may not send (RFC 6455 7.4): below 1000, reserved, unassigned, past 4999. */
    static Stream<Arguments> invalidCloseCodes() {
        return Stream.of(0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535).map(code -> badFrame(
                "a close frame with code " + code, CloseCodes.PROTOCOL_ERROR,
                ws -> ws.send(RawWebSocket.CLOSE, closePayload(code))));
    }

    @ParameterizedTest(name = "{0} is closed with {1}")
    @MethodSource({"cases", "invalidCloseCodes"})
    void aBrokenFrameGetsItsDocumentedCloseCodeAndTheServerKeepsServing(BadFrame bad, int expected) throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(cluster.port(1), newUser("raw"))) {
            ws.sendText("{\"type\":\"ping\",\"nonce\":\"well-formed\"}");
            RawWebSocket.Frame answer = ws.read();
            assertThat(answer.opcode()).as("a well-formed frame is answered with a text frame").isEqualTo(RawWebSocket.TEXT);
            assertThat(answer.text()).as("answered in JSON").startsWith("{\"type\":");

            bad.writeTo(ws);

            assertThat(ws.awaitClose()).as("the close code").isEqualTo(expected);
        }
        String nonce = "after-" + NONCES.incrementAndGet();
        bystander.send(new ClientMessage.Ping(nonce));
        assertThat(bystander.await(ServerMessage.Pong.class, p -> nonce.equals(p.nonce())))
                .as("the bystander's ping is answered").isNotNull();
    }

    private static Arguments badFrame(String name, int closeCode, BadFrame frame) {
        return Arguments.of(Named.of(name, frame), closeCode);
    }

    private static byte[] closePayload(int code) {
        return ByteBuffer.allocate(2).putShort((short) code).array();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
