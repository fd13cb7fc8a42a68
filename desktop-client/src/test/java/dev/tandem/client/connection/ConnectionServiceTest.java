package dev.tandem.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Codec;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.TodoList;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection's state machine on a virtual clock: the test plays the server through scripted links
 * and the UI executor runs callbacks at once. Jitter is pinned to the top of its range, so the waits are
 * exactly 1 s, 2 s, 4 s, ...
 */
class ConnectionServiceTest {
    private static final URI SERVER = URI.create("ws://localhost:7001/ws");
    private static final Codec CODEC = Codec.get();

    private final ManualScheduler scheduler = new ManualScheduler();
    private final ScriptedTransport transport = new ScriptedTransport();
    private final Events events = new Events();
    private ConnectionService service;

    @BeforeEach
    void setUp() {
        service = new ConnectionService(transport, scheduler, Runnable::run, events,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999999), Duration.ofSeconds(20));
    }

    @Test
    void signInOpensTheUserUrlSendsTheCredentialsAndReportsTheWelcome() throws Exception {
        service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        assertThat(events.statuses).containsExactly(new ConnectionStatus.Connecting(SERVER.toString()));
        assertThat(transport.last().uri).hasToString("ws://localhost:7001/ws?user=alice");

        open(transport.last());
        ClientMessage first = CODEC.decodeClient(transport.last().sent.get(0));
        assertThat(first).isEqualTo(new ClientMessage.SignIn(1, "alice", "password1", false));

        serverSays(transport.last(), welcome("s1", "token-1"));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Connected("s1"));
        assertThat(events.log).contains("welcomed s1 resumed=false");
    }

    @Test
    void createAccountAsksForANewAccountAndATakenNameSaysSo() throws Exception {
        service.signIn(SERVER, "alice", "password1", true);
        scheduler.runReady();
        open(transport.last());
        assertThat(CODEC.decodeClient(transport.last().sent.get(0)))
                .isEqualTo(new ClientMessage.SignIn(1, "alice", "password1", true));
        serverSays(transport.last(), new ServerMessage.Error("wrong_password", "wrong password", null));
        assertThat(events.failures).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(SignInFailure.Kind.NAME_TAKEN));
    }

    @Test
    void anUnknownNameIsReportedAsSuch() {
        service.signIn(SERVER, "alcie", "password1", false);
        scheduler.runReady();
        open(transport.last());
        serverSays(transport.last(), new ServerMessage.Error("unknown_user", "no account alcie", null));
        assertThat(events.failures).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(SignInFailure.Kind.UNKNOWN_USER));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Offline());
    }

    @Test
    void wrongPasswordIsReportedAndTheServiceGoesOffline() {
        service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        open(transport.last());
        serverSays(transport.last(), new ServerMessage.Error("wrong_password", "wrong password", null));

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
    void aSignInTheServerNeverAnswersFailsWithAMessageInsteadOfConnectingForever() {
        service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        open(transport.last());
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
        signedIn("token-1");
        lose(transport.last(), CloseCodes.GOING_AWAY);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(transport.links).hasSize(2);
        open(transport.last());

        scheduler.advance(ConnectionService.AUTH_REPLY_TIMEOUT);
        assertThat(transport.last().closed).isTrue();
        assertThat(events.statuses).last().isInstanceOf(ConnectionStatus.Reconnecting.class);
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(transport.links).hasSize(3);
        assertThat(events.failures).isEmpty();
    }

    @Test
    void aLostConnectionCountsDownBacksOffAndResumesWithTheToken() throws Exception {
        signedIn("token-1");

        lose(transport.last(), CloseCodes.GOING_AWAY);
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
        open(transport.last());
        assertThat(CODEC.decodeClient(transport.last().sent.get(0))).isEqualTo(new ClientMessage.Resume(1, "token-1"));
        serverSays(transport.last(), welcome("s2", "token-2"));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Connected("s2"));
        assertThat(events.log).contains("welcomed s2 resumed=true");

        // Success resets the backoff: the next loss waits 1 s again, and resumes with the newest token.
        lose(transport.last(), CloseCodes.GOING_AWAY);
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(1, 1));
        scheduler.advance(Duration.ofSeconds(1));
        open(transport.last());
        assertThat(CODEC.decodeClient(transport.last().sent.get(0))).isEqualTo(new ClientMessage.Resume(1, "token-2"));
    }

    @Test
    void theCountdownShowsEachSecondOnceAndTheWaitsDouble() {
        signedIn("token-1");
        lose(transport.last(), 1006);
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
        signedIn("token-1");
        lose(transport.last(), CloseCodes.GOING_AWAY);
        service.reconnectNow();
        scheduler.runReady();
        assertThat(transport.links).hasSize(2);
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(0, 1));
    }

    @Test
    void aRejectedTokenEndsTheSession() {
        signedIn("token-1");
        lose(transport.last(), CloseCodes.GOING_AWAY);
        scheduler.advance(Duration.ofSeconds(1));
        open(transport.last());
        serverSays(transport.last(), new ServerMessage.Error("bad_token", "token expired", null));

        assertThat(events.ended).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(SignInFailure.Kind.SESSION_EXPIRED));
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Offline());
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(transport.links).hasSize(2);
    }

    @Test
    void closeCode4003EndsTheSessionToo() {
        signedIn("token-1");
        lose(transport.last(), CloseCodes.AUTH_FAILED);
        assertThat(events.ended).hasSize(1);
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(transport.links).hasSize(1);
    }

    @Test
    void commandsWhileOfflineFailAtOnceAndQueuedOnesFailWhenTheLinkDrops() {
        service.send(new ClientMessage.ChatSend("c1", "hello"));
        scheduler.runReady();
        assertThat(events.log).contains("sendFailed c1 Offline: not sent");

        signedIn("token-1", 2); // 2 messages per second
        for (int i = 0; i < 5; i++) {
            service.send(new ClientMessage.ChatSend("m" + i, "text " + i));
        }
        scheduler.runReady();
        assertThat(chatSends(transport.last())).containsExactly("m0", "m1");
        scheduler.advance(Duration.ofMillis(500));
        assertThat(chatSends(transport.last())).containsExactly("m0", "m1", "m2");
        lose(transport.last(), CloseCodes.GOING_AWAY);
        assertThat(events.log).contains("sendFailed m3 Connection lost before the server confirmed it",
                "sendFailed m4 Connection lost before the server confirmed it");
    }

    @Test
    void messagesReachTheListenerOnlyOnceWelcomedAndStaleLinksAreIgnored() {
        signedIn("token-1");
        ScriptedTransport.ScriptedLink first = transport.last();
        ChatMessage hello = new ChatMessage(7, "bob", "hi", Instant.parse("2026-11-25T12:00:00Z"), "b1", "s1");
        serverSays(first, hello);
        assertThat(events.received).containsExactly(hello);

        lose(first, CloseCodes.GOING_AWAY);
        serverSays(first, new ChatMessage(8, "bob", "late", Instant.now(), "b2", "s1"));
        first.listener.closed(1000, "again");
        scheduler.runReady();
        assertThat(events.received).containsExactly(hello);
        assertThat(events.log.stream().filter("connectionLost"::equals)).hasSize(1);
    }

    @Test
    void pingsEachIntervalAndDropsALinkThatStopsAnswering() throws Exception {
        signedIn("token-1");
        ScriptedTransport.ScriptedLink link = transport.last();
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(CODEC.decodeClient(link.sent.get(link.sent.size() - 1))).isInstanceOf(ClientMessage.Ping.class);
        serverSays(link, new ServerMessage.Pong("p1"));
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(link.closed).isFalse();
        // No answer to the second ping: at the third tick the link counts as dead.
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(link.closed).isTrue();
        assertThat(events.log).contains("connectionLost");
        assertThat(events.statuses).last().isInstanceOf(ConnectionStatus.Reconnecting.class);
    }

    @Test
    void signOutClosesAndStaysOffline() {
        signedIn("token-1");
        service.signOut();
        scheduler.runReady();
        assertThat(transport.last().closed).isTrue();
        assertThat(events.statuses).last().isEqualTo(new ConnectionStatus.Offline());
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(transport.links).hasSize(1);
    }

    // ---- helpers ----

    private void signedIn(String token) {
        signedIn(token, 20);
    }

    private void signedIn(String token, int rate) {
        service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        open(transport.last());
        serverSays(transport.last(), new ServerMessage.Welcome(1, "alice", "s1", false, token,
                new TodoList(0, List.of()), List.of(), rate));
        events.statuses.clear();
    }

    private void open(ScriptedTransport.ScriptedLink link) {
        link.listener.opened();
        scheduler.runReady();
    }

    private void serverSays(ScriptedTransport.ScriptedLink link, ServerMessage message) {
        link.listener.text(CODEC.encode(message));
        scheduler.runReady();
    }

    private void lose(ScriptedTransport.ScriptedLink link, int code) {
        link.listener.closed(code, "test");
        scheduler.runReady();
    }

    private static ServerMessage.Welcome welcome(String serverId, String token) {
        return new ServerMessage.Welcome(1, "alice", serverId, false, token, new TodoList(0, List.of()), List.of(), 20);
    }

    private static List<String> chatSends(ScriptedTransport.ScriptedLink link) {
        List<String> ids = new ArrayList<>();
        for (String frame : link.sent) {
            try {
                if (CODEC.decodeClient(frame) instanceof ClientMessage.ChatSend send) {
                    ids.add(send.clientId());
                }
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        }
        return ids;
    }

    /** Records every callback, in order. */
    private static final class Events implements ConnectionListener {
        final List<ConnectionStatus> statuses = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        final List<SignInFailure> failures = new ArrayList<>();
        final List<SignInFailure> ended = new ArrayList<>();
        final List<ServerMessage> received = new ArrayList<>();

        @Override
        public void statusChanged(ConnectionStatus status) {
            statuses.add(status);
        }

        @Override
        public void welcomed(ServerMessage.Welcome welcome, boolean resumed) {
            log.add("welcomed " + welcome.serverId() + " resumed=" + resumed);
        }

        @Override
        public void received(ServerMessage message) {
            received.add(message);
        }

        @Override
        public void signInFailed(SignInFailure failure) {
            failures.add(failure);
        }

        @Override
        public void sendFailed(String clientId, String reason) {
            log.add("sendFailed " + clientId + " " + reason);
        }

        @Override
        public void connectionLost() {
            log.add("connectionLost");
        }

        @Override
        public void sessionEnded(SignInFailure reason) {
            ended.add(reason);
        }
    }
}
