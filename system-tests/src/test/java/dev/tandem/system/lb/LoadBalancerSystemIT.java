package dev.tandem.system.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.status.StatusReport;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ResumeTokens;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The real proxy in front of two real app servers and a real Redis, spoken to by real protocol clients:
 * affinity by user, spreading, chat across servers, and a server stopping and coming back.
 * Clients sign in with resume tokens minted from the test cluster secret (skips the slow password hash).
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancerSystemIT {
    private static final ResumeTokens TOKENS =
            new ResumeTokens(ServerConfig.TEST_SECRET.getBytes(StandardCharsets.UTF_8));
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2);
    private static LoadBalancer lb;

    @BeforeAll
    static void start() throws Exception {
        LbConfig config = LbConfig.defaults(List.of(
                        new BackendSpec("s1", "127.0.0.1", cluster.port(1)),
                        new BackendSpec("s2", "127.0.0.1", cluster.port(2))))
                .withListen("127.0.0.1", 0)
                .withHealth(Duration.ofMillis(200), Duration.ofSeconds(2), 2, 2)
                .withDrainTimeout(Duration.ofSeconds(2));
        lb = LoadBalancer.start(config);
    }

    @AfterAll
    static void stop() {
        if (lb != null) {
            lb.stop();
        }
    }

    /** A signed-in client connected through the proxy, and the welcome it got. */
    private record Session(TestClient client, ServerMessage.Welcome welcome) implements AutoCloseable {
        String serverId() {
            return welcome.serverId();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static Session signIn(String user) {
        TestClient client = TestClient.connect(lb.port(), user);
        client.send(new ClientMessage.Resume(Protocol.VERSION, TOKENS.mint(user, Instant.now(), Duration.ofHours(1))));
        return new Session(client, client.next(ServerMessage.Welcome.class));
    }

    private static String serverOf(String user) {
        try (Session s = signIn(user)) {
            return s.serverId();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            try {
                Thread.sleep(20); // poll interval of this bounded wait loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean healthy(String id) {
        for (StatusReport.BackendStatus b : lb.status().backends()) {
            if (b.id().equals(id)) {
                return b.healthy();
            }
        }
        throw new AssertionError("no backend " + id);
    }

    @Test
    @Order(1)
    void everyConnectionOfAUserLandsOnTheSameServer() {
        for (String user : List.of("ann", "ben", "cleo", "dev", "eve")) {
            List<Session> open = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    open.add(signIn(user)); // eight windows of one user, all open at once
                }
                Set<String> servers = new HashSet<>();
                open.forEach(s -> servers.add(s.serverId()));
                assertThat(servers).as("servers seen by " + user).hasSize(1);
            } finally {
                open.forEach(Session::close);
            }
        }
    }

    @Test
    @Order(2)
    void twentyUsersSpreadOverBothServers() {
        Map<String, Integer> perServer = new HashMap<>();
        for (int i = 1; i <= 20; i++) {
            perServer.merge(serverOf(String.format("spread%02d", i)), 1, Integer::sum);
        }
        assertThat(perServer).containsOnlyKeys("s1", "s2");
    }

    @Test
    @Order(3)
    void chatCrossesBetweenUsersOnDifferentServers() {
        String onS1 = null;
        String onS2 = null;
        for (int i = 0; onS1 == null || onS2 == null; i++) {
            String user = "chat" + i;
            if (serverOf(user).equals("s1")) {
                onS1 = onS1 == null ? user : onS1;
            } else {
                onS2 = onS2 == null ? user : onS2;
            }
        }
        try (Session a = signIn(onS1); Session b = signIn(onS2)) {
            assertThat(a.serverId()).isEqualTo("s1");
            assertThat(b.serverId()).isEqualTo("s2");
            a.client().send(new ClientMessage.ChatSend("lb-1", "hello from s1"));
            ChatMessage atB = b.client().await(ChatMessage.class, m -> "lb-1".equals(m.clientId()));
            assertThat(atB.author()).isEqualTo(onS1);
            assertThat(atB.serverId()).isEqualTo("s1");
            assertThat(atB.text()).isEqualTo("hello from s1");

            b.client().send(new ClientMessage.ChatSend("lb-2", "and back from s2"));
            ChatMessage atA = a.client().await(ChatMessage.class, m -> "lb-2".equals(m.clientId()));
            assertThat(atA.author()).isEqualTo(onS2);
            assertThat(atA.serverId()).isEqualTo("s2");
        }
    }

    @Test
    @Order(4)
    void stoppingAServerMovesItsUsersAndItReturnsWhenRestarted() {
        String user = null;
        for (int i = 0; user == null; i++) {
            if (serverOf("mover" + i).equals("s1")) {
                user = "mover" + i;
            }
        }
        Session before = signIn(user);
        assertThat(before.serverId()).isEqualTo("s1");

        cluster.stop(1);

        // The server says goodbye (1001 going away); the proxy sees s1 fail its checks within seconds.
        assertThat(before.client().awaitClose()).isEqualTo(1001);
        await("s1 marked down", () -> !healthy("s1"));
        try (Session moved = signIn(user)) {
            assertThat(moved.serverId()).isEqualTo("s2");
        }

        cluster.restart(1);
        await("s1 healthy again", () -> healthy("s1"));
        try (Session back = signIn(user)) {
            assertThat(back.serverId()).isEqualTo("s1");
        }
    }
}
