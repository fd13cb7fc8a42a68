package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ServerMessage;
import dev.tandem.redis.SentinelGroup;
import dev.tandem.server.metrics.PrometheusText;
import dev.tandem.server.support.Await;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis high availability: two servers on {@code redis-sentinel://} (a primary, a replica, three Sentinels,
 * quorum two); the primary is killed with SIGKILL while a user posts chat as fast as acknowledgements come.
 * The servers follow the promoted replica on their own, {@code /health} goes red and then green again, chat
 * delivery resumes on both servers, and every acknowledged message is there afterwards exactly once — in the
 * history and at a reader on the other server — while what was in flight, resent with the same client id as
 * the desktop app does, lands once too.
 */
@Timeout(180)
class SentinelFailoverIT {
    private static final String PASSWORD = "correct horse battery";
    private static final int BEFORE_KILL = 20;
    private static final int AFTER_FAILOVER = 20;

    @Test
    void serversFollowTheFailoverAndNoAcknowledgedMessageIsLost() throws Exception {
        Path dir = Files.createTempDirectory("tandem-sentinel-");
        try (SentinelGroup redis = SentinelGroup.start(dir)) {
            TandemServer s1 = TandemServer.start(ServerConfig.forTests(redis.url(), "h1").withRateLimit(1000, 1000));
            TandemServer s2 = TandemServer.start(ServerConfig.forTests(redis.url(), "h2"));
            HealthLog health = new HealthLog(s1.port());
            String alice = newUser("alice");
            String bob = newUser("bob");
            try (TestClient writer = TestClient.signIn(s1.port(), alice, PASSWORD);
                 TestClient reader = TestClient.signIn(s2.port(), bob, PASSWORD)) {
                health.start();
                // The watcher's first answer can take longer than the 20 posts before the kill (a cold HTTP
                // client on a loaded machine: CI saw [503, 200]), so the kill waits for it.
                Await.until(Duration.ofSeconds(30), "s1's /health watched and 200", () -> health.statuses().contains(200));
                List<String> acknowledged = new ArrayList<>();
                for (int i = 0; i < BEFORE_KILL; i++) {
                    acknowledged.add(postUntilAcknowledged(writer, "m" + i));
                }
                int oldPrimary = redis.primaryPort();
                redis.killPrimary();
                // Posting goes on through the failover: each message is retried (same client id) until answered.
                for (int i = BEFORE_KILL; i < BEFORE_KILL + AFTER_FAILOVER; i++) {
                    acknowledged.add(postUntilAcknowledged(writer, "m" + i));
                }
                assertThat(redis.awaitFailover(Duration.ofSeconds(30))).isNotEqualTo(oldPrimary)
                        .isEqualTo(redis.firstReplica().port());
                Http.awaitGet(s1.port(), "/health", Duration.ofSeconds(30), r -> r.statusCode() == 200);
                Http.awaitGet(s2.port(), "/health", Duration.ofSeconds(30), r -> r.statusCode() == 200);
                health.stop();
                assertThat(health.statuses()).as("s1's /health while the primary was lost and replaced")
                        .containsSubsequence(200, 503, 200);

                for (TandemServer server : List.of(s1, s2)) {
                    PrometheusText metrics = PrometheusText.parse(server.metrics().scrape());
                    assertThat(metrics.sum("tandem_chat_catchups_total")).as(server.serverId() + " caught up after re-subscribing")
                            .isGreaterThanOrEqualTo(1);
                }
                assertThat(PrometheusText.parse(s1.metrics().scrape()).sum("tandem_frames_in_total", "type", "chat.send"))
                        .as("every send and resend was counted").isGreaterThan(BEFORE_KILL + AFTER_FAILOVER);

                // Delivery resumed on the other server: the reader got every acknowledged message once, in order.
                writer.send(new ClientMessage.ChatSend("marker", "after the failover"));
                List<ServerMessage> seen = reader.untilMarker(
                        m -> m instanceof ChatMessage c && "marker".equals(c.clientId()), m -> false);
                List<String> readerIds = seen.stream().filter(ChatMessage.class::isInstance).map(ChatMessage.class::cast)
                        .filter(m -> alice.equals(m.author())).map(ChatMessage::clientId).toList();
                assertThat(readerIds).as("what bob on h2 received").containsExactlyElementsOf(acknowledged);

                // And the promoted replica holds them all: a new window's history.
                try (TestClient late = TestClient.signIn(s2.port(), newUser("cy"), PASSWORD)) {
                    List<String> history = late.welcome().history().stream().filter(m -> alice.equals(m.author()))
                            .map(ChatMessage::clientId).toList();
                    assertThat(history).as("general's history after the failover")
                            .containsSubsequence(acknowledged).doesNotHaveDuplicates();
                    assertThat(new LinkedHashSet<>(history)).containsAll(acknowledged);
                }
            } finally {
                health.stop();
                s1.stop();
                s2.stop();
            }
        } finally {
            TandemCluster.deleteTree(dir);
        }
    }

    /**
     * What the desktop app does with a message it typed: send, and resend with the same client id whenever
     * the answer is {@code unavailable} or does not come; returns the client id once the message came back.
     */
    private static String postUntilAcknowledged(TestClient writer, String clientId) throws InterruptedException {
        Map<String, Integer> tries = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            tries.merge(clientId, 1, Integer::sum);
            writer.send(new ClientMessage.ChatSend(clientId, "message " + clientId));
            long answerBy = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < answerBy) {
                ServerMessage message = writer.poll(100);
                if (message instanceof ChatMessage chat && clientId.equals(chat.clientId())) {
                    return clientId;
                }
                if (message instanceof ServerMessage.Error error && clientId.equals(error.ref())) {
                    assertThat(error.code()).as("the answer to " + clientId + " while Redis fails over").isEqualTo("unavailable");
                    writer.poll(200); // back off before the resend, as the app does (it reads meanwhile)
                    break;
                }
            }
        }
        throw new AssertionError(clientId + " never acknowledged after " + tries.get(clientId) + " tries");
    }

    /** Polls a server's /health on its own thread, keeping each change of status. */
    private static final class HealthLog {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final URI uri;
        private final List<Integer> statuses = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        HealthLog(int port) {
            this.uri = URI.create("http://127.0.0.1:" + port + "/health");
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        // Back to back: each check's own round trip paces the watcher.
                        if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != status) {
                            statuses.add(status);
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        statuses.add(-1);
                    }
                }
            }, "health-log");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.interrupt();
                thread.join(5_000);
            }
        }

        List<Integer> statuses() {
            return List.copyOf(statuses);
        }
    }
}
