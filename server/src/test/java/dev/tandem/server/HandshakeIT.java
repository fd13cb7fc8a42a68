package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the server answers to WebSocket handshakes, good and bad, and what they leave behind (issue 17):
 * no HTTP session, a clear status for a bad key or version, and the one user the URL names.
 */
@Timeout(90)
class HandshakeIT {
    private static final String PASSWORD = "correct horse battery";
    private static final String GOOD_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1);

    /** The status line and headers of the answer to a raw upgrade request (lower-cased header names). */
    private record Answer(int status, List<String> headers) {
        boolean hasHeader(String nameColonValue) {
            return headers.stream().anyMatch(h -> h.toLowerCase().startsWith(nameColonValue.toLowerCase()));
        }
    }

    private static Answer upgrade(String target, String key, String version) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cluster.port(1))) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: Upgrade\r\nUpgrade: websocket\r\n");
            if (key != null) {
                request.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
            }
            if (version != null) {
                request.append("Sec-WebSocket-Version: ").append(version).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            List<String> headers = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.add(line);
            }
            return new Answer(status, headers);
        }
    }

    /** Live instances of {@code className} in this JVM (the servers run in it), after a full GC. */
    private static long liveInstances(String className) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        for (String line : histogram.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].equals(className)) {
                return Long.parseLong(columns[1]);
            }
        }
        return 0;
    }

    @Test
    void upgradesLeaveNoHttpSessionAndSetNoCookie() throws Exception {
        for (int i = 0; i < 100; i++) {
            Answer good = upgrade("/ws?user=" + newUser("s"), GOOD_KEY, "13");
            Answer elsewhere = upgrade("/no-such-path", GOOD_KEY, "13");
            assertThat(good.status()).isEqualTo(101);
            assertThat(elsewhere.status()).isEqualTo(404);
            assertThat(good.hasHeader("set-cookie")).isFalse();
            assertThat(elsewhere.hasHeader("set-cookie")).isFalse();
        }
        assertThat(liveInstances("org.eclipse.jetty.ee10.servlet.ManagedSession"))
                .as("HTTP sessions kept after 200 upgrade requests").isZero();
    }

    @Test
    void aBadHandshakeGetsAClearStatus() throws Exception {
        String ws = "/ws?user=" + newUser("h");
        assertThat(upgrade(ws, null, "13").status()).as("no key").isEqualTo(400);
        assertThat(upgrade(ws, "abcde", "13").status()).as("a 5-character key").isEqualTo(400);
        assertThat(upgrade(ws, "bm90IHNpeHRlZW4gYnl0ZXM=", "13").status()).as("24 characters, not 16 bytes").isEqualTo(400);
        Answer oldVersion = upgrade(ws, GOOD_KEY, "8");
        assertThat(oldVersion.status()).isEqualTo(426);
        assertThat(oldVersion.hasHeader("sec-websocket-version: 13")).isTrue();
        assertThat(upgrade(ws, GOOD_KEY, "13").status()).isEqualTo(101);
    }

    @Test
    void theUrlMustNameOneValidUser() throws Exception {
        assertThat(upgrade("/ws", GOOD_KEY, "13").status()).as("no query").isEqualTo(400);
        assertThat(upgrade("/ws?user=", GOOD_KEY, "13").status()).isEqualTo(400);
        assertThat(upgrade("/ws?user=ann&user=bob", GOOD_KEY, "13").status()).as("two users").isEqualTo(400);
        assertThat(upgrade("/ws?user=-bad", GOOD_KEY, "13").status()).isEqualTo(400);
        assertThat(upgrade("/ws?x=1;user=bob&user=ann", GOOD_KEY, "13").status()).isEqualTo(101);
    }

    /** The proxy reads {@code ?x=1;user=bob&user=<alice>} as alice; so does the server: bob is refused. */
    @Test
    void aSemicolonCannotSmuggleAnotherUserIn() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        try (TestClient client = TestClient.open(java.net.URI.create("ws://127.0.0.1:" + cluster.port(1)
                + Protocol.WS_PATH + "?x=1;user=" + bob + "&user=" + alice))) {
            client.send(new ClientMessage.SignIn(Protocol.VERSION, bob, PASSWORD));
            client.nextError("user_mismatch");
            assertThat(client.awaitClose()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        }
    }

    @Test
    void aUserWithDotsInTheNameCanResume() {
        String user = "d." + newUser("x").substring(2).replace('-', '.');
        String token;
        try (TestClient first = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            first.send(new ClientMessage.Ping("p"));
            first.next(ServerMessage.Pong.class);
        }
        try (TestClient signIn = TestClient.connect(cluster.port(1), user)) {
            signIn.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD));
            token = signIn.next(ServerMessage.Welcome.class).resumeToken();
        }
        try (TestClient resumed = TestClient.connect(cluster.port(1), user)) {
            resumed.send(new ClientMessage.Resume(Protocol.VERSION, token));
            assertThat(resumed.next(ServerMessage.Welcome.class).user()).isEqualTo(user);
        }
    }

    /** Frames answered invalid count as violations, before and after sign-in: the tenth closes the connection. */
    @Test
    void invalidFramesCountAsViolations() {
        String invalid = "{\"type\":\"todo.add\",\"clientId\":\"x\",\"title\":\"\"}";
        try (TestClient before = TestClient.connect(cluster.port(1), newUser("inv"))) {
            for (int i = 0; i < 10; i++) {
                before.sendRaw(invalid);
                assertThat(before.next(ServerMessage.Error.class).code()).isEqualTo("invalid");
            }
            assertThat(before.awaitClose()).as("10 violations before sign-in").isEqualTo(CloseCodes.POLICY_VIOLATION);
        }
        try (TestClient after = TestClient.signIn(cluster.port(1), newUser("inv2"), PASSWORD)) {
            for (int i = 0; i < 10; i++) {
                after.sendRaw("{\"type\":\"chat.send\",\"clientId\":\"c" + i + "\",\"text\":\"\\ud800\"}");
                assertThat(after.next(ServerMessage.Error.class).code()).isEqualTo("invalid");
            }
            assertThat(after.awaitClose()).as("10 violations after sign-in").isEqualTo(CloseCodes.POLICY_VIOLATION);
        }
    }

    /** An invalid frame takes a token from the rate limit like any other: 1 a second, burst 5. */
    @Test
    void invalidFramesUseUpTheRateLimit() {
        TandemServer strict = TandemServer.start(ServerConfig.forTests(cluster.redis().url(), "strict").withRateLimit(1, 5));
        try (TestClient client = TestClient.signIn(strict.port(), newUser("rate"), PASSWORD)) {
            for (int i = 0; i < 4; i++) {
                client.sendRaw("{\"type\":\"todo.add\",\"clientId\":\"r" + i + "\",\"title\":\"\"}");
                assertThat(client.next(ServerMessage.Error.class).code()).isEqualTo("invalid");
            }
            client.send(new ClientMessage.Ping("after"));
            ServerMessage.Error limited = client.next(ServerMessage.Error.class);
            assertThat(limited.code()).as("sign-in + 4 invalid frames used the burst of 5").isEqualTo("rate_limited");
        } finally {
            strict.stop();
        }
    }
}
