package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TestClient;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Redis faults, slow clients and shutdown: each with its own Redis and server, as each test breaks them. */
@Timeout(90)
class ResilienceIT {
    private static final String PASSWORD = "correct horse battery";

    private static String newUser() {
        return "r-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void afterRedisConnectionsAreKilledDeliveryResumesAndHealthRecovers() {
        try (RunningRedis redis = RedisRunner.start()) {
            TandemServer server = TandemServer.start(ServerConfig.forTests(redis.url(), "k1"));
            RedisClient admin = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> connection = admin.connect();
                 TestClient alice = TestClient.signIn(server.port(), newUser(), PASSWORD)) {
                alice.send(new ClientMessage.ChatSend("before", "before the fault"));
                alice.await(ChatMessage.class, m -> "before".equals(m.clientId()));

                long killed = connection.sync().clientKill(KillArgs.Builder.typePubsub())
                        + connection.sync().clientKill(KillArgs.Builder.typeNormal().skipme());
                assertThat(killed).isGreaterThanOrEqualTo(2);

                Http.awaitGet(server.port(), "/health", Duration.ofSeconds(15), r -> r.statusCode() == 200);
                // Delivery works again: a send may fail while the link is still coming back; it then says so.
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                boolean delivered = false;
                for (int attempt = 0; !delivered && System.nanoTime() < deadline; attempt++) {
                    String id = "after" + attempt;
                    alice.send(new ClientMessage.ChatSend(id, "after the fault"));
                    var reply = alice.await(dev.tandem.model.ServerMessage.class, m ->
                            (m instanceof ChatMessage c && id.equals(c.clientId()))
                                    || (m instanceof dev.tandem.model.ServerMessage.Error e && id.equals(e.ref())));
                    delivered = reply instanceof ChatMessage;
                    if (!delivered) {
                        assertThat(((dev.tandem.model.ServerMessage.Error) reply).code()).isEqualTo("unavailable");
                    }
                }
                assertThat(delivered).isTrue();
            } finally {
                admin.shutdown();
                server.stop();
            }
        }
    }

    @Test
    void whileRedisIsDownHealthIsRedAndChatSendsGetAClearError() throws Exception {
        Path dir = Files.createTempDirectory("tandem-outage-");
        RunningRedis redis = RedisRunner.startLocal(0, dir);
        int port = redis.port();
        TandemServer server = TandemServer.start(ServerConfig.forTests(redis.url(), "o1"));
        try (TestClient alice = TestClient.signIn(server.port(), newUser(), PASSWORD)) {
            redis.close();
            Http.awaitGet(server.port(), "/health", Duration.ofSeconds(10), r -> r.statusCode() == 503);
            alice.send(new ClientMessage.ChatSend("lost?", "during the outage"));
            assertThat(alice.nextError("unavailable").ref()).isEqualTo("lost?");

            redis = RedisRunner.startLocal(port, dir);
            Http.awaitGet(server.port(), "/health", Duration.ofSeconds(30), r -> r.statusCode() == 200);
            alice.send(new ClientMessage.ChatSend("back", "after the outage"));
            assertThat(alice.await(ChatMessage.class, m -> "back".equals(m.clientId())).text()).isEqualTo("after the outage");
        } finally {
            server.stop();
            redis.close();
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aClientThatDoesNotReadIsDroppedWithoutHoldingUpOthers() {
        try (RunningRedis redis = RedisRunner.start()) {
            TandemServer server = TandemServer.start(ServerConfig.forTests(redis.url(), "slow")
                    .withRateLimit(100_000, 100_000).withMaxPendingBytes(64 * 1024));
            String slowUser = newUser();
            try (TestClient slow = TestClient.connectWithoutReading(server.port(), slowUser);
                 TestClient sender = TestClient.signIn(server.port(), newUser(), PASSWORD)) {
                slow.send(new ClientMessage.SignIn(dev.tandem.model.Protocol.VERSION, slowUser, PASSWORD));
                Http.awaitGet(server.port(), "/health", Duration.ofSeconds(10), r -> r.body().contains("\"signedIn\":2"));
                // The slow client never reads: its frames pile up until the server drops it. The JDK client
                // only notices when it reads again, so the server's count of signed-in clients tells.
                String text = "z".repeat(1500);
                int sent = 0;
                boolean dropped = false;
                while (!dropped && sent < 5_000) {
                    for (int i = 0; i < 100; i++, sent++) {
                        sender.send(new ClientMessage.ChatSend("s" + sent, text));
                    }
                    String last = "s" + (sent - 1);
                    sender.await(ChatMessage.class, m -> last.equals(m.clientId()));
                    dropped = Http.get(server.port(), "/health").body().contains("\"signedIn\":1,");
                }
                assertThat(dropped).as("the slow client was dropped").isTrue();
                sender.send(new ClientMessage.ChatSend("after", "others still served"));
                sender.await(ChatMessage.class, m -> "after".equals(m.clientId()));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void stoppingTheServerTellsClientsItIsGoingAway() {
        try (RunningRedis redis = RedisRunner.start()) {
            TandemServer server = TandemServer.start(ServerConfig.forTests(redis.url(), "bye"));
            try (TestClient client = TestClient.signIn(server.port(), newUser(), PASSWORD)) {
                server.stop();
                assertThat(client.awaitClose()).isEqualTo(1001);
            }
        }
    }
}
