package dev.tandem.server.todo;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.ServerMessage.TodoChanged;
import dev.tandem.model.Todo;
import dev.tandem.server.support.Await;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's list lives in the memory of the server that holds their lease and is written through to Redis
 * before any window hears of a change. Each test counts what was acknowledged against what is there
 * afterwards: 0 lost, 0 twice.
 */
@Timeout(90)
class TodoDurabilityIT {
    private static final String PASSWORD = "correct horse battery";

    /** The race below sends faster than the default rate limit allows; rate limits are tested elsewhere. */
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2, config -> config.withRateLimit(1000, 1000));

    private static TodoChanged add(TestClient client, String clientId, String title) {
        client.send(new ClientMessage.TodoAdd(clientId, title));
        return client.await(TodoChanged.class, c -> clientId.equals(c.clientId()));
    }

    private static List<String> titles(ServerMessage.Welcome welcome) {
        return welcome.todos().items().stream().map(Todo::title).toList();
    }

    private static ServerMessage.Welcome signIn(TestClient client, String user) {
        client.send(new ClientMessage.SignIn(dev.tandem.model.Protocol.VERSION, user, PASSWORD));
        return client.next(ServerMessage.Welcome.class);
    }

    @Test
    void anAcknowledgedChangeIsInRedisBeforeTheWindowHearsOfIt() {
        String user = newUser("wt");
        try (TestClient window = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            TodoChanged added = add(window, "a1", "buy milk");
            // The acknowledgement is out, so Redis must hold the change already: read it directly.
            Map<String, String> record = cluster.admin().hgetall(TodoKeys.list(user));
            assertThat(record).containsEntry("rev", Long.toString(added.revision()))
                    .containsEntry("owner", "s1")
                    .containsEntry("t:" + added.upserted().get(0).id(), "{\"id\":\"1\",\"title\":\"buy milk\",\"completed\":false}");
            window.send(new ClientMessage.TodoDelete("d1", added.upserted().get(0).id()));
            window.await(TodoChanged.class, c -> "d1".equals(c.clientId()));
            assertThat(cluster.admin().hgetall(TodoKeys.list(user))).doesNotContainKey("t:1").containsEntry("rev", "2");
        }
    }

    @Test
    void whenItsServerStopsTheListIsCompleteOnTheOtherAndComesBackWithEveryChangeOnHandback() {
        String user = newUser("fo");
        List<String> acknowledged = new ArrayList<>();
        try (TestClient onS1 = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            for (int i = 0; i < 5; i++) {
                add(onS1, "s1-" + i, "from s1 #" + i);
                acknowledged.add("from s1 #" + i);
            }
            cluster.stop(1);
            assertThat(onS1.awaitClose()).isEqualTo(CloseCodes.GOING_AWAY);
        }
        assertThat(cluster.admin().hget(TodoKeys.list(user), "owner")).as("s1 gave its lease up").isEmpty();

        TestClient onS2 = TestClient.connect(cluster.port(2), user);
        try {
            ServerMessage.Welcome failover = signIn(onS2, user);
            assertThat(titles(failover)).containsExactlyElementsOf(acknowledged);
            assertThat(failover.todos().revision()).isEqualTo(5);
            for (int i = 0; i < 3; i++) {
                add(onS2, "s2-" + i, "from s2 #" + i);
                acknowledged.add("from s2 #" + i);
            }

            cluster.restart(1); // Comes back empty-handed; the user's next window lands on it (as the proxy hands back).
            try (TestClient back = TestClient.connect(cluster.port(1), user)) {
                ServerMessage.Welcome handback = signIn(back, user);
                assertThat(titles(handback)).containsExactlyElementsOf(acknowledged);
                assertThat(handback.todos().revision()).isEqualTo(8);
                assertThat(onS2.awaitClose()).as("the window on the old owner moves").isEqualTo(CloseCodes.MOVED);
                TodoChanged next = add(back, "s1-again", "after handback");
                assertThat(next.revision()).isEqualTo(9);
                assertThat(next.upserted().get(0).id()).as("ids never repeat across owners").isEqualTo("9");
            }
        } finally {
            onS2.close();
        }
    }

    @Test
    void aServerThatLostTheLeaseWithoutHearingOfItIsFencedAndChangesNothing() {
        String user = newUser("fence");
        try (TestClient window = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            add(window, "f1", "kept");
            // Another owner took over and its announcement never arrived: only the epoch in Redis says so.
            cluster.admin().hincrby(TodoKeys.list(user), "epoch", 1);
            window.send(new ClientMessage.TodoAdd("f2", "must not land"));
            assertThat(window.awaitClose()).isEqualTo(CloseCodes.MOVED);
            assertThat(cluster.admin().hgetall(TodoKeys.list(user)))
                    .containsEntry("rev", "1").containsKey("t:1").doesNotContainKey("t:2");
        }
    }

    /**
     * One user's windows on two servers at once (as during the proxy's tunnel-close grace), both adding as
     * fast as they can: the lease lets only one server accept at a time, and every acknowledged add is in the
     * final list exactly once, with nothing there that nobody acknowledged.
     */
    @Test
    void twoServersNeverBothAcceptChangesForOneUser() throws Exception {
        String user = newUser("race");
        int perWindow = 60;
        TestClient onS1 = TestClient.signIn(cluster.port(1), user, PASSWORD);
        TestClient onS2 = TestClient.connect(cluster.port(2), user);
        try {
            List<String> acked = new ArrayList<>();
            Thread s1Sender = new Thread(() -> {
                for (int i = 0; i < perWindow && !onS1.isClosed(); i++) {
                    try {
                        onS1.send(new ClientMessage.TodoAdd("a" + i, "s1 #" + i));
                    } catch (RuntimeException closed) {
                        return;
                    }
                }
            });
            s1Sender.start();
            signIn(onS2, user); // Takes the lease while s1 is busy accepting.
            for (int i = 0; i < perWindow; i++) {
                onS2.send(new ClientMessage.TodoAdd("b" + i, "s2 #" + i));
            }
            s1Sender.join(20_000);
            assertThat(onS1.awaitClose()).isEqualTo(CloseCodes.MOVED);
            acked.addAll(acknowledgedTitles(onS1));
            acked.addAll(acknowledgedTitles(onS2, perWindow));
            assertThat(acked).as("s2's adds are all acknowledged").contains("s2 #0", "s2 #" + (perWindow - 1));

            try (TestClient check = TestClient.connect(cluster.port(2), user)) {
                List<String> present = titles(signIn(check, user));
                assertThat(present).as("0 lost, 0 phantom").containsExactlyInAnyOrderElementsOf(acked);
                assertThat(present).as("0 twice").doesNotHaveDuplicates();
            }
        } finally {
            onS1.close();
            onS2.close();
        }
    }

    /** Every add this (closed) window saw acknowledged: drains what it received. */
    private static List<String> acknowledgedTitles(TestClient closed) throws InterruptedException {
        List<String> titles = new ArrayList<>();
        for (ServerMessage m = closed.poll(200); m != null; m = closed.poll(200)) {
            if (m instanceof TodoChanged c && c.clientId() != null && c.clientId().startsWith("a")) {
                titles.add(c.upserted().get(0).title());
            }
        }
        return titles;
    }

    /** The adds of this window's {@code count} requests, waiting for every answer (ack or error). */
    private static List<String> acknowledgedTitles(TestClient open, int count) {
        List<String> titles = new ArrayList<>();
        int answered = 0;
        while (answered < count) {
            ServerMessage m = open.next();
            if (m instanceof TodoChanged c && c.clientId() != null && c.clientId().startsWith("b")) {
                titles.add(c.upserted().get(0).title());
                answered++;
            } else if (m instanceof ServerMessage.Error e && e.ref() != null && e.ref().startsWith("b")) {
                answered++;
            }
        }
        return titles;
    }

    @Test
    void aTodoRequestResentAfterAReconnectIsAnsweredWithTheListAndNotAppliedTwice() {
        String user = newUser("resend");
        try (TestClient first = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            add(first, "t-once", "only once");
        }
        try (TestClient again = TestClient.signIn(cluster.port(2), user, PASSWORD)) {
            again.send(new ClientMessage.TodoAdd("t-once", "only once"));
            ServerMessage.TodoSnapshot answer = again.await(ServerMessage.TodoSnapshot.class, s -> "t-once".equals(s.clientId()));
            assertThat(answer.todos().items()).extracting(Todo::title).containsExactly("only once");
            assertThat(answer.todos().revision()).isEqualTo(1);
        }
    }

    @Test
    void anIdleListLeavesMemoryAndIsReloadedWhole() {
        String user = newUser("idle");
        // A server of its own with a short idle time: the shared ones keep lists for the default two minutes.
        var config = dev.tandem.server.ServerConfig.forTests(cluster.redis().url(), "s-idle")
                .withTodoIdleEviction(Duration.ofMillis(200));
        dev.tandem.server.TandemServer server = dev.tandem.server.TandemServer.start(config);
        try {
            try (TestClient window = TestClient.signIn(server.port(), user, PASSWORD)) {
                add(window, "i1", "remember me");
                assertThat(server.todoListsInMemory()).isEqualTo(1);
            }
            Await.until(Duration.ofSeconds(10), "evicted after its last window left", () -> server.todoListsInMemory() == 0);
            try (TestClient back = TestClient.connect(server.port(), user)) {
                assertThat(titles(signIn(back, user))).containsExactly("remember me");
            }
        } finally {
            server.stop();
        }
    }
}
