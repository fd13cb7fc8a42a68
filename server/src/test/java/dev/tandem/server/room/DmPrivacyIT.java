package dev.tandem.server.room;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.RoomNames;
import dev.tandem.model.RoomSummary;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.ServerMessage.RoomJoined;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Direct messages across two servers: both users get the DM, and its first message reaches the peer's
 * server; a third user cannot read it, post to it, join it or learn that it exists, by any request: every one
 * is answered exactly as before the DM existed (a room that does not exist).
 */
@Timeout(60)
class DmPrivacyIT {
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2);

    /** Every request a third user can make about {@code dm}, and what each was answered. */
    private static List<ServerMessage.Error> probe(TestClient carol, String dm) {
        List<ServerMessage.Error> answers = new ArrayList<>();
        for (ClientMessage.Command request : List.of(
                new ClientMessage.ChatSend("p-send", dm, "let me in"),
                new ClientMessage.ChatHistory("p-history", dm, null, null),
                new ClientMessage.ChatHistory("p-page", dm, 2L, 1),
                new ClientMessage.RoomJoin("p-join", dm),
                new ClientMessage.RoomLeave("p-leave", dm),
                new ClientMessage.RoomMembers("p-members", dm),
                new ClientMessage.ChatEdit("p-edit", dm, 1, "mine"),
                new ClientMessage.ChatDelete("p-delete", dm, 1))) {
            answers.add(carol.ask(request, ServerMessage.Error.class));
        }
        carol.send(new ClientMessage.MarkRead(dm, 1));
        answers.add(carol.await(ServerMessage.Error.class, e -> e.ref() == null));
        carol.send(new ClientMessage.Typing(dm));
        answers.add(carol.await(ServerMessage.Error.class, e -> e.ref() == null));
        return answers;
    }

    @Test
    void aDmReachesItsTwoUsersOnBothServersAndNoOneElseLearnsAnythingOfIt() {
        String ann = newUser("ann");
        String ben = newUser("ben");
        String carolName = newUser("carol");
        String dm = RoomNames.dm(ann, ben);
        try (TestClient alice = TestClient.signIn(cluster.port(1), ann, PASSWORD);
             TestClient bob = TestClient.signIn(cluster.port(2), ben, PASSWORD);
             TestClient carol = TestClient.signIn(cluster.port(1), carolName, PASSWORD);
             TestClient dave = TestClient.signIn(cluster.port(2), newUser("dave"), PASSWORD)) {
            List<ServerMessage.Error> before = probe(carol, dm);
            assertThat(before).extracting(ServerMessage.Error::code).containsOnly("unknown_room");

            RoomJoined opened = alice.ask(new ClientMessage.DmOpen("d1", ben), RoomJoined.class);
            assertThat(opened.summary()).isEqualTo(new RoomSummary(dm, RoomSummary.RoomKind.dm, ben, 2, 0, 0, 0));
            alice.send(new ClientMessage.ChatSend("first", dm, "just us"));
            RoomJoined toBob = bob.await(RoomJoined.class, j -> dm.equals(j.summary().room()));
            assertThat(toBob.clientId()).as("the peer did not ask").isNull();
            assertThat(toBob.summary().title()).isEqualTo(ann);
            ChatMessage first = bob.await(ChatMessage.class, m -> dm.equals(m.room()));
            assertThat(first.text()).isEqualTo("just us");
            assertThat(first.id()).isEqualTo(1);
            assertThat(alice.await(ChatMessage.class, m -> dm.equals(m.room())).clientId()).isEqualTo("first");
            assertThat(bob.ask(new ClientMessage.DmOpen("d2", ann), RoomJoined.class).summary().room())
                    .as("opening it again: the same DM").isEqualTo(dm);

            assertThat(probe(carol, dm)).as("answered exactly as before the DM existed, message id 1 included")
                    .isEqualTo(before);
            assertThat(probe(dave, dm)).as("anyone, on the other server too").isEqualTo(before);

            try (TestClient peeking = TestClient.signIn(cluster.port(1), carolName, PASSWORD, dm)) {
                assertThat(peeking.welcome().room()).isEqualTo(RoomNames.GENERAL);
                assertThat(peeking.welcome().rooms()).extracting(RoomSummary::room).containsExactly(RoomNames.GENERAL);
                assertThat(peeking.welcome().history()).noneMatch(m -> dm.equals(m.room()));
            }
            try (TestClient returning = TestClient.signIn(cluster.port(1), ann, PASSWORD, dm)) {
                assertThat(returning.welcome().room()).isEqualTo(dm);
                assertThat(returning.welcome().history()).extracting(ChatMessage::text).containsExactly("just us");
                assertThat(returning.welcome().rooms()).extracting(RoomSummary::room).containsExactly(RoomNames.GENERAL, dm);
            }
            ServerMessage.RoomDirectory directory = carol.ask(new ClientMessage.RoomList("l1", null), ServerMessage.RoomDirectory.class);
            assertThat(directory.rooms()).noneMatch(r -> RoomNames.isDm(r.room()));

            bob.refused(new ClientMessage.RoomLeave("x1", dm), "forbidden");
            alice.refused(new ClientMessage.DmOpen("d3", ann), "invalid");
            alice.refused(new ClientMessage.DmOpen("d4", newUser("nobody")), "unknown_user");

            alice.send(new ClientMessage.ChatSend("end", "end of the test"));
            for (TestClient outsider : List.of(carol, dave)) {
                outsider.untilMarker(m -> m instanceof ChatMessage c && "end".equals(c.clientId()),
                        m -> (m instanceof ChatMessage c && dm.equals(c.room()))
                                || (m instanceof RoomJoined j && dm.equals(j.summary().room())));
            }
        }
    }
}
