package dev.tandem.server.chat;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chat.send repeated with the same clientId by the same user (a resend after a reconnect, or a double
 * click) is posted once: the sender gets the original message back, everyone else sees it once.
 */
@Timeout(60)
class ChatExactlyOnceIT {
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2);

    private static long countIn(List<ChatMessage> messages, String author, String clientId) {
        return messages.stream().filter(m -> m.author().equals(author) && clientId.equals(m.clientId())).count();
    }

    @Test
    void aResendAfterAReconnectToAnotherServerGetsTheOriginalAndIsNotPostedAgain() throws Exception {
        String alice = newUser("alice");
        try (TestClient bob = TestClient.signIn(cluster.port(1), newUser("bob"), PASSWORD)) {
            ChatMessage original;
            try (TestClient first = TestClient.signIn(cluster.port(1), alice, PASSWORD)) {
                first.send(new ClientMessage.ChatSend("c-resend", "only once"));
                original = first.await(ChatMessage.class, m -> "c-resend".equals(m.clientId()));
            }
            try (TestClient again = TestClient.signIn(cluster.port(2), alice, PASSWORD)) {
                again.send(new ClientMessage.ChatSend("c-resend", "only once"));
                ChatMessage answer = again.await(ChatMessage.class, m -> "c-resend".equals(m.clientId()));
                assertThat(answer).isEqualTo(original);
            }
            assertThat(bob.await(ChatMessage.class, m -> "c-resend".equals(m.clientId())).id()).isEqualTo(original.id());
            // Mark the end of the stream, then check nothing else with that client id came before it.
            try (TestClient marker = TestClient.signIn(cluster.port(2), newUser("marker"), PASSWORD)) {
                marker.send(new ClientMessage.ChatSend("end", "end"));
                ServerMessage next;
                do {
                    next = bob.next();
                    assertThat(next instanceof ChatMessage m && "c-resend".equals(m.clientId())).as("posted twice").isFalse();
                } while (!(next instanceof ChatMessage m && "end".equals(m.clientId())));
            }
        }
        String reader = newUser("reader");
        try (TestClient history = TestClient.connect(cluster.port(1), reader)) {
            history.send(new ClientMessage.SignIn(Protocol.VERSION, reader, PASSWORD));
            assertThat(countIn(history.next(ServerMessage.Welcome.class).history(), alice, "c-resend")).isEqualTo(1);
        }
    }

    @Test
    void twoSendsWithOneClientIdBackToBackArePostedOnce() {
        String alice = newUser("twice");
        try (TestClient sender = TestClient.signIn(cluster.port(1), alice, PASSWORD);
             TestClient watcher = TestClient.signIn(cluster.port(2), newUser("watch"), PASSWORD)) {
            sender.send(new ClientMessage.ChatSend("dbl", "double click"));
            sender.send(new ClientMessage.ChatSend("dbl", "double click"));
            sender.send(new ClientMessage.ChatSend("after", "after"));
            ChatMessage first = sender.await(ChatMessage.class, m -> "dbl".equals(m.clientId()));
            ChatMessage second = sender.await(ChatMessage.class, m -> "dbl".equals(m.clientId()));
            assertThat(second.id()).as("the repeat is answered with the original").isEqualTo(first.id());
            long seen = 0;
            for (ServerMessage m = watcher.next(); !(m instanceof ChatMessage c && "after".equals(c.clientId())); m = watcher.next()) {
                if (m instanceof ChatMessage c && "dbl".equals(c.clientId())) {
                    seen++;
                }
            }
            assertThat(seen).isEqualTo(1);
        }
    }

    /**
     * The same in a room, and for edits and deletions: resent from another server after a reconnect, each is
     * answered with the original and reaches the room's other member once.
     */
    @Test
    void resendsInARoomAndOfEditsAndDeletionsAreCarriedOutOnce() {
        String alice = newUser("ann");
        String room = "once-" + alice.substring(alice.length() - 8);
        try (TestClient bob = TestClient.signIn(cluster.port(2), newUser("bob"), PASSWORD)) {
            ChatMessage original;
            ServerMessage.ChatEdited edited;
            try (TestClient first = TestClient.signIn(cluster.port(1), alice, PASSWORD)) {
                first.ask(new ClientMessage.RoomCreate("r0", room), ServerMessage.RoomJoined.class);
                bob.ask(new ClientMessage.RoomJoin("j0", room), ServerMessage.RoomJoined.class);
                original = first.ask(new ClientMessage.ChatSend("r1", room, "once in the room"), ChatMessage.class);
                edited = first.ask(new ClientMessage.ChatEdit("r2", room, original.id(), "edited once"),
                        ServerMessage.ChatEdited.class);
            }
            try (TestClient again = TestClient.signIn(cluster.port(2), alice, PASSWORD)) {
                assertThat(again.ask(new ClientMessage.ChatSend("r1", room, "once in the room"), ChatMessage.class))
                        .isEqualTo(original);
                assertThat(again.ask(new ClientMessage.ChatEdit("r2", room, original.id(), "edited once"),
                        ServerMessage.ChatEdited.class)).isEqualTo(edited);
                ServerMessage.ChatDeleted deleted = again.ask(new ClientMessage.ChatDelete("r3", room, original.id()),
                        ServerMessage.ChatDeleted.class);
                assertThat(again.ask(new ClientMessage.ChatDelete("r3", room, original.id()), ServerMessage.ChatDeleted.class))
                        .isEqualTo(deleted);
                again.send(new ClientMessage.ChatSend("end", room, "end"));
            }
            List<ServerMessage> seen = bob.untilMarker(m -> m instanceof ChatMessage c && "end".equals(c.clientId()), m -> false);
            assertThat(seen.stream().filter(m -> TestClient.answers(m, "r1") || TestClient.answers(m, "r2")
                    || TestClient.answers(m, "r3")).map(m -> m.getClass().getSimpleName()))
                    .as("the message, its edit and its deletion, once each").containsExactly("ChatMessage", "ChatEdited", "ChatDeleted");
        }
    }

    @Test
    void theSameClientIdFromTwoUsersIsTwoMessages() {
        String ann = newUser("ann");
        String ben = newUser("ben");
        try (TestClient a = TestClient.signIn(cluster.port(1), ann, PASSWORD);
             TestClient b = TestClient.signIn(cluster.port(2), ben, PASSWORD)) {
            a.send(new ClientMessage.ChatSend("c-1", "from ann"));
            long annId = a.await(ChatMessage.class, m -> "c-1".equals(m.clientId()) && m.author().equals(ann)).id();
            b.send(new ClientMessage.ChatSend("c-1", "from ben"));
            ChatMessage bens = b.await(ChatMessage.class, m -> "c-1".equals(m.clientId()) && m.author().equals(ben));
            assertThat(bens.text()).isEqualTo("from ben");
            assertThat(bens.id()).isGreaterThan(annId);
        }
    }
}
