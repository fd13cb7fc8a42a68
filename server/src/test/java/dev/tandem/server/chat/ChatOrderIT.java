package dev.tandem.server.chat;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One window's messages get their ids in the order it sent them, even when Redis has forgotten the send
 * script (a restart or {@code SCRIPT FLUSH}): each post is then refused with NOSCRIPT and sent again with
 * its source, and without {@link WindowOrder} the posts pipelined behind it overtook it (seen as
 * "old message 5" before "old message 4" in a browser test).
 */
@Timeout(60)
class ChatOrderIT {
    private static final String PASSWORD = "correct horse battery";
    private static final int MESSAGES = 3000;

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withRateLimit(10_000, MESSAGES * 2));

    @RepeatedTest(4)
    void pipelinedSendsWhileRedisKeepsForgettingTheScriptKeepTheirOrder() throws InterruptedException {
        String room = "order-" + newUser("r").substring(2, 10);
        try (TestClient sender = TestClient.signIn(cluster.port(1), newUser("fast"), PASSWORD)) {
            sender.ask(new ClientMessage.RoomCreate("create", room), ServerMessage.RoomJoined.class);
            // Redis forgets its scripts again and again while the window pipelines its posts.
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread forgetter = new Thread(() -> {
                while (sending.get()) {
                    cluster.admin().scriptFlush();
                }
            }, "script-flusher");
            forgetter.start();
            try {
                for (int i = 1; i <= MESSAGES; i++) {
                    sender.send(new ClientMessage.ChatSend("m" + i, room, "message " + i));
                }
            } finally {
                sending.set(false);
                forgetter.join();
            }
            List<String> clientIdsByArrival = new ArrayList<>();
            long lastId = 0;
            while (clientIdsByArrival.size() < MESSAGES) {
                ChatMessage message = sender.await(ChatMessage.class, m -> true);
                assertThat(message.id()).as("ids grow as the relay delivers").isGreaterThan(lastId);
                lastId = message.id();
                clientIdsByArrival.add(message.clientId());
            }
            List<String> sent = new ArrayList<>();
            for (int i = 1; i <= MESSAGES; i++) {
                sent.add("m" + i);
            }
            assertThat(clientIdsByArrival).as("numbered in the order they were sent").isEqualTo(sent);
        }
    }
}
