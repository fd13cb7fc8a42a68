package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.Protocol;
import dev.tandem.model.ResumeTokens;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.ServerMessage.TodoChanged;
import dev.tandem.model.ServerMessage.TodoOp;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.chat.ChatPublisher;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two real app servers on random ports sharing one real Redis: chat relay, history, todos, sign-in. */
@Timeout(60)
class ClusterIT {
    private static final String PASSWORD = "correct horse battery";
    private static RunningRedis redis;
    private static TandemServer s1;
    private static TandemServer s2;

    @BeforeAll
    static void startCluster() {
        redis = RedisRunner.start();
        s1 = TandemServer.start(ServerConfig.forTests(redis.url(), "s1"));
        s2 = TandemServer.start(ServerConfig.forTests(redis.url(), "s2"));
    }

    @AfterAll
    static void stopCluster() {
        s1.stop();
        s2.stop();
        redis.close();
    }

    /** A user name no other test uses, so tests share servers without sharing accounts or lists. */
    private static String newUser(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void chatReachesClientsOnBothServersExactlyOnceAndInOrder() throws Exception {
        try (TestClient alice = TestClient.signIn(s1.port(), newUser("alice"), PASSWORD);
             TestClient bob = TestClient.signIn(s2.port(), newUser("bob"), PASSWORD);
             TestClient carol = TestClient.signIn(s1.port(), newUser("carol"), PASSWORD)) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                String clientId = "m" + i;
                sent.add(clientId);
                alice.send(new ClientMessage.ChatSend(clientId, "message " + i));
            }
            for (TestClient client : List.of(alice, bob, carol)) {
                List<ChatMessage> got = new ArrayList<>();
                while (got.size() < sent.size()) {
                    ServerMessage message = client.next();
                    if (message instanceof ChatMessage chat && sent.contains(chat.clientId())) {
                        got.add(chat);
                    }
                }
                assertThat(got).extracting(ChatMessage::clientId).containsExactlyElementsOf(sent);
                assertThat(got).extracting(ChatMessage::text).first().isEqualTo("message 0");
                for (int i = 1; i < got.size(); i++) {
                    assertThat(got.get(i).id()).isEqualTo(got.get(i - 1).id() + 1);
                }
                assertThat(got).allSatisfy(chat -> {
                    assertThat(chat.serverId()).isEqualTo("s1");
                    assertThat(chat.sentAt()).isBeforeOrEqualTo(Instant.now());
                });
            }
            // Then nothing more of them: a marker after the last, and no repeat before it.
            carol.send(new ClientMessage.ChatSend("end", "end of the stream"));
            for (TestClient client : List.of(alice, bob, carol)) {
                ServerMessage next;
                do {
                    next = client.next();
                    assertThat(next instanceof ChatMessage chat && sent.contains(chat.clientId()))
                            .as("no duplicate after the last message: %s", next).isFalse();
                } while (!(next instanceof ChatMessage chat && "end".equals(chat.clientId())));
            }
        }
    }

    @Test
    void aNewClientReceivesRecentHistory() {
        String author = newUser("hist");
        try (TestClient writer = TestClient.signIn(s2.port(), author, PASSWORD)) {
            writer.send(new ClientMessage.ChatSend("h1", "remember me"));
            writer.await(ChatMessage.class, m -> "h1".equals(m.clientId()));
        }
        String late = newUser("late");
        try (TestClient reader = TestClient.connect(s1.port(), late)) {
            reader.send(new ClientMessage.SignIn(Protocol.VERSION, late, PASSWORD));
            ServerMessage.Welcome welcome = reader.next(ServerMessage.Welcome.class);
            assertThat(welcome.history()).isNotEmpty();
            assertThat(welcome.history()).last().satisfies(m -> {
                assertThat(m.text()).isEqualTo("remember me");
                assertThat(m.author()).isEqualTo(author);
            });
            assertThat(welcome.registered()).isTrue();
            assertThat(welcome.serverId()).isEqualTo("s1");
            assertThat(welcome.protocol()).isEqualTo(Protocol.VERSION);
        }
    }

    /**
     * Sign-ins land while chat streams in as fast as Redis takes it: each client's history and the live
     * messages after it must join without a gap or a repeat, on both servers.
     */
    @Test
    void clientsSigningInWhileChatStreamsGetHistoryThenLiveWithoutGapOrRepeat() throws Exception {
        int total = 400;
        List<Long> published = new ArrayList<>();
        RedisClient publisherRedis = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = publisherRedis.connect()) {
            ChatPublisher publisher = new ChatPublisher(connection, "test", Clock.systemUTC());
            List<TestClient> joiners = new ArrayList<>();
            List<ServerMessage.Welcome> welcomes = new ArrayList<>();
            try {
                for (int i = 0; i < total; i++) {
                    published.add(publisher.publish("streamer", "127.0.0.1", dev.tandem.model.RoomNames.GENERAL, "stream " + i, "s" + i, null).toCompletableFuture().join().id());
                    if (i % 80 == 40) {
                        // Not waiting for the welcome: the sign-in races the stream.
                        String user = newUser("joiner");
                        TestClient joiner = TestClient.connect((i / 80) % 2 == 0 ? s1.port() : s2.port(), user);
                        joiner.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD));
                        joiners.add(joiner);
                    }
                }
                long last = published.get(published.size() - 1);
                for (TestClient joiner : joiners) {
                    ServerMessage.Welcome welcome = joiner.next(ServerMessage.Welcome.class);
                    welcomes.add(welcome);
                    List<Long> seen = new ArrayList<>();
                    welcome.history().forEach(m -> seen.add(m.id()));
                    while (seen.isEmpty() || seen.get(seen.size() - 1) != last) {
                        if (joiner.next() instanceof ChatMessage chat) {
                            seen.add(chat.id());
                        }
                    }
                    for (int i = 1; i < seen.size(); i++) {
                        assertThat(seen.get(i)).as("id after %s", seen.get(i - 1)).isEqualTo(seen.get(i - 1) + 1);
                    }
                    assertThat(joiner.poll(200)).as("nothing after the last message").isNull();
                }
                assertThat(welcomes).allSatisfy(w -> assertThat(w.history()).hasSizeLessThanOrEqualTo(Limits.HISTORY_ON_SIGN_IN));
            } finally {
                joiners.forEach(TestClient::close);
            }
        } finally {
            publisherRedis.shutdown();
        }
    }

    @Test
    void twoWindowsOfOneUserShareTheirListAndOtherUsersAreIsolated() {
        String user = newUser("dana");
        String other = newUser("eve");
        try (TestClient window1 = TestClient.signIn(s1.port(), user, PASSWORD);
             TestClient window2 = TestClient.signIn(s1.port(), user, PASSWORD);
             TestClient stranger = TestClient.signIn(s1.port(), other, PASSWORD)) {
            window1.send(new ClientMessage.TodoAdd("a1", "  buy milk  "));
            TodoChanged added = window1.await(TodoChanged.class, c -> "a1".equals(c.clientId()));
            assertThat(added.op()).isEqualTo(TodoOp.added);
            assertThat(added.upserted()).singleElement().satisfies(t -> {
                assertThat(t.title()).isEqualTo("buy milk");
                assertThat(t.completed()).isFalse();
            });
            assertThat(window2.await(TodoChanged.class, c -> "a1".equals(c.clientId()))).isEqualTo(added);
            String id = added.upserted().get(0).id();

            window2.send(new ClientMessage.TodoSetCompleted("a2", id, true));
            TodoChanged completed = window1.await(TodoChanged.class, c -> "a2".equals(c.clientId()));
            assertThat(completed.revision()).isEqualTo(added.revision() + 1);
            assertThat(completed.upserted().get(0).completed()).isTrue();

            window1.send(new ClientMessage.TodoRename("a3", id, "buy oat milk"));
            assertThat(window2.await(TodoChanged.class, c -> "a3".equals(c.clientId())).upserted().get(0).title())
                    .isEqualTo("buy oat milk");

            // The stranger's list is empty and its ids do not reach the other user's todos.
            stranger.send(new ClientMessage.TodoSync("s1"));
            assertThat(stranger.next(ServerMessage.TodoSnapshot.class).todos().items()).isEmpty();
            stranger.send(new ClientMessage.TodoDelete("s2", id));
            assertThat(stranger.nextError("not_found").ref()).isEqualTo("s2");
            window1.send(new ClientMessage.TodoSync("a4"));
            assertThat(window1.await(ServerMessage.TodoSnapshot.class, s -> "a4".equals(s.clientId())).todos().items())
                    .singleElement().satisfies(t -> assertThat(t.title()).isEqualTo("buy oat milk"));

            window1.send(new ClientMessage.TodoAdd("a5", "second"));
            window1.send(new ClientMessage.TodoToggleAll("a6", true));
            TodoChanged toggled = window2.await(TodoChanged.class, c -> "a6".equals(c.clientId()));
            assertThat(toggled.op()).isEqualTo(TodoOp.toggled_all);
            assertThat(toggled.upserted()).singleElement().satisfies(t -> assertThat(t.title()).isEqualTo("second"));
            window2.send(new ClientMessage.TodoClearCompleted("a7"));
            TodoChanged cleared = window1.await(TodoChanged.class, c -> "a7".equals(c.clientId()));
            assertThat(cleared.removed()).hasSize(2);
            assertThat(cleared.revision()).isEqualTo(added.revision() + 5);

            // A new window of the same user gets the list in its welcome.
            try (TestClient window3 = TestClient.connect(s1.port(), user)) {
                window3.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD));
                ServerMessage.Welcome welcome = window3.next(ServerMessage.Welcome.class);
                assertThat(welcome.todos().revision()).isEqualTo(cleared.revision());
                assertThat(welcome.todos().items()).isEmpty();
                assertThat(welcome.registered()).isFalse();
            }
        }
    }

    @Test
    void wrongPasswordIsRefusedAndTheConnectionMayRetry() {
        String user = newUser("frank");
        TestClient.signIn(s1.port(), user, PASSWORD).close();
        try (TestClient client = TestClient.connect(s2.port(), user)) {
            client.send(new ClientMessage.SignIn(Protocol.VERSION, user, "not the password"));
            assertThat(client.nextError("wrong_password").message()).contains(user);
            client.send(new ClientMessage.ChatSend("x", "sneaky"));
            client.nextError("not_authenticated");
            client.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD));
            assertThat(client.next(ServerMessage.Welcome.class).user()).isEqualTo(user);
        }
    }

    @Test
    void aResumeTokenFromOneServerSignsInOnTheOther() {
        String user = newUser("gina");
        String token;
        try (TestClient first = TestClient.connect(s1.port(), user)) {
            first.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD));
            token = first.next(ServerMessage.Welcome.class).resumeToken();
        }
        try (TestClient second = TestClient.connect(s2.port(), user)) {
            second.send(new ClientMessage.Resume(Protocol.VERSION, token));
            ServerMessage.Welcome welcome = second.next(ServerMessage.Welcome.class);
            assertThat(welcome.user()).isEqualTo(user);
            assertThat(welcome.serverId()).isEqualTo("s2");
        }
        ResumeTokens forged = new ResumeTokens("some other cluster's secret!!".getBytes(StandardCharsets.UTF_8));
        try (TestClient third = TestClient.connect(s2.port(), user)) {
            third.send(new ClientMessage.Resume(Protocol.VERSION, forged.mint(user, Instant.now(), Duration.ofHours(1))));
            third.nextError("bad_token");
            assertThat(third.awaitClose()).isEqualTo(4003);
        }
    }

    @Test
    void theUserInTheUrlMustBeTheUserSigningIn() {
        try (TestClient client = TestClient.connect(s1.port(), newUser("url"))) {
            client.send(new ClientMessage.SignIn(Protocol.VERSION, newUser("other"), PASSWORD));
            client.nextError("user_mismatch");
            assertThat(client.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void healthReportsServerIdAndRedis() {
        var response = Http.get(s2.port(), "/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"serverId\":\"s2\"", "\"redis\":\"up\"", "\"chatSubscription\":\"live\"");
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    }
}
