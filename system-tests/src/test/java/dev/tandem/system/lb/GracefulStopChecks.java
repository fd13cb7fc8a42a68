package dev.tandem.system.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Protocol;
import dev.tandem.model.ResumeTokens;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import dev.tandem.system.frontdoor.FrontDoor;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop through a front door (Tandem's proxy or HAProxy with the shipped config: see the subclasses):
 * the stopping server first says so on /health (while its windows carry on), the proxy takes it out of routing
 * at its next checks, and only then are the windows closed with 1001 — so every one of them, reconnecting at
 * once through the proxy and resuming, lands on the other server at the first try: 0 failed first reconnects.
 */
abstract class GracefulStopChecks {
    private static final ResumeTokens TOKENS = new ResumeTokens(ServerConfig.TEST_SECRET.getBytes(StandardCharsets.UTF_8));
    private static final int WINDOWS = 8;
    private final TandemCluster cluster;
    private final FrontDoor door;

    GracefulStopChecks(TandemCluster cluster, FrontDoor door) {
        this.cluster = cluster;
        this.door = door;
    }

    /**
     * How long a stopping server of the cluster announces it on /health: one and a half times what the front
     * door takes to drop a failing backend. Without the announcement, windows reconnecting within a few
     * milliseconds would find the proxy still routing to the stopping server for up to that long.
     */
    static TandemCluster announcingFor(Supplier<FrontDoor> door) {
        return TandemCluster.of(2, config -> config.withStopAnnounce(door.get().takesOutWithin().multipliedBy(3).dividedBy(2)));
    }

    @Test
    void everyWindowOfAStoppingServerReconnectsToAnotherAtTheFirstTry() throws Exception {
        List<String> users = new ArrayList<>();
        List<TestClient> windows = new ArrayList<>();
        try {
            for (int i = 0; users.size() < WINDOWS; i++) {
                String user = "stop" + i;
                Session session = signIn(user);
                if ("s1".equals(session.welcome().serverId())) {
                    users.add(user);
                    windows.add(session.client());
                } else {
                    session.client().close();
                }
            }
            // A client that never answers the close keeps s1 serving through its whole drain, as a real server
            // with one slow window does: reconnects that reach s1 meanwhile would be refused with 1001.
            try (Socket stuck = stuckWebSocket(cluster.port(1))) {
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> cluster.stop(1));
            List<String> landedOn = new ArrayList<>();
            for (int i = 0; i < WINDOWS; i++) {
                assertThat(windows.get(i).awaitClose()).isEqualTo(CloseCodes.GOING_AWAY);
                // At once, as the desktop app does after 1001: through the proxy, resuming.
                Session again = signIn(users.get(i));
                landedOn.add(again.welcome().serverId());
                windows.set(i, again.client());
            }
            stopping.get();
            assertThat(landedOn).as("the first reconnect of every window through " + door.name()).containsOnly("s2").hasSize(WINDOWS);
            }
        } finally {
            windows.forEach(TestClient::close);
        }
    }

    /** A WebSocket upgrade on a raw socket that then reads nothing and answers nothing, not even a close. */
    private static Socket stuckWebSocket(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(("GET " + Protocol.WS_PATH + "?user=stuck HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] head = new byte[12];
        assertThat(socket.getInputStream().readNBytes(head, 0, head.length)).isEqualTo(head.length);
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
        return socket;
    }

    private record Session(TestClient client, ServerMessage.Welcome welcome) {
    }

    /** Connects through the proxy and resumes; fails if the answer is anything but a welcome. */
    private Session signIn(String user) {
        TestClient client = TestClient.connect(door.port(), user);
        client.send(new ClientMessage.Resume(Protocol.VERSION, TOKENS.mint(user, Instant.now(), Duration.ofHours(1))));
        return new Session(client, client.next(ServerMessage.Welcome.class));
    }
}
