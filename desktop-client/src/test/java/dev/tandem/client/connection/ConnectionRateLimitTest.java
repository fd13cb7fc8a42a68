package dev.tandem.client.connection;

import static dev.tandem.client.connection.ServiceRig.SERVER;
import static dev.tandem.client.connection.ServiceRig.welcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.ServerMessage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sign-in or resume the server refuses as {@code rate_limited} (docs/PROTOCOL.md, "Limits"): the server says
 * when one is taken again, so the client waits exactly that, not a guess (see {@link ServiceRig}).
 */
class ConnectionRateLimitTest {
    @TempDir
    Path dataDir;
    private ServiceRig rig;
    private ManualScheduler scheduler;
    private ScriptedTransport transport;

    @BeforeEach
    void setUp() {
        rig = new ServiceRig(dataDir);
        scheduler = rig.scheduler;
        transport = rig.transport;
    }

    @Test
    void aPasswordSignInRefusedAsRateLimitedReportsTheServersWait() {
        rig.service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        rig.open(transport.last());
        rig.say(transport.last(), new ServerMessage.Error("rate_limited", "too many sign-ins", null, 7_300L));

        assertThat(rig.events.failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SignInFailure.Kind.RATE_LIMITED);
            assertThat(f.retryAfter()).isEqualTo(Duration.ofMillis(7_300));
        });
        assertThat(transport.last().closed).isTrue();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(transport.links).as("no attempt by itself: the form holds").hasSize(1);
    }

    @Test
    void aRateLimitedSignInWithoutAWaitStillHoldsForAFewSeconds() {
        rig.service.signIn(SERVER, "alice", "password1", true);
        scheduler.runReady();
        rig.open(transport.last());
        rig.say(transport.last(), new ServerMessage.Error("rate_limited", "too many registrations", null));
        assertThat(rig.events.failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SignInFailure.Kind.RATE_LIMITED);
            assertThat(f.retryAfter()).isEqualTo(Sender.RETRY_REFUSED_AFTER);
        });
    }

    @Test
    void aResumeRefusedAsRateLimitedWaitsExactlyTheServersRetryAfterNotTheBackoff() throws Exception {
        rig.signedIn("token-1");
        rig.lose(transport.last(), CloseCodes.GOING_AWAY);
        scheduler.advance(Duration.ofSeconds(1)); // the first backoff step
        assertThat(transport.links).hasSize(2);
        rig.open(transport.last());
        rig.say(transport.last(), new ServerMessage.Error("rate_limited", "too many resumes", null, 7_300L));

        assertThat(transport.last().closed).isTrue();
        assertThat(rig.events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(8, 2));
        assertThat(rig.events.ended).isEmpty();
        scheduler.advance(Duration.ofMillis(300));
        assertThat(rig.events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(7, 2));
        scheduler.advance(Duration.ofMillis(6_999));
        assertThat(transport.links).as("not a moment before the server's wait").hasSize(2);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(transport.links).hasSize(3);

        rig.open(transport.last());
        assertThat(ServiceRig.CODEC.decodeClient(transport.last().sent.get(0))).isEqualTo(new ClientMessage.Resume(1, "token-1"));
        rig.say(transport.last(), welcome("s1", "token-2"));
        assertThat(rig.events.statuses).last().isEqualTo(new ConnectionStatus.Connected("s1"));
    }

    @Test
    void aLongRetryAfterIsWaitedInFullWhereTheBackoffWouldHaveTriedAgainAndAgain() {
        rig.signedIn("token-1");
        rig.lose(transport.last(), CloseCodes.GOING_AWAY);
        scheduler.advance(Duration.ofSeconds(1));
        rig.open(transport.last());
        rig.say(transport.last(), new ServerMessage.Error("rate_limited", "too many resumes", null, 45_000L));
        assertThat(rig.events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(45, 2));
        scheduler.advance(Duration.ofSeconds(44));
        assertThat(transport.links).hasSize(2);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(transport.links).hasSize(3);
    }

    @Test
    void aRateLimitedResumeWithoutAWaitFallsBackOnTheBackoff() {
        rig.signedIn("token-1");
        rig.lose(transport.last(), CloseCodes.GOING_AWAY);
        scheduler.advance(Duration.ofSeconds(1));
        rig.open(transport.last());
        rig.say(transport.last(), new ServerMessage.Error("rate_limited", "too many resumes", null));
        assertThat(rig.events.statuses).last().isEqualTo(new ConnectionStatus.Reconnecting(2, 2));
    }
}
