package dev.tandem.server.room;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.RoomNames;
import dev.tandem.model.RoomSummary;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.ServerMessage.RoomJoined;
import dev.tandem.model.ServerMessage.RoomMember;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Public rooms on two servers sharing one Redis: a room's messages reach exactly its members, on both
 * servers, once and in order; joining, leaving, the directory and the roster; edits and deletions; history
 * pages; typing; the limit on rooms per user.
 */
@Timeout(90)
class RoomsIT {
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2, config -> config.withRateLimit(2000, 2000));

    private static String newRoom() {
        return "r-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TestClient on(int server, String prefix) {
        return TestClient.signIn(cluster.port(server), newUser(prefix), PASSWORD);
    }

    /** A message to general that every window receives after whatever was sent before it. */
    private static Predicate<ServerMessage> marker(TestClient sender, String clientId) {
        sender.send(new ClientMessage.ChatSend(clientId, "marker " + clientId));
        return m -> m instanceof ChatMessage c && clientId.equals(c.clientId());
    }

    private static Predicate<ServerMessage> inRoom(String room) {
        return m -> (m instanceof ChatMessage c && room.equals(c.room()))
                || (m instanceof RoomMember r && room.equals(r.room()))
                || (m instanceof ServerMessage.Typing t && room.equals(t.room()));
    }

    @Test
    void aRoomsMessagesReachExactlyItsMembersOnBothServersOnceAndInOrder() {
        String room = newRoom();
        try (TestClient alice = on(1, "alice"); TestClient bob = on(2, "bob");
             TestClient carol = on(1, "carol"); TestClient dave = on(2, "dave")) {
            assertThat(alice.ask(new ClientMessage.RoomCreate("c1", room), RoomJoined.class).summary().members()).isEqualTo(1);
            assertThat(bob.ask(new ClientMessage.RoomJoin("j1", room), RoomJoined.class).summary().members()).isEqualTo(2);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                sent.add("m" + i);
                (i % 2 == 0 ? alice : bob).send(new ClientMessage.ChatSend("m" + i, room, "in the room " + i));
            }
            for (TestClient member : List.of(alice, bob)) {
                List<ChatMessage> got = new ArrayList<>();
                while (got.size() < sent.size()) {
                    if (member.next() instanceof ChatMessage m && room.equals(m.room())) {
                        got.add(m);
                    }
                }
                assertThat(got).extracting(ChatMessage::id).as("a new room's ids start at 1, one more each")
                        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
                // The two senders' orders interleave, but each sender's own messages keep their order.
                assertThat(got).extracting(ChatMessage::clientId).containsExactlyInAnyOrderElementsOf(sent);
                assertThat(got.stream().map(ChatMessage::clientId).filter(id -> Integer.parseInt(id.substring(1)) % 2 == 0))
                        .containsExactly("m0", "m2", "m4", "m6", "m8", "m10");
            }
            Predicate<ServerMessage> end = marker(dave, "end-" + room);
            for (TestClient outsider : List.of(carol, dave)) {
                outsider.untilMarker(end, inRoom(room));
            }
            for (TestClient member : List.of(alice, bob)) {
                member.untilMarker(end, m -> m instanceof ChatMessage c && room.equals(c.room()));
            }
        }
    }

    @Test
    void joiningAndLeavingAreAnsweredToTheUserAndToldToTheOtherMembers() {
        String room = newRoom();
        String missing = newRoom();
        try (TestClient alice = on(1, "alice"); TestClient bob = on(2, "bob")) {
            RoomSummary created = alice.ask(new ClientMessage.RoomCreate("c1", room), RoomJoined.class).summary();
            assertThat(created).isEqualTo(new RoomSummary(room, RoomSummary.RoomKind.room, room, 1, 0, 0, 0));
            bob.refused(new ClientMessage.RoomCreate("c2", room), "room_taken");
            bob.refused(new ClientMessage.RoomCreate("c3", RoomNames.GENERAL), "room_taken");

            assertThat(bob.ask(new ClientMessage.RoomJoin("j1", room), RoomJoined.class).summary().members()).isEqualTo(2);
            RoomMember joined = alice.await(RoomMember.class, m -> room.equals(m.room()));
            assertThat(joined).isEqualTo(new RoomMember(room, bob.welcome().user(), true, 2));
            assertThat(bob.ask(new ClientMessage.RoomJoin("j2", room), RoomJoined.class).summary().members())
                    .as("joining again: answered, nothing changes").isEqualTo(2);
            assertThat(bob.ask(new ClientMessage.RoomJoin("j3", RoomNames.GENERAL), RoomJoined.class).summary().room())
                    .isEqualTo(RoomNames.GENERAL);

            ServerMessage.RoomDirectory directory = bob.ask(
                    new ClientMessage.RoomList("l1", room.substring(0, room.length() - 1)), ServerMessage.RoomDirectory.class);
            assertThat(directory.rooms()).contains(new ServerMessage.PublicRoom(room, 2, true));
            assertThat(directory.rooms()).extracting(ServerMessage.PublicRoom::room).isSorted();
            assertThat(bob.ask(new ClientMessage.RoomMembers("r1", room), ServerMessage.RoomRoster.class).members())
                    .containsExactly(alice.welcome().user(), bob.welcome().user());

            assertThat(bob.ask(new ClientMessage.RoomLeave("x1", room), ServerMessage.RoomLeft.class).room()).isEqualTo(room);
            List<ServerMessage> between = alice.untilMarker(m -> m instanceof RoomMember r && room.equals(r.room()),
                    m -> m instanceof RoomMember r && r.joined());
            assertThat(between).as("the second join told nobody anything").noneMatch(m -> m instanceof RoomMember);
            assertThat(alice.ask(new ClientMessage.RoomMembers("r2", room), ServerMessage.RoomRoster.class).members())
                    .containsExactly(alice.welcome().user());

            bob.refused(new ClientMessage.RoomLeave("x2", room), "not_member");
            bob.refused(new ClientMessage.ChatSend("s1", room, "not in it"), "not_member");
            bob.refused(new ClientMessage.RoomMembers("r3", room), "not_member");
            bob.refused(new ClientMessage.ChatHistory("h1", room, null, null), "not_member");
            assertThat(bob.refused(new ClientMessage.RoomLeave("x3", RoomNames.GENERAL), "forbidden").message()).contains("general");
            bob.refused(new ClientMessage.RoomJoin("u1", missing), "unknown_room");
            bob.refused(new ClientMessage.RoomLeave("u2", missing), "unknown_room");
            bob.refused(new ClientMessage.ChatSend("u3", missing, "nobody"), "unknown_room");
        }
    }

    @Test
    void editsAndDeletionsReachEveryMemberOnBothServersOnceAndShowInHistory() {
        String room = newRoom();
        try (TestClient alice = on(1, "alice"); TestClient bob = on(2, "bob"); TestClient carol = on(1, "carol")) {
            alice.ask(new ClientMessage.RoomCreate("c1", room), RoomJoined.class);
            bob.ask(new ClientMessage.RoomJoin("j1", room), RoomJoined.class);
            long id = alice.ask(new ClientMessage.ChatSend("p1", room, "first draft"), ChatMessage.class).id();

            ServerMessage.ChatEdited edited = alice.ask(new ClientMessage.ChatEdit("e1", room, id, "  final  "),
                    ServerMessage.ChatEdited.class);
            assertThat(edited.text()).isEqualTo("final");
            assertThat(edited.editedAt()).isNotNull();
            assertThat(bob.await(ServerMessage.ChatEdited.class, e -> "e1".equals(e.clientId()))).isEqualTo(edited);
            assertThat(alice.ask(new ClientMessage.ChatEdit("e1", room, id, "final"), ServerMessage.ChatEdited.class))
                    .as("a resend gets the original answer").isEqualTo(edited);

            bob.refused(new ClientMessage.ChatEdit("b1", room, id, "mine now"), "forbidden");
            bob.refused(new ClientMessage.ChatDelete("b2", room, id), "forbidden");
            alice.refused(new ClientMessage.ChatEdit("n1", room, id + 1000, "not there"), "not_found");

            ServerMessage.ChatDeleted deleted = alice.ask(new ClientMessage.ChatDelete("d1", room, id), ServerMessage.ChatDeleted.class);
            assertThat(bob.await(ServerMessage.ChatDeleted.class, d -> "d1".equals(d.clientId()))).isEqualTo(deleted);
            alice.refused(new ClientMessage.ChatEdit("e2", room, id, "back again"), "not_found");

            ChatMessage kept = bob.ask(new ClientMessage.ChatHistory("h1", room, null, null), ServerMessage.ChatPage.class)
                    .messages().get(0);
            assertThat(kept.id()).isEqualTo(id);
            assertThat(kept.deleted()).isTrue();
            assertThat(kept.text()).isEmpty();
            assertThat(kept.editedAt()).isEqualTo(edited.editedAt());

            // In general too: everyone is a member.
            long hello = alice.ask(new ClientMessage.ChatSend("g1", "helo"), ChatMessage.class).id();
            alice.ask(new ClientMessage.ChatEdit("g2", RoomNames.GENERAL, hello, "hello"), ServerMessage.ChatEdited.class);
            assertThat(carol.await(ServerMessage.ChatEdited.class, e -> "g2".equals(e.clientId())).text()).isEqualTo("hello");

            Predicate<ServerMessage> end = marker(carol, "end-" + room);
            bob.untilMarker(end, m -> m instanceof ServerMessage.ChatEdited e && "e1".equals(e.clientId()));
            carol.untilMarker(end, inRoom(room).or(m -> m instanceof ServerMessage.ChatEdited e && room.equals(e.room()))
                    .or(m -> m instanceof ServerMessage.ChatDeleted d && room.equals(d.room())));
        }
    }

    @Test
    void historyPagesGoBackToTheOldestMessageKeptAndTheWelcomeBringsTheRoomOnScreen() {
        String room = newRoom();
        String alice = newUser("pager");
        try (TestClient writer = TestClient.signIn(cluster.port(1), alice, PASSWORD)) {
            writer.ask(new ClientMessage.RoomCreate("c1", room), RoomJoined.class);
            for (int i = 1; i <= 7; i++) {
                assertThat(writer.ask(new ClientMessage.ChatSend("p" + i, room, "page " + i), ChatMessage.class).id()).isEqualTo(i);
            }
            ServerMessage.ChatPage newest = writer.ask(new ClientMessage.ChatHistory("h1", room, null, 3), ServerMessage.ChatPage.class);
            assertThat(newest.messages()).extracting(ChatMessage::id).containsExactly(5L, 6L, 7L);
            assertThat(newest.more()).isTrue();
            ServerMessage.ChatPage middle = writer.ask(new ClientMessage.ChatHistory("h2", room, 5L, 3), ServerMessage.ChatPage.class);
            assertThat(middle.messages()).extracting(ChatMessage::id).containsExactly(2L, 3L, 4L);
            assertThat(middle.more()).isTrue();
            ServerMessage.ChatPage oldest = writer.ask(new ClientMessage.ChatHistory("h3", room, 2L, 3), ServerMessage.ChatPage.class);
            assertThat(oldest.messages()).extracting(ChatMessage::id).containsExactly(1L);
            assertThat(oldest.more()).isFalse();
            assertThat(writer.ask(new ClientMessage.ChatHistory("h4", room, null, null), ServerMessage.ChatPage.class).messages())
                    .extracting(ChatMessage::text).startsWith("page 1").endsWith("page 7").hasSize(7);
        }
        try (TestClient again = TestClient.signIn(cluster.port(2), alice, PASSWORD, room)) {
            ServerMessage.Welcome welcome = again.welcome();
            assertThat(welcome.room()).isEqualTo(room);
            assertThat(welcome.history()).extracting(ChatMessage::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(welcome.rooms()).extracting(RoomSummary::room).containsExactly(RoomNames.GENERAL, room);
            assertThat(welcome.rooms().get(1)).as("posting moved the read position")
                    .isEqualTo(new RoomSummary(room, RoomSummary.RoomKind.room, room, 1, 7, 7, 0));
        }
    }

    @Test
    void typingIsRelayedToTheOtherMembersOnlyAndAFloodIsRateLimited() {
        String room = newRoom();
        try (TestClient alice = on(1, "alice"); TestClient bob = on(2, "bob"); TestClient carol = on(1, "carol")) {
            alice.ask(new ClientMessage.RoomCreate("c1", room), RoomJoined.class);
            bob.ask(new ClientMessage.RoomJoin("j1", room), RoomJoined.class);
            alice.send(new ClientMessage.Typing(room));
            assertThat(bob.await(ServerMessage.Typing.class, t -> room.equals(t.room())))
                    .isEqualTo(new ServerMessage.Typing(room, alice.welcome().user()));
            alice.send(new ClientMessage.Typing(room));
            ServerMessage.Error limited = alice.await(ServerMessage.Error.class, e -> "rate_limited".equals(e.code()));
            assertThat(limited.ref()).isNull();
            alice.send(new ClientMessage.Typing(RoomNames.GENERAL));
            assertThat(carol.await(ServerMessage.Typing.class, t -> RoomNames.GENERAL.equals(t.room())).user())
                    .isEqualTo(alice.welcome().user());
            carol.send(new ClientMessage.Typing(room));
            assertThat(carol.nextError("not_member").ref()).isNull();

            Predicate<ServerMessage> end = marker(carol, "end-" + room);
            alice.untilMarker(end, m -> m instanceof ServerMessage.Typing);
            bob.untilMarker(end, m -> m instanceof ServerMessage.Typing t && room.equals(t.room()));
            carol.untilMarker(end, inRoom(room));
        }
    }

    @Test
    void aUserIsInAtMostTwoHundredRoomsGeneralIncluded() {
        String prefix = "lim-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (TestClient full = on(1, "full"); TestClient other = on(2, "other")) {
            for (int i = 1; i < Limits.MAX_ROOMS_PER_USER; i++) {
                full.ask(new ClientMessage.RoomCreate("c" + i, prefix + i), RoomJoined.class);
            }
            full.refused(new ClientMessage.RoomCreate("over", prefix + "over"), "limit_reached");
            String others = newRoom();
            other.ask(new ClientMessage.RoomCreate("o1", others), RoomJoined.class);
            full.refused(new ClientMessage.RoomJoin("j1", others), "limit_reached");
            full.refused(new ClientMessage.DmOpen("d1", other.welcome().user()), "limit_reached");
            assertThat(other.refused(new ClientMessage.DmOpen("d2", full.welcome().user()), "limit_reached").message())
                    .contains(full.welcome().user());
            full.ask(new ClientMessage.RoomLeave("x1", prefix + 1), ServerMessage.RoomLeft.class);
            assertThat(full.ask(new ClientMessage.RoomJoin("j2", others), RoomJoined.class).summary().members()).isEqualTo(2);
        }
    }
}
