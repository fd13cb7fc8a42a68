package dev.tandem.server.presence;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.support.Await;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presence across two real servers on one real Redis, through real WebSockets: who comes online and goes
 * offline, users with several windows on one or two servers, the welcome's {@code online}, and changes that
 * happen while a window signs in. Every window folds what it is told with {@link SeenOnline}, which fails on
 * an overlap; a lost change fails its wait.
 */
@Timeout(90)
class PresenceIT {
    private static final String PASSWORD = "correct horse battery";
    private static final Duration SOON = Duration.ofSeconds(10);

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2);

    private static TestClient signIn(int server, String user) {
        return TestClient.signIn(cluster.port(server), user, PASSWORD);
    }

    private static void awaitWindows(int server, String user, int windows) {
        Await.until(SOON, user + " has " + windows + " windows on s" + server,
                () -> cluster.server(server).presence().windows(user) == windows);
    }

    /**
     * Signs a new user in on {@code server} and waits until {@code watcher} is told: every change made on
     * that server before the sign-in has reached the watcher by then, as frames keep their order.
     */
    private static void sync(SeenOnline watcher, int server) {
        String marker = newUser("mark");
        try (TestClient ignored = signIn(server, marker)) {
            watcher.awaitOnline(marker);
        }
    }

    @Test
    void aliceOnS1SeesBobOnS2ComeOnlineAndGoOfflineWhenHeCloses() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        try (TestClient aliceWindow = signIn(1, alice)) {
            SeenOnline seen = new SeenOnline(aliceWindow);
            assertThat(seen.online()).contains(alice).doesNotContain(bob);
            TestClient bobWindow = signIn(2, bob);
            seen.awaitOnline(bob);
            bobWindow.close();
            seen.awaitOffline(bob);
            assertThat(seen.online()).contains(alice);
        }
    }

    @Test
    void theWelcomeListsEveryoneOnlineOnEitherServerAndTheUserThemself() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String carol = newUser("carol");
        try (TestClient aliceWindow = signIn(1, alice); TestClient bobWindow = signIn(2, bob)) {
            new SeenOnline(aliceWindow).awaitOnline(bob); // s1 knows of bob now
            try (TestClient carolWindow = signIn(1, carol)) {
                List<String> online = carolWindow.welcome().online();
                assertThat(online).contains(alice, bob, carol);
                assertThat(online).as("by name").isSorted().doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void aUserWithTwoWindowsOnOneServerStaysOnlineUntilTheLastCloses() {
        String alice = newUser("alice");
        String dave = newUser("dave");
        try (TestClient aliceWindow = signIn(1, alice)) {
            SeenOnline seen = new SeenOnline(aliceWindow);
            TestClient first = signIn(2, dave);
            TestClient second = signIn(2, dave);
            seen.awaitOnline(dave);
            first.close();
            awaitWindows(2, dave, 1);
            sync(seen, 2);
            assertThat(seen.reportedOffline()).doesNotContain(dave);
            assertThat(seen.online()).contains(dave);

            second.close();
            seen.awaitOffline(dave);
        }
    }

    /**
     * A user's windows on two servers at once happen during a handover: signing in on s1 takes erin's todo
     * lease, and s2 closes her window there (4009). Watchers on both servers see her online throughout, also
     * after s2 has let her go, and offline once her last window, on s1, closes.
     */
    @Test
    void aUserMovingToAnotherServerStaysOnlineThroughoutAndGoesOfflineWhenTheLastWindowCloses() {
        String erin = newUser("erin");
        try (TestClient aliceWindow = signIn(1, newUser("alice")); TestClient frankWindow = signIn(2, newUser("frank"))) {
            SeenOnline onS1 = new SeenOnline(aliceWindow);
            SeenOnline onS2 = new SeenOnline(frankWindow);
            TestClient before = signIn(2, erin);
            onS1.awaitOnline(erin);
            TestClient after = signIn(1, erin);
            assertThat(before.awaitClose()).as("s2 let erin's window go to the lease's new owner").isEqualTo(4009);
            awaitWindows(2, erin, 0);
            Await.until(SOON, "s2's set in Redis no longer names erin",
                    () -> !cluster.admin().hexists(PresenceStore.key("s2"), erin));
            sync(onS2, 2);
            sync(onS1, 1);
            assertThat(onS1.reportedOffline()).doesNotContain(erin);
            assertThat(onS2.reportedOffline()).as("no flicker on the server she left").doesNotContain(erin);
            assertThat(onS2.online()).contains(erin);

            after.close();
            onS1.awaitOffline(erin);
            onS2.awaitOffline(erin);
        }
    }

    @Test
    void aChangeThatHappensWhileWindowsSignInReachesEachOfThem() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        List<TestClient> windows = new ArrayList<>();
        try (TestClient aliceWindow = signIn(1, alice)) {
            SeenOnline watcher = new SeenOnline(aliceWindow);
            TestClient bobWindow = signIn(2, bob);
            watcher.awaitOnline(bob);
            // Windows sign in on s1 before bob leaves, then one after another from when s2 has written him
            // out (s1's next tick drops him) until after s1 has told its windows: some are welcomed with
            // bob, some during the tick that drops him, some without him.
            for (int i = 0; i < 3; i++) {
                windows.add(signIn(1, newUser("carol")));
            }
            bobWindow.close();
            Await.until(SOON, "s2's set in Redis no longer names bob",
                    () -> !cluster.admin().hexists(PresenceStore.key("s2"), bob));
            int welcomedAfterTold = 0;
            while (welcomedAfterTold < 3 && windows.size() < 200) {
                watcher.drain();
                boolean told = !watcher.online().contains(bob);
                windows.add(signIn(1, newUser("carol")));
                if (told) {
                    welcomedAfterTold++;
                }
            }
            assertThat(welcomedAfterTold).as("s1 told its windows bob left").isEqualTo(3);
            int welcomedWithBob = 0;
            for (TestClient window : windows) {
                if (window.welcome().online().contains(bob)) {
                    welcomedWithBob++;
                }
                new SeenOnline(window).awaitOffline(bob);
            }
            assertThat(welcomedWithBob).as("some windows were welcomed before s1 learnt it").isPositive();
            assertThat(welcomedWithBob).as("and some after").isLessThan(windows.size());
        } finally {
            windows.forEach(TestClient::close);
        }
    }

    @Test
    void aServerRestartedWithTheSameIdDoesNotBringBackWhatItsLastLifeLeft() {
        String alice = newUser("alice");
        String ghost = newUser("ghost");
        try (TestClient aliceWindow = signIn(1, alice)) {
            SeenOnline seen = new SeenOnline(aliceWindow);
            cluster.stop(2);
            // What a killed s2 would have left behind (with a long time-to-live, so only the restart can clear it).
            String key = PresenceStore.key("s2");
            cluster.admin().hset(key, java.util.Map.of(PresenceStore.STAMP, "previous-life.9", ghost, "1"));
            cluster.admin().pexpire(key, 60_000);
            seen.awaitOnline(ghost);

            cluster.restart(2);
            seen.awaitOffline(ghost);
            String bob = newUser("bob");
            try (TestClient bobWindow = signIn(2, bob)) {
                seen.awaitOnline(bob);
                assertThat(seen.online()).doesNotContain(ghost);
            }
        }
    }
}
