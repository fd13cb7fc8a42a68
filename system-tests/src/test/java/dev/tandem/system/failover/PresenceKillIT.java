package dev.tandem.system.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.Limits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of an app server process takes its users offline as a window on the other server sees it, within
 * {@link Limits#PRESENCE_TIMEOUT} of the kill (issue 12): heartbeats with a time-to-live, no goodbye needed.
 * Real processes: Redis, s1 and s2 as {@code java -jar tandem-server.jar}, the proxy in this JVM.
 */
@Timeout(120)
class PresenceKillIT {
    @RegisterExtension
    static final FailoverRig rig = FailoverRig.of(2, FailoverRig.ProxyKind.IN_JVM);

    @Test
    void killingAServerTakesItsUsersOfflineEverywhereWithinThePresenceTimeout() throws Exception {
        String alice = rig.userOn("s1", "alice");
        String bob = rig.userOn("s2", "bob");
        String carol = rig.userOn("s2", "carol");
        try (Window aliceWindow = Window.open(rig.proxyPort(), alice);
             Window bobWindow = Window.open(rig.proxyPort(), bob);
             Window carolWindow = Window.open(rig.proxyPort(), carol);
             Window carolAgain = Window.open(rig.proxyPort(), carol)) {
            assertThat(aliceWindow.serverId()).isEqualTo("s1");
            assertThat(bobWindow.serverId()).isEqualTo("s2");
            assertThat(carolAgain.serverId()).isEqualTo("s2");
            aliceWindow.await(Duration.ofSeconds(15), "alice sees bob and carol online",
                    () -> aliceWindow.online().containsAll(java.util.List.of(bob, carol)));

            long killedAt = System.nanoTime();
            rig.kill(2);
            aliceWindow.await(Limits.PRESENCE_TIMEOUT.plusSeconds(3), "alice is told bob and carol went offline",
                    () -> aliceWindow.toldOffline(bob).isPresent() && aliceWindow.toldOffline(carol).isPresent());
            Duration bobTook = Duration.ofNanos(aliceWindow.toldOffline(bob).getAsLong() - killedAt);
            Duration carolTook = Duration.ofNanos(aliceWindow.toldOffline(carol).getAsLong() - killedAt);
            System.out.printf("[presence] after kill -9 of s2, alice on s1 saw bob offline after %d ms, carol after %d ms%n",
                    bobTook.toMillis(), carolTook.toMillis());
            assertThat(bobTook).isLessThanOrEqualTo(Limits.PRESENCE_TIMEOUT);
            assertThat(carolTook).as("carol, with two windows there").isLessThanOrEqualTo(Limits.PRESENCE_TIMEOUT);
            assertThat(aliceWindow.online()).contains(alice).doesNotContain(bob, carol);
            assertThat(aliceWindow.isClosed()).as("alice on s1 stayed connected").isFalse();
        }
    }
}
