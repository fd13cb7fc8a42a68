package dev.tandem.client.connection;

import static dev.tandem.client.connection.ServiceRig.SERVER;
import static dev.tandem.client.connection.ServiceRig.commandIds;
import static dev.tandem.client.connection.ServiceRig.sent;
import static dev.tandem.client.connection.ServiceRig.welcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.ServerMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rooms through the connection: messages carry their room through the outbox, edits and deletions are kept
 * like messages, requests about rooms go only while connected, read marks are never kept, and sign-in and
 * resume name the room on screen. The outbox is a real file in a temporary data directory.
 */
class ConnectionRoomsTest {
    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void signInAndResumeNameTheRoomOnScreen() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.service.roomOnScreen("design");
        rig.service.signIn(SERVER, "alice", "password1", false);
        rig.scheduler.runReady();
        rig.open(rig.link());
        assertThat(sent(rig.link()).get(0)).isEqualTo(new ClientMessage.SignIn(1, "alice", "password1", false, "design"));
        rig.say(rig.link(), welcome("s1", "token-1"));

        rig.service.roomOnScreen("dm:alice:bob");
        rig.lose(rig.link(), CloseCodes.GOING_AWAY);
        rig.scheduler.advance(Duration.ofSeconds(1));
        rig.open(rig.link());
        assertThat(sent(rig.link()).get(0)).isEqualTo(new ClientMessage.Resume(1, "token-1", "dm:alice:bob"));
    }

    @Test
    void messagesEditsAndDeletionsWaitInTheOutboxWithTheirRoomAndGoAgainUntilAnswered() {
        ServiceRig first = new ServiceRig(dataDir);
        first.signedIn("token-1");
        first.lose(first.link(), CloseCodes.GOING_AWAY);
        first.send(new ClientMessage.ChatSend("c1", "design", "offline in design"));
        first.send(new ClientMessage.ChatEdit("e1", "design", 7, "fixed"));
        first.send(new ClientMessage.ChatDelete("d1", "general", 3));
        first.service.close();
        first.scheduler.runReady();

        ServiceRig again = new ServiceRig(dataDir);
        again.service.restore(SERVER, "alice");
        again.scheduler.runReady();
        assertThat(again.events.restored).containsExactly(new ClientMessage.ChatSend("c1", "design", "offline in design"),
                new ClientMessage.ChatEdit("e1", "design", 7, "fixed"), new ClientMessage.ChatDelete("d1", "general", 3));
        again.open(again.link());
        again.say(again.link(), welcome("s1", "token-2"));
        assertThat(commandIds(again.link())).containsExactly("c1", "e1", "d1");

        // Answers: the echo in its room, and the edit and deletion by their client id and message.
        again.say(again.link(), new ChatMessage(8, "design", "alice", "offline in design", T, "c1", "s1"));
        again.say(again.link(), new ServerMessage.ChatEdited("e1", "design", 99, "another message", T)); // not ours
        again.say(again.link(), new ServerMessage.ChatDeleted("d1", "general", 3));
        again.lose(again.link(), CloseCodes.GOING_AWAY);
        again.scheduler.advance(Duration.ofSeconds(1));
        again.open(again.link());
        again.say(again.link(), welcome("s1", "token-3"));
        assertThat(commandIds(again.link())).containsExactly("e1"); // same client id: the server changes nothing twice

        again.say(again.link(), new ServerMessage.ChatEdited("e1", "design", 7, "fixed", T));
        again.lose(again.link(), CloseCodes.GOING_AWAY);
        again.scheduler.advance(Duration.ofSeconds(1));
        again.open(again.link());
        again.say(again.link(), welcome("s1", "token-4"));
        assertThat(commandIds(again.link())).isEmpty();
    }

    @Test
    void aRefusedEditLeavesTheOutboxAndReachesTheViewModels() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.signedIn("token-1");
        rig.send(new ClientMessage.ChatEdit("e1", "general", 4, "not mine"));
        rig.say(rig.link(), new ServerMessage.Error("forbidden", "not your message", "e1"));
        assertThat(rig.events.received).singleElement().isEqualTo(new ServerMessage.Error("forbidden", "not your message", "e1"));
        rig.lose(rig.link(), CloseCodes.GOING_AWAY);
        rig.scheduler.advance(Duration.ofSeconds(1));
        rig.open(rig.link());
        rig.say(rig.link(), welcome("s1", "token-2"));
        assertThat(commandIds(rig.link())).isEmpty();
    }

    @Test
    void requestsAboutRoomsGoOnlyWhileConnectedAndAreNeverSentAgain() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.signedIn("token-1");
        rig.send(new ClientMessage.RoomCreate("r1", "design"));
        rig.send(new ClientMessage.RoomJoin("r2", "backend"));
        rig.send(new ClientMessage.RoomLeave("r3", "ops"));
        rig.send(new ClientMessage.RoomList("r4", null));
        rig.send(new ClientMessage.RoomMembers("r5", "design"));
        rig.send(new ClientMessage.DmOpen("r6", "bob"));
        rig.send(new ClientMessage.ChatHistory("h1", "general", 40L, 50));
        assertThat(commandIds(rig.link())).containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "h1");
        assertThat(rig.events.log).noneMatch(line -> line.startsWith("sendFailed"));

        rig.lose(rig.link(), CloseCodes.GOING_AWAY);
        rig.send(new ClientMessage.RoomJoin("r7", "design"));
        rig.send(new ClientMessage.ChatHistory("h2", "general", 40L, 50));
        assertThat(rig.events.log).contains("sendFailed r7 " + Connection.OFFLINE, "sendFailed h2 " + Connection.OFFLINE);

        rig.scheduler.advance(Duration.ofSeconds(1));
        rig.open(rig.link());
        rig.say(rig.link(), welcome("s1", "token-2"));
        assertThat(commandIds(rig.link())).isEmpty(); // none of them waited: they were worth nothing later
    }

    @Test
    void readMarksGoAtOnceWhileConnectedAndAreDroppedOtherwise() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.signedIn("token-1");
        rig.service.sendNow(new ClientMessage.MarkRead("general", 41));
        rig.scheduler.runReady();
        assertThat(sent(rig.link())).contains(new ClientMessage.MarkRead("general", 41));

        rig.lose(rig.link(), CloseCodes.GOING_AWAY);
        rig.service.sendNow(new ClientMessage.MarkRead("general", 42));
        rig.scheduler.advance(Duration.ofSeconds(1));
        rig.open(rig.link());
        rig.say(rig.link(), welcome("s1", "token-2"));
        assertThat(sent(rig.link())).doesNotContain(new ClientMessage.MarkRead("general", 42));
        assertThat(rig.events.log).noneMatch(line -> line.startsWith("sendFailed"));
    }

    @Test
    void roomEventsReachTheViewModels() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.signedIn("token-1");
        ServerMessage read = new ServerMessage.ReadPosition("general", 41, 0);
        ServerMessage left = new ServerMessage.RoomLeft(null, "design");
        rig.say(rig.link(), read);
        rig.say(rig.link(), left);
        assertThat(rig.events.received).containsExactly(read, left);
    }
}
