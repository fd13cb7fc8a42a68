package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Codec;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.Await;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One user's chat flood must not stall the other people on its server (issue 17, item 6). The flooder has
 * {@value #FLOOD_WINDOWS} windows on s1, each posting to general at the default rate limit: every message
 * costs s1 a frame to every window there plus a {@code room.read} to each of the flooder's windows, far more
 * than s1 can write on a small machine. A bystander on s1 posts now and then.
 * A bystander on s2 reads the same general room on a server without the flood.
 * <p>What is checked is an order, not a time: when the bystander on s1 gets its own message back, how many
 * later messages the bystander on s2 has already received. Each window may hold at most
 * {@value #MAX_PENDING_BYTES} bytes of unwritten frames before it is cut as too slow (close 4000), and each
 * flood message's frame is longer than its text, so a bystander on s1 that is still connected trails s2 by at
 * most that many bytes over the text's length in messages; a server writing every window's frames in one queue put the
 * flood's whole backlog in front of the bystander's own message (8,422 and 9,005 messages behind s2 in two
 * runs of this test before the fix; 9–10 s were seen by the attacker). The flooder's windows, which cannot read what their
 * flood costs, may be cut (4000) and come straight back, as an attacker's would.
 */
@Timeout(180)
class FloodFairnessIT {
    private static final String PASSWORD = "correct horse battery";
    private static final int FLOOD_WINDOWS = 50;
    private static final int MAX_PENDING_BYTES = 512 * 1024;
    private static final String FLOOD_TEXT = "flood ".repeat(60);
    /** The flood posts this many messages (at the rate limit) before each of the bystander's posts. */
    private static final int FLOOD_BEFORE_PROBE = 3000;
    private static final int PROBES = 3;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2, config -> config.withMaxPendingBytes(MAX_PENDING_BYTES));

    @Test
    void aBystanderOnTheFloodersServerIsNotQueuedBehindTheFlood() throws Exception {
        String flooder = newUser("flooder");
        List<FloodWindow> windows = new CopyOnWriteArrayList<>();
        ScheduledExecutorService flood = Executors.newSingleThreadScheduledExecutor();
        try (TestClient bystander = TestClient.signIn(cluster.port(1), newUser("bystander"), PASSWORD);
             TestClient elsewhere = TestClient.signIn(cluster.port(2), newUser("elsewhere"), PASSWORD)) {
            for (int i = 0; i < FLOOD_WINDOWS; i++) {
                windows.add(FloodWindow.signIn(cluster.port(1), flooder, i));
            }
            int perSecond = bystander.welcome().messagesPerSecond();
            AtomicLong posted = new AtomicLong();
            List<Integer> cuts = new CopyOnWriteArrayList<>();
            // Every window posts once per tick, at the rate limit: nothing is refused, everything is posted.
            // A window the server cuts comes back at once, as an attacker's would, so the flood never stops.
            flood.scheduleAtFixedRate(() -> {
                for (int i = 0; i < windows.size(); i++) {
                    FloodWindow window = windows.get(i);
                    if (window.closed.isDone()) {
                        cuts.add(window.closed.join());
                        window.close();
                        try {
                            windows.set(i, FloodWindow.signIn(cluster.port(1), flooder, i));
                        } catch (RuntimeException e) {
                            windows.set(i, window); // Refused (busy) or timed out: try again next tick.
                        }
                    } else if (window.post(FLOOD_TEXT)) {
                        posted.incrementAndGet();
                    }
                }
            }, 0, 1000 / perSecond, TimeUnit.MILLISECONDS);

            long newestSeen = 0;
            for (int probe = 0; probe < PROBES; probe++) {
                long target = posted.get() + FLOOD_BEFORE_PROBE;
                Await.until(Duration.ofSeconds(60), "the flood posted " + target, () -> posted.get() >= target);
                for (ServerMessage m = bystander.poll(0); m != null; m = bystander.poll(0)) {
                    newestSeen = Math.max(newestSeen, generalId(m));
                }
                long seenAtPost = newestSeen;
                String clientId = "probe-" + probe;
                bystander.send(new ClientMessage.ChatSend(clientId, "still here " + probe));
                ChatMessage own = null;
                while (own == null) {
                    ServerMessage m = bystander.next();
                    if (m instanceof ChatMessage c && clientId.equals(c.clientId())) {
                        own = c;
                    } else {
                        newestSeen = Math.max(newestSeen, generalId(m));
                    }
                }
                // How far the other server's bystander had got meanwhile: its server is not the flooder's.
                long elsewhereSeen = 0;
                for (ServerMessage m = elsewhere.poll(0); m != null; m = elsewhere.poll(0)) {
                    elsewhereSeen = Math.max(elsewhereSeen, generalId(m));
                }
                assertThat(elsewhereSeen - own.id())
                        .as("messages after the bystander's own post %d that the other server's bystander had already"
                                + " received when the flooder's server delivered it (%d were in front of it there)",
                                probe, own.id() - 1 - seenAtPost)
                        .isLessThanOrEqualTo(MAX_PENDING_BYTES / FLOOD_TEXT.length());
                newestSeen = own.id();
            }
            flood.shutdownNow();

            flood.awaitTermination(10, TimeUnit.SECONDS);
            // The flooder's windows were served or cut as too slow, never closed otherwise; the others
            // were served throughout.
            for (FloodWindow window : windows) {
                if (window.closed.isDone()) {
                    cuts.add(window.closed.get());
                }
            }
            assertThat(cuts).allMatch(code -> code == CloseCodes.SLOW_CONSUMER);
            assertThat(bystander.isClosed()).isFalse();
            bystander.send(new ClientMessage.ChatSend("after", "after the flood"));
            elsewhere.await(ChatMessage.class, m -> "after".equals(m.clientId()));
        } finally {
            flood.shutdownNow();
            windows.forEach(FloodWindow::close);
        }
    }

    private static long generalId(ServerMessage message) {
        return message instanceof ChatMessage c && "general".equals(c.room()) ? c.id() : 0;
    }

    /**
     * One of the flooder's windows: reads every frame as it comes but only looks at the first (the welcome),
     * so the test's own JVM spends little on the flood it receives.
     * <p>Threads: the JDK's listener thread reads; the flood thread posts.
     */
    private static final class FloodWindow implements WebSocket.Listener {
        private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder first = new StringBuilder();
        private WebSocket socket;
        /** Client ids are the user's: each window numbers its own. */
        private final String idPrefix;
        private long posts;

        private FloodWindow(int index) {
            this.idPrefix = "f" + index + "-";
        }

        static FloodWindow signIn(int port, String user, int index) {
            FloodWindow window = new FloodWindow(index);
            window.socket = HTTP.newWebSocketBuilder().buildAsync(TestClient.uri(port, user), window).join();
            window.socket.sendText(Codec.get().encode(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD)), true)
                    .join();
            window.welcomed.orTimeout(20, TimeUnit.SECONDS).join();
            return window;
        }

        /** Posts one message; false once the window is closed. */
        boolean post(String text) {
            if (closed.isDone()) {
                return false;
            }
            try {
                socket.sendText(Codec.get().encode(new ClientMessage.ChatSend(idPrefix + posts++, text)), true).join();
                return true;
            } catch (RuntimeException e) {
                return false; // Cut by the server meanwhile.
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!welcomed.isDone()) {
                first.append(data);
                if (last) {
                    if (first.indexOf("{\"type\":\"welcome\"") == 0) {
                        welcomed.complete(null);
                    } else {
                        welcomed.completeExceptionally(new AssertionError("expected the welcome, got " + first));
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        void close() {
            socket.abort();
        }
    }
}
