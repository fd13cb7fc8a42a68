package dev.tandem.client.connection;

import static dev.tandem.client.connection.ServiceRig.CODEC;
import static dev.tandem.client.connection.ServiceRig.SERVER;
import static dev.tandem.client.connection.ServiceRig.welcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.ServerMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection's phase machine on a virtual clock (see {@link ServiceRig}): sign-in, reconnect, liveness. */
class ConnectionServiceTest {
    @TempDir
    Path dataDir;
    private ServiceRig rig;
    private ManualScheduler scheduler;
    private ScriptedTransport transport;
    private ServiceRig.Events events;
    private ConnectionService service;

    @BeforeEach
    void setUp() {
        rig = new ServiceRig(dataDir);
        scheduler = rig.scheduler;
        transport = rig.transport;
        events = rig.events;
        service = rig.service;
    }

    @Test
    void signInOpensTheUserUrlSendsTheCredentialsAndReportsTheWelcome() throws Exception {
        service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        assertThat(events.statuses).containsExactly(new ConnectionStatus.Connecting(SERVER.toString()));
        assertThat(transport.last().uri).hasToString("ws://localhost:7001/ws?user=alice");

        rig.open(transport.last());
        ClientMessage first = CODEC.decodeClient(transport.last().sent.get(0));
        assertThat(first).isEqualTo(new ClientMessage.SignIn(1, "alice", "password1", false));

        rig.say(transport.last(), welcome("s1", "token-1"));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Connected("s1"));
        assertThat(events.log).contains("welcomed s1 resumed=false");
    }

    @Test
    void createAccountAsksForANewAccountAndATakenNameSaysSo() throws Exception {
        service.signIn(SERVER, "alice", "password1", true);
        scheduler.runReady();
        rig.open(transport.last());
        assertThat(CODEC.decodeClient(transport.last().sent.get(0)))
                .isEqualTo(new ClientMessage.SignIn(1, "alice", "password1", true));
        rig.say(transport.last(), new ServerMessage.Error("wrong_password", "wrong password", null));
        assertThat(events.failures).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(SignInFailure.Kind.NAME_TAKEN));
    }

    @Test
    void anUnknownNameIsReportedAsSuch() {
        service.signIn(SERVER, "alcie", "password1", false);
        scheduler.runReady();
        rig.open(transport.last());
        rig.say(transport.last(), new ServerMessage.Error("unknown_user", "no account alcie", null));
        assertThat(events.failures).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(SignInFailure.Kind.UNKNOWN_USER));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Offline());
    }

    @Test
    void wrongPasswordIsReportedAndTheServiceGoesOffline() {
        service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        rig.open(transport.last());
        rig.say(transport.last(), new ServerMessage.Error("wrong_password", "wrong password", null));

        assertThat(events.failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SignInFailure.Kind.WRONG_PASSWORD);
        });
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Offline());
        assertThat(transport.last().closed).isTrue();
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(transport.links).hasSize(1); // no retry of a failed sign-in
    }

    @Test
    void anUnreachableServerFailsTheSignInWithoutRetrying() {
        service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        transport.last().listener.failed("Connection refused");
        scheduler.runReady();

        assertThat(events.failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SignInFailure.Kind.UNREACHABLE);
            assertThat(f.detail()).contains("Connection refused");
        });
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(transport.links).hasSize(1);
    }

    @Test
    void anUntrustedCertificateFailsTheSignInWithThatReasonAndNoRetry() {
        service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        transport.last().listener.untrusted("not signed by a trusted CA");
        scheduler.runReady();

        assertThat(events.failures).singleElement().isEqualTo(
                new SignInFailure(SignInFailure.Kind.UNTRUSTED_CERTIFICATE, "not signed by a trusted CA"));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Offline());
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(transport.links).hasSize(1);
    }

    @Test
    void anUntrustedCertificateOnAReconnectStopsRetryingAndSaysWhy() {
        rig.signedIn("token-1");
        rig.lose(transport.last(), CloseCodes.GOING_AWAY);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(transport.links).hasSize(2);
        transport.last().listener.untrusted("issued for another host: No name matching example.org found");
        scheduler.runReady();

        assertThat(events.ended).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SignInFailure.Kind.UNTRUSTED_CERTIFICATE);
            assertThat(f.detail()).contains("another host");
        });
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Offline());
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(transport.links).hasSize(2);
    }

    @Test
    void aSignInTheServerNeverAnswersFailsWithAMessageInsteadOfConnectingForever() {
        service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        rig.open(transport.last());
        scheduler.advance(ConnectionService.AUTH_REPLY_TIMEOUT.minusSeconds(1));
        assertThat(events.failures).isEmpty();

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(events.failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SignInFailure.Kind.NO_ANSWER);
        });
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Offline());
        assertThat(transport.last().closed).isTrue();
    }

    @Test
    void aResumeTheServerNeverAnswersIsRetriedWithBackoff() {
        rig.signedIn("token-1");
        rig.lose(transport.last(), CloseCodes.GOING_AWAY);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(transport.links).hasSize(2);
        rig.open(transport.last());

        scheduler.advance(ConnectionService.RESUME_REPLY_TIMEOUT);
        assertThat(transport.last().closed).isTrue();
        assertThat(events.statuses).last().isInstanceOf(ConnectionStatus.Reconnecting.class);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(transport.links).hasSize(3);
        assertThat(events.failures).isEmpty();
    }

    @Test
    void aLostConnectionCountsDownBacksOffAndResumesWithTheToken() throws Exception {
        rig.signedIn("token-1");

        rig.lose(transport.last(), CloseCodes.GOING_AWAY);
        assertThat(events.log).contains("connectionLost");
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(1, 1));

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(0, 1));
        assertThat(transport.links).hasSize(2);
        transport.last().listener.failed("Connection refused");
        scheduler.runReady();
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(2, 2));

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(1, 2));
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(transport.links).hasSize(3);
        transport.last().listener.failed("Connection refused");
        scheduler.runReady();
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(4, 3));

        scheduler.advance(Duration.ofSeconds(4));
        rig.open(transport.last());
        assertThat(CODEC.decodeClient(transport.last().sent.get(0))).isEqualTo(new ClientMessage.Resume(1, "token-1"));
        rig.say(transport.last(), welcome("s2", "token-2"));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Connected("s2"));
        assertThat(events.log).contains("welcomed s2 resumed=true");

        // Success resets the backoff: the next loss waits 1 s again, and resumes with the newest token.
        rig.lose(transport.last(), CloseCodes.GOING_AWAY);
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(1, 1));
        scheduler.advance(Duration.ofSeconds(1));
        rig.open(transport.last());
        assertThat(CODEC.decodeClient(transport.last().sent.get(0))).isEqualTo(new ClientMessage.Resume(1, "token-2"));
    }

    @Test
    void theCountdownShowsEachSecondOnceAndTheWaitsDouble() {
        rig.signedIn("token-1");
        rig.lose(transport.last(), 1006);
        for (int attempt = 1; attempt <= 3; attempt++) {
            int links = transport.links.size();
            while (transport.links.size() == links) {
                scheduler.advance(scheduler.nextDelay());
            }
            transport.last().listener.failed("Connection refused");
            scheduler.runReady();
        }
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(events.statuses).containsExactly(
                new ConnectionStatus.Reconnecting(1, 1), new ConnectionStatus.Reconnecting(0, 1),
                new ConnectionStatus.Reconnecting(2, 2), new ConnectionStatus.Reconnecting(1, 2),
                new ConnectionStatus.Reconnecting(0, 2),
                new ConnectionStatus.Reconnecting(4, 3), new ConnectionStatus.Reconnecting(3, 3),
                new ConnectionStatus.Reconnecting(2, 3), new ConnectionStatus.Reconnecting(1, 3),
                new ConnectionStatus.Reconnecting(0, 3),
                new ConnectionStatus.Reconnecting(8, 4), new ConnectionStatus.Reconnecting(7, 4),
                new ConnectionStatus.Reconnecting(6, 4), new ConnectionStatus.Reconnecting(5, 4));
        assertThat(transport.links).hasSize(4);
    }

    @Test
    void retryNowSkipsTheWait() {
        rig.signedIn("token-1");
        rig.lose(transport.last(), CloseCodes.GOING_AWAY);
        service.reconnectNow();
        scheduler.runReady();
        assertThat(transport.links).hasSize(2);
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(0, 1));
    }

    @Test
    void aRejectedTokenEndsTheSession() {
        rig.signedIn("token-1");
        rig.lose(transport.last(), CloseCodes.GOING_AWAY);
        scheduler.advance(Duration.ofSeconds(1));
        rig.open(transport.last());
        rig.say(transport.last(), new ServerMessage.Error("bad_token", "token expired", null));

        assertThat(events.ended).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(SignInFailure.Kind.SESSION_EXPIRED));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Offline());
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(transport.links).hasSize(2);
    }

    @Test
    void closeCode4003EndsTheSessionToo() {
        rig.signedIn("token-1");
        rig.lose(transport.last(), CloseCodes.AUTH_FAILED);
        assertThat(events.ended).hasSize(1);
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(transport.links).hasSize(1);
    }

    @Test
    void messagesReachTheListenerOnlyOnceWelcomedAndStaleLinksAreIgnored() {
        rig.signedIn("token-1");
        ScriptedTransport.ScriptedLink first = transport.last();
        ChatMessage hello = new ChatMessage(7, "bob", "hi", Instant.parse("2026-11-25T12:00:00Z"), "b1", "s1");
        rig.say(first, hello);
        assertThat(events.received).containsExactly(hello);

        rig.lose(first, CloseCodes.GOING_AWAY);
        rig.say(first, new ChatMessage(8, "bob", "late", Instant.now(), "b2", "s1"));
        first.listener.closed(1000, "again");
        scheduler.runReady();
        assertThat(events.received).containsExactly(hello);
        assertThat(events.log.stream().filter("connectionLost"::equals)).hasSize(1);
    }

    @Test
    void signOutClosesAndStaysOffline() {
        rig.signedIn("token-1");
        service.signOut();
        scheduler.runReady();
        assertThat(transport.last().closed).isTrue();
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Offline());
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(transport.links).hasSize(1);
    }

    @Test
    void pingsWhenIdleSaysNotRespondingAfterThreeSecondsAndDropsTheLinkAfterTen() throws Exception {
        rig.signedIn("token-1");
        ScriptedTransport.ScriptedLink link = transport.last();
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(CODEC.decodeClient(link.sent.get(link.sent.size() - 1))).isInstanceOf(ClientMessage.Ping.class);
        rig.say(link, new ServerMessage.Pong("p1"));
        scheduler.advance(Duration.ofSeconds(20));
        scheduler.advance(Duration.ofMillis(2900));
        assertThat(events.statuses).isEmpty();

        scheduler.advance(Duration.ofMillis(100)); // the second ping is 3 s without an answer
        assertThat(events.statuses).containsExactly(new ConnectionStatus.NotResponding("s1"));
        assertThat(link.closed).isFalse();
        scheduler.advance(Duration.ofSeconds(7)); // 10 s: the link counts as dead
        assertThat(link.closed).isTrue();
        assertThat(events.log).contains("connectionLost");
        assertThat(events.statuses).last().isInstanceOf(ConnectionStatus.Reconnecting.class);
    }

    @Test
    void anUnansweredSendSaysNotRespondingAndAnyAnswerSaysConnectedAgain() {
        rig.signedIn("token-1");
        rig.send(new ClientMessage.ChatSend("c1", "anyone there?"));
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(events.statuses).containsExactly(new ConnectionStatus.NotResponding("s1"));

        rig.say(transport.last(), new ChatMessage(9, "alice", "anyone there?", Instant.parse("2026-11-25T12:00:03Z"), "c1", "s1"));
        assertThat(events.statuses).containsExactly(new ConnectionStatus.NotResponding("s1"), new ConnectionStatus.Connected("s1"));
        scheduler.advance(Duration.ofSeconds(15));
        assertThat(transport.last().closed).isFalse();
    }
}
