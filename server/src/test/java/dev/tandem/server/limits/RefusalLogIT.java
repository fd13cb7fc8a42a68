package dev.tandem.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.Await;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood of rejected input does not flood the log: 500 refused upgrades, 300 wrong passwords and 30
 * connections closed for protocol violations leave a few summary lines, not a line (or a stack trace) each.
 * The server runs in this JVM and logs (slf4j-simple) to {@code System.err}, which the test captures.
 */
@Timeout(120)
class RefusalLogIT {
    private static final String PASSWORD = "correct horse";

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1);

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void release() {
        System.setErr(original);
    }

    @Test
    void aFloodOfRejectedInputLeavesAFewSummaryLines() throws Exception {
        String user = TandemCluster.newUser("logged");
        TestClient.signIn(cluster.port(1), user, PASSWORD).close();
        int before = text().length();
        for (int i = 0; i < 500; i++) {
            badUpgrade();
        }
        for (int i = 0; i < 60; i++) {
            try (TestClient guesser = TestClient.connect(cluster.port(1), user)) {
                for (int j = 0; j < 5; j++) {
                    guesser.send(new ClientMessage.SignIn(Protocol.VERSION, user, "wrong guess " + j));
                    guesser.next(ServerMessage.Error.class);
                }
                guesser.awaitClose();
            }
        }
        for (int i = 0; i < 30; i++) {
            try (TestClient fuzzer = TestClient.connect(cluster.port(1), user)) {
                for (int j = 0; j < 10; j++) {
                    fuzzer.sendRaw("{not json " + j);
                }
                fuzzer.awaitClose();
            }
        }
        String flood = text().substring(before);
        long lines = flood.lines().count();
        assertThat(lines).as("log lines for the flood:%n%s", flood).isLessThanOrEqualTo(12);
        assertThat(flood.length()).isLessThan(4_000);
        // Then the counts, in one line per cause at the end of the interval.
        Await.until(Duration.ofSeconds(30), "the summary of refused upgrades",
                () -> text().contains("more x WebSocket upgrade (400)"));
        assertThat(text().substring(before).lines().filter(l -> l.contains("more x")).count()).isLessThanOrEqualTo(6);
    }

    private String text() {
        synchronized (this) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    private static void badUpgrade() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cluster.port(1))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws?user=x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int n = in.readNBytes(head, 0, head.length);
            assertThat(new String(Arrays.copyOf(head, n), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400");
        }
    }
}
