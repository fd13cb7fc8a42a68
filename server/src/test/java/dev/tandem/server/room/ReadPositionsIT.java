package dev.tandem.server.room;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.RoomSummary;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.ServerMessage.ReadPosition;
import dev.tandem.model.ServerMessage.RoomJoined;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read positions and unread counts: kept in Redis per user and room, moved up only, the same in every window
 * of the user, moved by posting, and still there after both servers restart.
 */
@Timeout(90)
class ReadPositionsIT {
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2);

    private static RoomSummary summaryOf(ServerMessage.Welcome welcome, String room) {
        return welcome.rooms().stream().filter(s -> s.room().equals(room)).findFirst().orElseThrow();
    }

    @Test
    void readPositionsAgreeAcrossWindowsAndSurviveARestartOfBothServers() {
        String ann = newUser("ann");
        String ben = newUser("ben");
        String room = "read-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestClient window1 = TestClient.signIn(cluster.port(1), ann, PASSWORD);
             TestClient window2 = TestClient.signIn(cluster.port(1), ann, PASSWORD);
             TestClient poster = TestClient.signIn(cluster.port(2), ben, PASSWORD)) {
            poster.ask(new ClientMessage.RoomCreate("c1", room), RoomJoined.class);
            assertThat(window1.ask(new ClientMessage.RoomJoin("j1", room), RoomJoined.class).summary().readId()).isZero();
            assertThat(window2.await(RoomJoined.class, j -> room.equals(j.summary().room())).clientId())
                    .as("every window of the user hears of the join").isEqualTo("j1");
            for (int i = 1; i <= 5; i++) {
                ChatMessage posted = poster.ask(new ClientMessage.ChatSend("p" + i, room, "unread " + i), ChatMessage.class);
                assertThat(poster.await(ReadPosition.class, r -> room.equals(r.room())))
                        .as("posting moves the poster's read position").isEqualTo(new ReadPosition(room, posted.id(), 0));
            }
            for (TestClient window : List.of(window1, window2)) {
                window.await(ChatMessage.class, m -> "p5".equals(m.clientId()));
            }

            window1.send(new ClientMessage.MarkRead(room, 3));
            for (TestClient window : List.of(window1, window2)) {
                assertThat(window.await(ReadPosition.class, r -> room.equals(r.room()))).isEqualTo(new ReadPosition(room, 3, 2));
            }
            window2.send(new ClientMessage.MarkRead(room, 2)); // Lower: changes nothing.
            window2.send(new ClientMessage.MarkRead(room, 1_000)); // Past the newest: read up to the newest.
            for (TestClient window : List.of(window1, window2)) {
                window.untilMarker(m -> m instanceof ReadPosition r && r.id() == 5, m -> m instanceof ReadPosition);
            }
            window1.send(new ClientMessage.MarkRead("no-such-room", 1));
            assertThat(window1.nextError("unknown_room").ref()).isNull();

            poster.ask(new ClientMessage.ChatSend("p6", room, "new 6"), ChatMessage.class);
            poster.ask(new ClientMessage.ChatSend("p7", room, "new 7"), ChatMessage.class);
            window1.await(ChatMessage.class, m -> "p7".equals(m.clientId()));
        }

        cluster.stop(1);
        cluster.stop(2);
        cluster.restart(1);
        cluster.restart(2);

        try (TestClient window1 = TestClient.signIn(cluster.port(1), ann, PASSWORD, room);
             TestClient window2 = TestClient.signIn(cluster.port(1), ann, PASSWORD);
             TestClient poster = TestClient.signIn(cluster.port(2), ben, PASSWORD)) {
            RoomSummary expected = new RoomSummary(room, RoomSummary.RoomKind.room, room, 2, 7, 5, 2);
            assertThat(summaryOf(window1.welcome(), room)).isEqualTo(expected);
            assertThat(summaryOf(window2.welcome(), room)).as("the other window agrees").isEqualTo(expected);
            assertThat(summaryOf(poster.welcome(), room)).isEqualTo(new RoomSummary(room, RoomSummary.RoomKind.room, room, 2, 7, 7, 0));
            assertThat(window1.welcome().history()).extracting(ChatMessage::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);

            window2.send(new ClientMessage.MarkRead(room, 7));
            for (TestClient window : List.of(window1, window2)) {
                assertThat(window.await(ReadPosition.class, r -> room.equals(r.room()))).isEqualTo(new ReadPosition(room, 7, 0));
            }
        }
    }
}
