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
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox through the connection: what is sent when, in which order, and what an app that quits and
 * starts again still sends. The outbox and saved session are real files in a temporary data directory.
 */
class ConnectionOutboxTest {
    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void whatIsWrittenBeforeTheWelcomeIsSentAfterItInOrder() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.service.signIn(SERVER, "alice", "password1", false);
        rig.scheduler.runReady();
        rig.send(new ClientMessage.ChatSend("c1", "one"));
        rig.send(new ClientMessage.TodoAdd("t1", "milk"));
        rig.send(new ClientMessage.ChatSend("c2", "two"));
        rig.open(rig.link());
        assertThat(commandIds(rig.link())).isEmpty(); // only the sign-in so far

        rig.say(rig.link(), welcome("s1", "token-1"));
        assertThat(commandIds(rig.link())).containsExactly("c1", "t1", "c2");
        assertThat(rig.events.log).noneMatch(line -> line.startsWith("sendFailed"));
    }

    @Test
    void whatTheServerDidNotAnswerIsSentAgainOnTheNextLinkAndNothingElse() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.signedIn("token-1");
        rig.send(new ClientMessage.ChatSend("c1", "one"));
        rig.send(new ClientMessage.ChatSend("c2", "two"));
        rig.send(new ClientMessage.TodoAdd("t1", "milk"));
        rig.say(rig.link(), mine(41, "c1", "one"));
        rig.lose(rig.link(), CloseCodes.GOING_AWAY);
        assertThat(rig.events.log).contains("connectionLost").noneMatch(line -> line.startsWith("sendFailed"));

        rig.send(new ClientMessage.ChatSend("c3", "three")); // written while reconnecting
        rig.scheduler.advance(Duration.ofSeconds(1));
        rig.open(rig.link());
        rig.say(rig.link(), welcome("s2", "token-2"));
        assertThat(commandIds(rig.link())).containsExactly("c2", "t1", "c3");
    }

    @Test
    void aMessageTheWelcomeHistoryHoldsIsNotSentAgain() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.signedIn("token-1");
        rig.send(new ClientMessage.ChatSend("c1", "one"));
        rig.send(new ClientMessage.ChatSend("c2", "two"));
        rig.lose(rig.link(), CloseCodes.GOING_AWAY);
        rig.scheduler.advance(Duration.ofSeconds(1));
        rig.open(rig.link());
        rig.say(rig.link(), welcome("s1", "token-2", 20, List.of(mine(41, "c1", "one"))));
        assertThat(commandIds(rig.link())).containsExactly("c2");
    }

    @Test
    void anAppThatQuitsWhileOfflineSendsEverythingAfterItStartsAgain() {
        ServiceRig first = new ServiceRig(dataDir);
        first.signedIn("token-1");
        first.lose(first.link(), CloseCodes.GOING_AWAY);
        first.send(new ClientMessage.ChatSend("c1", "one"));
        first.send(new ClientMessage.TodoAdd("t1", "milk"));
        first.send(new ClientMessage.ChatSend("c2", "two"));
        ServiceRig again = quitAndStartAgain(first);
        assertThat(again.events.restored).extracting(ClientMessage.Command::clientId).containsExactly("c1", "t1", "c2");
        again.open(again.link());
        assertThat(sent(again.link()).get(0)).isEqualTo(new ClientMessage.Resume(1, "token-1"));
        again.say(again.link(), welcome("s1", "token-2"));
        assertThat(commandIds(again.link())).containsExactly("c1", "t1", "c2");

        // Answered: a third start finds nothing left to send.
        again.say(again.link(), mine(41, "c1", "one"));
        again.say(again.link(), added("t1", 1, "7", "milk"));
        again.say(again.link(), mine(42, "c2", "two"));
        ServiceRig third = quitAndStartAgain(again);
        assertThat(third.events.restored).isEmpty();
    }

    @Test
    void notNowIsTriedAgainAndARefusalLeavesTheOutboxAndReachesTheViewModels() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.signedIn("token-1");
        rig.send(new ClientMessage.ChatSend("c1", "one"));
        rig.send(new ClientMessage.ChatSend("c2", "x".repeat(10)));
        rig.say(rig.link(), new ServerMessage.Error("unavailable", "Redis is down", "c1"));
        rig.say(rig.link(), new ServerMessage.Error("invalid", "text: too long", "c2"));
        assertThat(rig.events.received).extracting(m -> ((ServerMessage.Error) m).ref()).containsExactly("c2");

        rig.scheduler.advance(Sender.RETRY_REFUSED_AFTER);
        assertThat(commandIds(rig.link())).containsExactly("c1", "c2", "c1");
        rig.lose(rig.link(), CloseCodes.GOING_AWAY);
        rig.scheduler.advance(Duration.ofSeconds(1));
        rig.open(rig.link());
        rig.say(rig.link(), welcome("s1", "token-2"));
        assertThat(commandIds(rig.link())).containsExactly("c1"); // c2 was refused for good
    }

    @Test
    void aRateLimitedCommandGoesAgainWithItsClientIdOnceTheServersWaitHasPassedAndNotBefore() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.signedIn("token-1");
        rig.events.log.clear();
        rig.send(new ClientMessage.ChatSend("c1", "one"));
        rig.say(rig.link(), new ServerMessage.Error("rate_limited", "too fast", "c1", 3_000L));
        rig.send(new ClientMessage.ChatSend("c2", "two"));
        rig.send(new ClientMessage.TodoAdd("t1", "milk"));
        assertThat(rig.events.received).as("handled by the outbox, not a failure").isEmpty();
        assertThat(rig.events.log).containsExactly("held c1 3000 ms rate_limited");

        rig.scheduler.advance(Duration.ofMillis(2_999));
        assertThat(commandIds(rig.link())).as("nothing before the wait is over, in order behind c1").containsExactly("c1");
        rig.scheduler.advance(Duration.ofMillis(1));
        assertThat(commandIds(rig.link())).containsExactly("c1", "c1", "c2", "t1");
        assertThat(rig.events.log).containsExactly("held c1 3000 ms rate_limited", "resumed c1");

        // A todo change refused the same way; a longer second wait wins over a shorter one.
        rig.say(rig.link(), new ServerMessage.Error("rate_limited", "too fast", "t1", 5_000L));
        rig.say(rig.link(), new ServerMessage.Error("rate_limited", "too fast", "c2", 1_000L));
        rig.scheduler.advance(Duration.ofMillis(4_999));
        assertThat(commandIds(rig.link())).hasSize(4);
        rig.scheduler.advance(Duration.ofMillis(1));
        assertThat(commandIds(rig.link())).containsExactly("c1", "c1", "c2", "t1", "c2", "t1");
        assertThat(rig.events.log).endsWith("resumed c2", "resumed t1");

        rig.say(rig.link(), new ServerMessage.Error("rate_limited", "too fast", "c1", null));
        assertThat(rig.events.log).as("no wait given: the usual pause").last()
                .isEqualTo("held c1 " + Sender.RETRY_REFUSED_AFTER.toMillis() + " ms rate_limited");
    }

    @Test
    void aChangeToATodoAddedOfflineWaitsForItsIdAndIsSentWithIt() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.service.signIn(SERVER, "alice", "password1", false);
        rig.scheduler.runReady();
        ClientMessage.TodoAdd add = new ClientMessage.TodoAdd("t1", "milk");
        rig.send(add);
        rig.send(new ClientMessage.TodoSetCompleted("t2", LocalTodoIds.of(add), true));
        rig.send(new ClientMessage.ChatSend("c1", "after"));
        rig.open(rig.link());
        rig.say(rig.link(), welcome("s1", "token-1"));
        assertThat(commandIds(rig.link())).containsExactly("t1"); // the rest keeps its order behind it

        rig.say(rig.link(), added("t1", 1, "17", "milk"));
        assertThat(commandIds(rig.link())).containsExactly("t1", "t2", "c1");
        assertThat(sent(rig.link())).contains(new ClientMessage.TodoSetCompleted("t2", "17", true));
    }

    @Test
    void anAddAnsweredWithTheWholeListStillGivesItsIdToWhatWaits() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.signedIn("token-1");
        ClientMessage.TodoAdd add = new ClientMessage.TodoAdd("t1", "milk");
        rig.send(add);
        rig.send(new ClientMessage.TodoRename("t2", LocalTodoIds.of(add), "oat milk"));
        // The resend of an add the server had applied is answered with the list that holds it.
        rig.say(rig.link(), new ServerMessage.TodoSnapshot("t1", new TodoList(4, List.of(
                new Todo("3", "milk", true), new Todo("9", "milk", false), new Todo("5", "eggs", false)))));
        assertThat(sent(rig.link())).contains(new ClientMessage.TodoRename("t2", "9", "oat milk"));
    }

    @Test
    void aChangeToATodoWhoseAddWasRefusedIsReportedNotSent() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.signedIn("token-1");
        ClientMessage.TodoAdd add = new ClientMessage.TodoAdd("t1", "milk");
        rig.send(add);
        rig.send(new ClientMessage.TodoDelete("t2", LocalTodoIds.of(add)));
        rig.say(rig.link(), new ServerMessage.Error("limit_reached", "1000 todos", "t1"));
        assertThat(rig.events.log).contains("sendFailed t2 the todo it changes could not be added");
        assertThat(commandIds(rig.link())).containsExactly("t1");
    }

    @Test
    void restoreWithoutASavedSessionEndsItAndARefusedTokenIsForgotten() {
        ServiceRig none = startedAgain();
        assertThat(none.events.ended).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(SignInFailure.Kind.SESSION_EXPIRED));
        assertThat(none.transport.links).isEmpty();

        ServiceRig first = new ServiceRig(dataDir);
        first.signedIn("token-1");
        ServiceRig again = quitAndStartAgain(first);
        again.open(again.link());
        again.say(again.link(), new ServerMessage.Error("bad_token", "expired", null));
        assertThat(again.events.ended).hasSize(1);
        ServiceRig third = startedAgain();
        assertThat(third.events.ended).singleElement().satisfies(f -> assertThat(f.detail()).isEqualTo("no saved session"));
    }

    @Test
    void anUnreachableServerOnRestoreIsRetriedNotASignInFailure() {
        ServiceRig first = new ServiceRig(dataDir);
        first.signedIn("token-1");
        ServiceRig again = quitAndStartAgain(first);
        again.link().listener.failed("Connection refused");
        again.scheduler.runReady();
        assertThat(again.events.failures).isEmpty();
        assertThat(again.events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(1, 1));
        again.scheduler.advance(Duration.ofSeconds(1));
        assertThat(again.transport.links).hasSize(2);
    }

    @Test
    void signOutForgetsTheSavedSessionButKeepsWhatIsUnsent() {
        ServiceRig first = new ServiceRig(dataDir);
        first.signedIn("token-1");
        first.lose(first.link(), CloseCodes.GOING_AWAY);
        first.send(new ClientMessage.ChatSend("c1", "one"));
        first.service.signOut();
        first.scheduler.runReady();
        first.send(new ClientMessage.ChatSend("c2", "after sign-out"));
        assertThat(first.events.log).contains("sendFailed c2 not signed in");

        ServiceRig again = startedAgain();
        assertThat(again.events.ended).hasSize(1); // signed out: no saved session
        again.service.signIn(SERVER, "alice", "password1", false);
        again.scheduler.runReady();
        assertThat(again.events.restored).extracting(ClientMessage.Command::clientId).containsExactly("c1");
    }

    /** The app quits (the service closes as on exit) and starts again on the same data directory. */
    private ServiceRig quitAndStartAgain(ServiceRig running) {
        running.service.close();
        running.scheduler.runReady();
        return startedAgain();
    }

    /** A new start of the app that restores the saved session of alice, if there is one. */
    private ServiceRig startedAgain() {
        ServiceRig rig = new ServiceRig(dataDir);
        rig.service.restore(SERVER, "alice");
        rig.scheduler.runReady();
        return rig;
    }

    private static ChatMessage mine(long id, String clientId, String text) {
        return new ChatMessage(id, "alice", text, T, clientId, "s1");
    }

    private static ServerMessage.TodoChanged added(String clientId, long revision, String id, String title) {
        return new ServerMessage.TodoChanged(clientId, revision, ServerMessage.TodoOp.added,
                List.of(new Todo(id, title, false)), List.of());
    }
}
