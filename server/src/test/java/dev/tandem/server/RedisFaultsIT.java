package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.ServerMessage.TodoChanged;
import dev.tandem.model.Todo;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.support.Await;
import dev.tandem.server.redis.RedisLink;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.MuteFirstConnection;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Redis that refuses writes (out of memory, read-only) or comes back empty: each refused request gets
 * {@code unavailable} with its ref and nothing half-applied, and what was acknowledged is never lost.
 */
@Timeout(90)
class RedisFaultsIT {
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1);

    private static TodoChanged add(TestClient client, String clientId, String title) {
        client.send(new ClientMessage.TodoAdd(clientId, title));
        return client.await(TodoChanged.class, c -> clientId.equals(c.clientId()));
    }

    private static ServerMessage.Error errorFor(TestClient client, String ref) {
        return client.await(ServerMessage.Error.class, e -> ref.equals(e.ref()));
    }

    @Test
    void aRedisOutOfMemoryRefusesTheChangeWholeAndTheListIsUntouched() {
        String user = newUser("oom");
        try (TestClient window = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            add(window, "k1", "kept");
            Map<String, String> before = cluster.admin().hgetall("tandem:todos:{" + user + "}");
            cluster.admin().configSet("maxmemory", "1");
            try {
                window.send(new ClientMessage.TodoAdd("k2", "refused"));
                assertThat(errorFor(window, "k2").code()).isEqualTo("unavailable");
                window.send(new ClientMessage.TodoToggleAll("k3", true));
                assertThat(errorFor(window, "k3").code()).isEqualTo("unavailable");
                window.send(new ClientMessage.ChatSend("k4", "refused too"));
                assertThat(errorFor(window, "k4").code()).isEqualTo("unavailable");
            } finally {
                cluster.admin().configSet("maxmemory", "0");
            }
            assertThat(cluster.admin().hgetall("tandem:todos:{" + user + "}")).isEqualTo(before);
            window.send(new ClientMessage.TodoSync("s1"));
            ServerMessage.TodoSnapshot list = window.await(ServerMessage.TodoSnapshot.class, s -> "s1".equals(s.clientId()));
            assertThat(list.todos().items()).containsExactly(new Todo("1", "kept", false));
            assertThat(list.todos().revision()).isEqualTo(1);
            assertThat(add(window, "k5", "after").revision()).as("the revision goes on without a gap").isEqualTo(2);
        }
    }

    @Test
    void aReadOnlyRedisRefusesTheChangeAndWritesWorkAgainAfterwards() throws Exception {
        String user = newUser("ro");
        try (TestClient window = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            add(window, "r1", "kept");
            cluster.admin().replicaof("127.0.0.1", RedisRunner.freePort()); // A primary that is not there: read-only.
            try {
                window.send(new ClientMessage.TodoAdd("r2", "refused"));
                assertThat(errorFor(window, "r2").code()).isEqualTo("unavailable");
            } finally {
                cluster.admin().replicaofNoOne();
            }
            TodoChanged after = add(window, "r3", "after");
            assertThat(after.revision()).isEqualTo(2);
            assertThat(cluster.admin().hkeys("tandem:todos:{" + user + "}")).contains("t:1", "t:2").doesNotContain("t:3");
        }
    }

    /**
     * A Redis that lost its last acknowledged writes (what a kill -9 under appendfsync everysec can do when
     * the file write was postponed behind a slow fsync), made here by hand: after the servers re-subscribe,
     * the owner writes its list back, and the relay its delivered envelopes, with what they changed (here a
     * new room, its membership and its messages); ids go on above.
     */
    @Test
    void aRedisThatLostItsLastAcknowledgedWritesGetsThemBackFromTheServersMemory() {
        String user = newUser("behind");
        String list = "tandem:todos:{" + user + "}";
        String room = "lost-" + user.substring(user.length() - 8);
        String history = "tandem:room:{" + room + "}:history";
        try (TestClient window = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            add(window, "b1", "one");
            add(window, "b2", "two");
            window.ask(new ClientMessage.ChatSend("c1", "first, in general"), ChatMessage.class);
            window.ask(new ClientMessage.RoomCreate("r1", room), ServerMessage.RoomJoined.class);
            assertThat(window.ask(new ClientMessage.ChatSend("c2", room, "second"), ChatMessage.class).id()).isEqualTo(1);
            assertThat(window.ask(new ClientMessage.ChatSend("c3", room, "third"), ChatMessage.class).id()).isEqualTo(2);

            // Redis "forgets" the last todo change and the room with its two messages, as lost writes would:
            // their relay envelopes, the relay's counter, the room, its membership, counter and resend keys.
            cluster.admin().hdel(list, "t:2");
            cluster.admin().hset(list, "rev", "1");
            long relaySeq = Long.parseLong(cluster.admin().get("tandem:relay:seq"));
            assertThat(cluster.admin().zpopmax("tandem:relay:log", 3)).extracting(v -> v.getValue().split(" ")[1])
                    .containsExactly("msg", "msg", "join");
            cluster.admin().set("tandem:relay:seq", Long.toString(relaySeq - 3));
            cluster.admin().del(history, "tandem:room:{" + room + "}:seq", "tandem:room:{" + room + "}:members",
                    "tandem:chat:sent:{" + user + "}:c3", "tandem:chat:sent:{" + user + "}:c2");
            cluster.admin().srem("tandem:user:{" + user + "}:rooms", room);
            cluster.admin().zrem("tandem:rooms", room);
            cluster.admin().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
            cluster.admin().clientKill(io.lettuce.core.KillArgs.Builder.typeNormal().skipme());

            Await.until(Duration.ofSeconds(15), "the todo list written back",
                    () -> "2".equals(cluster.admin().hget(list, "rev")) && cluster.admin().hexists(list, "t:2"));
            Await.until(Duration.ofSeconds(15), "the room and its messages written back",
                    () -> cluster.admin().zcard(history) == 2);
            assertThat(cluster.admin().zrange(history, -1, -1).get(0)).contains("\"clientId\":\"c3\"");
            assertThat(cluster.admin().get("tandem:room:{" + room + "}:seq")).isEqualTo("2");
            assertThat(cluster.admin().get("tandem:relay:seq")).isEqualTo(Long.toString(relaySeq));
            assertThat(cluster.admin().smembers("tandem:room:{" + room + "}:members")).containsExactly(user);
            assertThat(cluster.admin().zscore("tandem:rooms", room)).isNotNull();

            assertThat(window.ask(new ClientMessage.ChatSend("c3", room, "third"), ChatMessage.class).id())
                    .as("a resend is still answered with the original").isEqualTo(2);
            assertThat(window.ask(new ClientMessage.ChatSend("c4", room, "fourth"), ChatMessage.class).id())
                    .as("still a member; ids go on").isEqualTo(3);
            assertThat(add(window, "b3", "three").revision()).isEqualTo(3);
        }
    }

    /** The same loss noticed by the next window instead: the list still in memory is newer, so it wins. */
    @Test
    void aListStillInMemoryWinsOverARedisThatLostItsLastWrites() {
        String user = newUser("later");
        String list = "tandem:todos:{" + user + "}";
        try (TestClient window = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            add(window, "l1", "one");
            add(window, "l2", "two");
        }
        cluster.admin().hdel(list, "t:2");
        cluster.admin().hset(list, "rev", "1");
        try (TestClient next = TestClient.connect(cluster.port(1), user)) {
            next.send(new ClientMessage.SignIn(dev.tandem.model.Protocol.VERSION, user, PASSWORD));
            ServerMessage.Welcome welcome = next.next(ServerMessage.Welcome.class);
            assertThat(welcome.todos().items()).extracting(Todo::title).containsExactly("one", "two");
            assertThat(welcome.todos().revision()).isEqualTo(2);
            assertThat(cluster.admin().hget(list, "rev")).isEqualTo("2");
            assertThat(cluster.admin().hexists(list, "t:2")).isTrue();
        }
    }

    /**
     * A Redis restarted without its data (no persistence here, on purpose): the owner's memory is the only copy
     * of the list left, so it is written back; chat ids restart above every id a client has seen.
     */
    @Test
    void aRedisThatComesBackEmptyGetsTheListsBackFromTheirOwnerAndChatIdsNeverRepeat() throws Exception {
        Path dir = Files.createTempDirectory("tandem-empty-");
        RunningRedis redis = RedisRunner.startLocal(0, dir);
        int port = redis.port();
        TandemServer server = TandemServer.start(ServerConfig.forTests(redis.url(), "e1"));
        String user = newUser("empty");
        try (TestClient window = TestClient.signIn(server.port(), user, PASSWORD)) {
            add(window, "e1", "survives in memory");
            window.send(new ClientMessage.ChatSend("c1", "before"));
            long seenId = window.await(ChatMessage.class, m -> "c1".equals(m.clientId())).id();

            redis.close();
            Http.awaitGet(server.port(), "/health", Duration.ofSeconds(10), r -> r.statusCode() == 503);
            redis = RedisRunner.startLocal(port, dir);
            Http.awaitGet(server.port(), "/health", Duration.ofSeconds(30), r -> r.statusCode() == 200);

            RunningRedis restarted = redis;
            Await.until(Duration.ofSeconds(15), "the list written back to Redis", () -> {
                try (var client = io.lettuce.core.RedisClient.create(restarted.url()).connect()) {
                    return client.sync().hexists("tandem:todos:{" + user + "}", "t:1");
                }
            });
            assertThat(add(window, "e2", "after").revision()).isEqualTo(2);
            window.send(new ClientMessage.ChatSend("c2", "after"));
            assertThat(window.await(ChatMessage.class, m -> "c2".equals(m.clientId())).id()).isGreaterThan(seenId);
        } finally {
            server.stop();
            redis.close();
            TandemCluster.deleteTree(dir);
        }
    }

    /**
     * A first handshake that gets no answer within the command timeout (a cold JVM on a busy machine, or a
     * Redis busy for a moment) is tried again instead of failing the server's start.
     */
    @Test
    void aServerStartsWhenItsFirstRedisHandshakeGetsNoAnswer() throws Exception {
        try (MuteFirstConnection mute = MuteFirstConnection.to(cluster.redis().port());
             RedisLink link = new RedisLink("redis://127.0.0.1:" + mute.port(), "patient")) {
            assertThat(link.commands().sync().ping()).isEqualTo("PONG");
            assertThat(mute.accepted()).as("the mute connection, then the commands and the subscription").isEqualTo(3);
        }
    }
}
