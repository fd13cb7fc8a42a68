package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TestClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every kind of bad input gets, and that the server keeps serving everyone else meanwhile. */
@Timeout(60)
class BadInputIT {
    private static final String PASSWORD = "correct horse battery";
    private static RunningRedis redis;
    private static TandemServer server;

    @BeforeAll
    static void start() {
        redis = RedisRunner.start();
        server = TandemServer.start(ServerConfig.forTests(redis.url(), "bad"));
    }

    @AfterAll
    static void stop() {
        server.stop();
        redis.close();
    }

    private static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void eachBadFrameGetsItsErrorAndTheConnectionStaysUsable() {
        String user = newUser();
        try (TestClient client = TestClient.signIn(server.port(), user, PASSWORD)) {
            client.sendRaw("this is not json");
            client.nextError("bad_json");
            client.sendRaw("{\"type\":\"chat.explode\",\"clientId\":\"c1\"}");
            assertThat(client.nextError("unknown_type").ref()).isEqualTo("c1");
            client.sendRaw("{\"type\":\"chat.send\",\"clientId\":\"c2\",\"text\":\"" + "x".repeat(Limits.MAX_FRAME_BYTES) + "\"}");
            client.nextError("too_large");
            client.send(new ClientMessage.ChatSend("c3", "y".repeat(Limits.MAX_CHAT_TEXT + 1)));
            assertThat(client.nextError("invalid").ref()).isEqualTo("c3");
            client.send(new ClientMessage.TodoAdd("c4", "   "));
            assertThat(client.nextError("invalid").message()).contains("title");
            client.send(new ClientMessage.TodoRename("c5", "999", "nope"));
            assertThat(client.nextError("not_found").ref()).isEqualTo("c5");
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.nextError("bad_json").message()).contains("binary");
            client.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD));
            client.nextError("already_authenticated");
            client.sendRaw("{\"type\":\"sign_in\",\"protocol\":99,\"user\":\"" + user + "\",\"password\":\"whatever1\"}");
            client.nextError("unsupported_version");

            client.send(new ClientMessage.ChatSend("ok", "still here"));
            assertThat(client.await(ChatMessage.class, m -> "ok".equals(m.clientId())).text()).isEqualTo("still here");
        }
    }

    /** Each new room message malformed: {@code invalid} with its ref (where it has a client id), nothing carried out. */
    @Test
    void eachMalformedRoomRequestGetsInvalid() {
        String user = newUser();
        try (TestClient client = TestClient.signIn(server.port(), user, PASSWORD)) {
            String[][] refused = {
                    {"{\"type\":\"chat.send\",\"clientId\":\"b1\",\"room\":\"Not A Room\",\"text\":\"hi\"}", "b1"},
                    {"{\"type\":\"chat.edit\",\"clientId\":\"b2\",\"id\":1,\"text\":\"no room\"}", "b2"},
                    {"{\"type\":\"chat.edit\",\"clientId\":\"b3\",\"room\":\"general\",\"id\":0,\"text\":\"id 0\"}", "b3"},
                    {"{\"type\":\"chat.edit\",\"clientId\":\"b4\",\"room\":\"general\",\"id\":1,\"text\":\"  \"}", "b4"},
                    {"{\"type\":\"chat.delete\",\"clientId\":\"b5\",\"room\":\"general\",\"id\":9007199254740992}", "b5"},
                    {"{\"type\":\"chat.history\",\"clientId\":\"b6\",\"room\":\"general\",\"limit\":101}", "b6"},
                    {"{\"type\":\"room.create\",\"clientId\":\"b7\",\"room\":\"dm:ann:bob\"}", "b7"},
                    {"{\"type\":\"room.join\",\"clientId\":\"b8\",\"room\":\"\"}", "b8"},
                    {"{\"type\":\"room.list\",\"clientId\":\"b9\",\"after\":\"Bad\"}", "b9"}};
            for (String[] frame : refused) {
                client.sendRaw(frame[0]);
                assertThat(client.nextError("invalid").ref()).as(frame[0]).isEqualTo(frame[1]);
            }
            client.send(new ClientMessage.ChatSend("ok", "still here"));
            assertThat(client.await(ChatMessage.class, m -> "ok".equals(m.clientId())).text()).isEqualTo("still here");
        }
        try (TestClient client = TestClient.signIn(server.port(), newUser(), PASSWORD)) {
            String[][] refused = {
                    {"{\"type\":\"dm.open\",\"clientId\":\"c1\",\"user\":\"Bad User\"}", "c1"},
                    {"{\"type\":\"room.leave\",\"room\":\"general\"}", null},
                    {"{\"type\":\"room.members\",\"clientId\":\"c3\",\"room\":\"dm:bob:ann\"}", "c3"},
                    {"{\"type\":\"room.read\",\"room\":\"general\"}", null},
                    {"{\"type\":\"room.read\",\"room\":\"general\",\"id\":-5}", null},
                    {"{\"type\":\"typing\"}", null},
                    {"{\"type\":\"typing\",\"room\":\"dm:ann\"}", null}};
            for (String[] frame : refused) {
                client.sendRaw(frame[0]);
                assertThat(client.nextError("invalid").ref()).as(frame[0]).isEqualTo(frame[1]);
            }
            client.send(new ClientMessage.RoomList("ok", null));
            assertThat(client.next(ServerMessage.RoomDirectory.class).clientId()).isEqualTo("ok");
        }
        try (TestClient client = TestClient.connect(server.port(), user)) {
            client.sendRaw("{\"type\":\"sign_in\",\"protocol\":1,\"user\":\"" + user
                    + "\",\"password\":\"" + PASSWORD + "\",\"room\":\"no such kind of name!\"}");
            client.nextError("invalid");
            client.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD, null, "design"));
            assertThat(client.next(ServerMessage.Welcome.class).room()).as("a room not joined: general").isEqualTo("general");
        }
    }

    @Test
    void nothingIsAcceptedBeforeSignIn() {
        try (TestClient client = TestClient.connect(server.port(), newUser())) {
            client.send(new ClientMessage.TodoAdd("t1", "early"));
            assertThat(client.nextError("not_authenticated").ref()).isEqualTo("t1");
            client.send(new ClientMessage.Ping("p"));
            client.nextError("not_authenticated");
        }
    }

    @Test
    void aConnectionThatNeverSignsInIsClosed() {
        // A server of its own with a short deadline: on the shared one, a busy machine could miss it in other tests.
        TandemServer strict = TandemServer.start(ServerConfig.forTests(redis.url(), "deadline")
                .withSignInTimeout(Duration.ofMillis(500)));
        try (TestClient client = TestClient.connect(strict.port(), newUser())) {
            assertThat(client.awaitClose()).isEqualTo(4001);
        } finally {
            strict.stop();
        }
    }

    /**
     * The sign-in deadline is for clients that never send a sign-in, not for one whose password is still
     * being checked: with a hash that takes longer than the deadline, the client signs in, not 4001.
     */
    @Test
    void aSignInStillBeingCheckedAtTheDeadlineIsNotCutOff() {
        TandemServer slowHash = TandemServer.start(ServerConfig.forTests(redis.url(), "slow-hash")
                .withSignInTimeout(Duration.ofMillis(200)).withPbkdf2Iterations(3_000_000));
        String user = newUser();
        try (TestClient client = TestClient.connect(slowHash.port(), user)) {
            long started = System.nanoTime();
            client.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD));
            ServerMessage.Welcome welcome = client.next(ServerMessage.Welcome.class);
            assertThat(welcome.user()).isEqualTo(user);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the check outlasted the deadline, so the deadline was really tested")
                    .isGreaterThan(Duration.ofMillis(200));
        } finally {
            slowHash.stop();
        }
    }

    @Test
    void repeatedViolationsCloseTheConnectionWithPolicyViolation() {
        try (TestClient client = TestClient.signIn(server.port(), newUser(), PASSWORD)) {
            for (int i = 0; i < Limits.MAX_VIOLATIONS; i++) {
                client.sendRaw("{broken");
            }
            for (int i = 0; i < Limits.MAX_VIOLATIONS; i++) {
                client.nextError("bad_json");
            }
            assertThat(client.awaitClose()).isEqualTo(1008);
        }
        assertThat(Http.get(server.port(), "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aFloodIsRateLimitedWhileOthersAreServed() {
        try (TestClient flooder = TestClient.signIn(server.port(), newUser(), PASSWORD);
             TestClient bystander = TestClient.signIn(server.port(), newUser(), PASSWORD)) {
            int sent = Limits.DEFAULT_MESSAGE_BURST * 3;
            for (int i = 0; i < sent; i++) {
                flooder.send(new ClientMessage.Ping("f" + i));
            }
            int pongs = 0;
            int limited = 0;
            for (int i = 0; i < sent; i++) {
                ServerMessage message = flooder.next();
                if (message instanceof ServerMessage.Pong) {
                    pongs++;
                } else if (message instanceof ServerMessage.Error error && error.code().equals("rate_limited")) {
                    limited++;
                }
            }
            assertThat(limited).isPositive();
            // The bucket starts full at connect and the sign_in frame took a token, which a refill gives back
            // only after 1/rate s: a flood right after the welcome gets the burst less that one.
            assertThat(pongs).isGreaterThanOrEqualTo(Limits.DEFAULT_MESSAGE_BURST - 1).isLessThan(sent);
            assertThat(flooder.isClosed()).isFalse();

            bystander.send(new ClientMessage.ChatSend("b1", "unaffected"));
            bystander.await(ChatMessage.class, m -> "b1".equals(m.clientId()));
        }
    }

    @Test
    void unknownHttpPathsGet404() {
        assertThat(Http.get(server.port(), "/nope").statusCode()).isEqualTo(404);
    }
}
