package dev.tandem.system.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ResumeTokens;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.support.Await;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import dev.tandem.system.frontdoor.FrontDoor;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A front door (Tandem's proxy, or HAProxy with the shipped config: see the subclasses) in front of two real
 * app servers and a real Redis, spoken to by real protocol clients: affinity by user, spreading, chat across
 * servers, and a server stopping and coming back.
 * Clients sign in with resume tokens minted from the test cluster secret (skips the slow password hash).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class LoadBalancerChecks {
    private static final ResumeTokens TOKENS =
            new ResumeTokens(ServerConfig.TEST_SECRET.getBytes(StandardCharsets.UTF_8));
    private final TandemCluster cluster;
    private final FrontDoor door;

    LoadBalancerChecks(TandemCluster cluster, FrontDoor door) {
        this.cluster = cluster;
        this.door = door;
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

    private Session signIn(String user) {
        TestClient client = TestClient.connect(door.port(), user);
        client.send(new ClientMessage.Resume(Protocol.VERSION, TOKENS.mint(user, Instant.now(), Duration.ofHours(1))));
        return new Session(client, client.next(ServerMessage.Welcome.class));
    }

    private String serverOf(String user) {
        try (Session s = signIn(user)) {
            return s.serverId();
        }
    }

    private void await(String what, BooleanSupplier condition) {
        // HAProxy's shipped checks (every 2 s, down after 2) take longer than the test proxy's.
        Await.until(door.takesOutWithin().multipliedBy(3).plusSeconds(10), door.name() + ": " + what, condition);
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
        await("s1 marked down", () -> !door.healthy("s1"));
        try (Session moved = signIn(user)) {
            assertThat(moved.serverId()).isEqualTo("s2");
        }

        cluster.restart(1);
        await("s1 healthy again", () -> door.healthy("s1"));
        try (Session back = signIn(user)) {
            assertThat(back.serverId()).isEqualTo("s1");
        }
    }
}
