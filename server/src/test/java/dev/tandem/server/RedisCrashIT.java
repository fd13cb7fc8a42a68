package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.ServerMessage.TodoChanged;
import dev.tandem.model.Todo;
import dev.tandem.redis.Fsync;
import dev.tandem.redis.LocalRedis;
import dev.tandem.redis.RedisRunner;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a Redis that persists with the append-only file (appendfsync everysec, as ./tandem runs it),
 * while todo changes and chat messages are in flight, then a restart on the same files: every account,
 * every acknowledged change and message is there, and resending whatever had no answer, with the same client
 * ids, leaves each exactly once.
 */
@Timeout(120)
class RedisCrashIT {
    private static final String PASSWORD = "correct horse battery";
    private static final Duration BACK = Duration.ofSeconds(30);

    @Test
    void afterKill9AndARestartOfRedisNothingAcknowledgedIsLostAndResendsLandOnce() throws Exception {
        Path dir = Files.createTempDirectory("tandem-aof-");
        LocalRedis redis = RedisRunner.startPersistent(0, dir, Fsync.EVERYSEC);
        int port = redis.port();
        TandemServer s1 = TandemServer.start(ServerConfig.forTests(redis.url(), "a1").withRateLimit(1000, 1000));
        TandemServer s2 = TandemServer.start(ServerConfig.forTests(redis.url(), "a2"));
        String alice = newUser("alice");
        String room = "crash-" + alice.substring(alice.length() - 8);
        try (TestClient window = TestClient.signIn(s1.port(), alice, PASSWORD)) {
            window.ask(new ClientMessage.RoomCreate("room", room), ServerMessage.RoomJoined.class);
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String clientId = "t" + i;
                titles.add("before #" + i);
                window.send(new ClientMessage.TodoAdd(clientId, titles.get(i)));
                window.await(TodoChanged.class, c -> clientId.equals(c.clientId()));
            }
            window.send(new ClientMessage.ChatSend("m0", "acknowledged before the crash"));
            long lastSeen = window.await(ChatMessage.class, m -> "m0".equals(m.clientId())).id();
            window.ask(new ClientMessage.ChatSend("r0", room, "acknowledged in the room"), ChatMessage.class);

            // In flight when Redis dies: each gets todo.changed, or an error to resend.
            for (int i = 20; i < 40; i++) {
                titles.add("in flight #" + i);
                window.send(new ClientMessage.TodoAdd("t" + i, titles.get(i)));
            }
            window.send(new ClientMessage.ChatSend("m1", "in flight"));
            window.send(new ClientMessage.ChatSend("r1", room, "in flight in the room"));
            redis.kill();
            Set<String> unanswered = new LinkedHashSet<>();
            for (int i = 20; i < 40; i++) {
                unanswered.add("t" + i);
            }
            unanswered.add("m1");
            unanswered.add("r1");
            Set<String> failed = new LinkedHashSet<>();
            while (!unanswered.isEmpty()) {
                ServerMessage m = window.next();
                if (m instanceof TodoChanged c && unanswered.remove(c.clientId())) {
                    continue;
                }
                if (m instanceof ChatMessage c && unanswered.contains(c.clientId())) {
                    unanswered.remove(c.clientId());
                } else if (m instanceof ServerMessage.Error e && e.ref() != null && unanswered.remove(e.ref())) {
                    assertThat(e.code()).isEqualTo("unavailable");
                    failed.add(e.ref());
                }
            }

            redis = RedisRunner.startPersistent(port, dir, Fsync.EVERYSEC);
            Http.awaitGet(s1.port(), "/health", BACK, r -> r.statusCode() == 200);
            for (String clientId : failed) {
                resendUntilAnswered(window, clientId, clientId.equals("m1") ? new ClientMessage.ChatSend(clientId, "in flight")
                        : clientId.equals("r1") ? new ClientMessage.ChatSend(clientId, room, "in flight in the room")
                        : new ClientMessage.TodoAdd(clientId, titles.get(Integer.parseInt(clientId.substring(1)))));
            }

            // A fresh window on the other server loads the list from the restarted Redis.
            try (TestClient check = TestClient.connect(s2.port(), alice)) {
                check.send(new ClientMessage.SignIn(Protocol.VERSION, alice, PASSWORD));
                ServerMessage.Welcome welcome = check.next(ServerMessage.Welcome.class);
                assertThat(welcome.registered()).as("the account survived").isFalse();
                assertThat(welcome.todos().items()).extracting(Todo::title)
                        .as("every add exactly once, acknowledged before or resent after").containsExactlyElementsOf(titles);
                assertThat(welcome.history().stream().filter(h -> h.author().equals(alice)).map(ChatMessage::clientId))
                        .containsExactly("m0", "m1");
                assertThat(check.ask(new ClientMessage.ChatHistory("h", room, null, null), ServerMessage.ChatPage.class)
                        .messages()).extracting(ChatMessage::clientId).as("the room's messages exactly once")
                        .containsExactly("r0", "r1");
                check.send(new ClientMessage.ChatSend("m2", "after"));
                assertThat(check.await(ChatMessage.class, m -> "m2".equals(m.clientId())).id()).isGreaterThan(lastSeen);
            }
            try (TestClient intruder = TestClient.connect(s2.port(), alice)) {
                intruder.send(new ClientMessage.SignIn(Protocol.VERSION, alice, "another password"));
                assertThat(intruder.nextError("wrong_password")).isNotNull();
            }
        } finally {
            s1.stop();
            s2.stop();
            redis.close();
            TandemCluster.deleteTree(dir);
        }
    }

    /** Sends {@code request} until the server answers it with anything but unavailable (Redis may still be coming back). */
    private static void resendUntilAnswered(TestClient window, String clientId, ClientMessage request) {
        long deadline = System.nanoTime() + BACK.toNanos();
        while (System.nanoTime() < deadline) {
            window.send(request);
            ServerMessage answer = window.await(ServerMessage.class, m -> refersTo(m, clientId));
            if (!(answer instanceof ServerMessage.Error)) {
                return;
            }
        }
        throw new AssertionError(clientId + " still unavailable after " + BACK);
    }

    private static boolean refersTo(ServerMessage m, String clientId) {
        return (m instanceof TodoChanged c && clientId.equals(c.clientId()))
                || (m instanceof ServerMessage.TodoSnapshot s && clientId.equals(s.clientId()))
                || (m instanceof ChatMessage c && clientId.equals(c.clientId()))
                || (m instanceof ServerMessage.Error e && clientId.equals(e.ref()));
    }
}
