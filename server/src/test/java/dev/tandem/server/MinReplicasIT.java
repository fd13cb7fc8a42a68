package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.RoomNames;
import dev.tandem.model.ServerMessage;
import dev.tandem.redis.LocalRedis;
import dev.tandem.redis.SentinelGroup;
import dev.tandem.server.relay.Keys;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --redis-min-replicas 1}: a chat message is acknowledged (the sender's own {@code chat.message})
 * only once a replica has it, and so is a todo change ({@code todo.changed}). With the replica frozen
 * (SIGSTOP), the sender is told {@code unavailable} instead, never sent its message, while everyone else is;
 * once the replica is back, the resend with the same client id is answered with the original (the list, for
 * the todo change, holding it once). A server without the setting acknowledges at once, replica or
 * not: that is the window the setting closes (an acknowledged message lost to a failover to a replica that
 * did not have it yet).
 */
@Timeout(120)
class MinReplicasIT {
    private static final String PASSWORD = "correct horse battery";

    @Test
    void aMessageIsAcknowledgedOnlyOnceAReplicaHasIt() throws Exception {
        Path dir = Files.createTempDirectory("tandem-min-replicas-");
        try (SentinelGroup redis = SentinelGroup.start(dir)) {
            LocalRedis replica = redis.firstReplica();
            TandemServer careful = TandemServer.start(ServerConfig.forTests(redis.url(), "careful").withRedisMinReplicas(1));
            TandemServer plain = TandemServer.start(ServerConfig.forTests(redis.url(), "plain"));
            String alice = newUser("alice");
            try (TestClient writer = TestClient.signIn(careful.port(), alice, PASSWORD);
                 TestClient writersOtherWindow = TestClient.signIn(careful.port(), alice, PASSWORD);
                 TestClient reader = TestClient.signIn(plain.port(), newUser("bob"), PASSWORD)) {
                writer.send(new ClientMessage.ChatSend("a1", "first"));
                writer.await(ChatMessage.class, m -> "a1".equals(m.clientId()));
                assertThat(newestInHistory(replica)).as("the replica's newest message when a1 was acknowledged")
                        .contains("\"clientId\":\"a1\"");

                signal(replica, "STOP");
                try {
                    writer.send(new ClientMessage.ChatSend("a2", "while the replica is frozen"));
                    writer.untilMarker(m -> m instanceof ServerMessage.Error e && "a2".equals(e.ref())
                                    && ErrorCode.UNAVAILABLE.wire().equals(e.code()),
                            m -> m instanceof ChatMessage c && "a2".equals(c.clientId()));
                    long a2 = writersOtherWindow.await(ChatMessage.class, m -> "a2".equals(m.clientId())).id();
                    assertThat(reader.await(ChatMessage.class, m -> "a2".equals(m.clientId())).id())
                            .as("everyone but the sending window gets it").isEqualTo(a2);

                    // A todo change likewise: unavailable, and no window of the user is told it happened.
                    writer.send(new ClientMessage.TodoAdd("t1", "buy milk"));
                    writer.untilMarker(m -> m instanceof ServerMessage.Error e && "t1".equals(e.ref())
                                    && ErrorCode.UNAVAILABLE.wire().equals(e.code()),
                            m -> m instanceof ServerMessage.TodoChanged c && "t1".equals(c.clientId()));

                    // The same moment on a server without the setting: acknowledged, though no replica has it.
                    reader.send(new ClientMessage.ChatSend("b1", "acknowledged by the primary alone"));
                    reader.await(ChatMessage.class, m -> "b1".equals(m.clientId()));

                    signal(replica, "CONT");
                    // What the desktop app does with an unavailable message: the same client id again.
                    writer.send(new ClientMessage.ChatSend("a2", "while the replica is frozen"));
                    assertThat(writer.await(ChatMessage.class, m -> "a2".equals(m.clientId())).id())
                            .as("the resend is answered with the original").isEqualTo(a2);
                    writer.send(new ClientMessage.TodoAdd("t1", "buy milk"));
                    ServerMessage.TodoSnapshot list = writer.await(ServerMessage.TodoSnapshot.class, m -> "t1".equals(m.clientId()));
                    assertThat(list.todos().items()).as("the resent change, applied once").singleElement()
                            .satisfies(todo -> assertThat(todo.title()).isEqualTo("buy milk"));
                } finally {
                    signal(replica, "CONT");
                }
                writer.send(new ClientMessage.ChatSend("a3", "after"));
                writer.await(ChatMessage.class, m -> "a3".equals(m.clientId()));
                assertThat(newestInHistory(replica)).contains("\"clientId\":\"a3\"");
                reader.await(ChatMessage.class, m -> "a3".equals(m.clientId()));
            } finally {
                careful.stop();
                plain.stop();
            }
        } finally {
            TandemCluster.deleteTree(dir);
        }
    }

    private static String newestInHistory(LocalRedis replica) throws Exception {
        RedisClient client = RedisClient.create(replica.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> newest = connection.sync().zrange(Keys.history(RoomNames.GENERAL), -1, -1);
            return newest.isEmpty() ? "" : newest.get(0);
        } finally {
            client.shutdown();
        }
    }

    /** SIGSTOP freezes the replica as a hung machine would (its socket stays open); SIGCONT thaws it. */
    private static void signal(LocalRedis redis, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(redis.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }
}
