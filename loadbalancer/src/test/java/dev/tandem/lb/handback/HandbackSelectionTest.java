package dev.tandem.lb.handback;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.backend.Tunnel;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.routing.Router;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tunnels a returning backend gets back: only those elsewhere whose key it wins over the healthy set. */
class HandbackSelectionTest {
    private final Backend s1 = new Backend(new BackendSpec("s1", "127.0.0.1", 7001));
    private final Backend s2 = new Backend(new BackendSpec("s2", "127.0.0.1", 7002));
    private final Backend s3 = new Backend(new BackendSpec("s3", "127.0.0.1", 7003));
    private final Router router = new Router(List.of(s1, s2, s3));
    private static final List<String> ALL = List.of("s1", "s2", "s3");

    private static Tunnel open(Backend on, String key) {
        return on.trackTunnel(new EmbeddedChannel(), key);
    }

    @Test
    void onlyTunnelsElsewhereWhoseKeyNowMapsToTheReturnedBackend() {
        String s1Key = Keys.winningOn("a", "s1", ALL, 0);
        String otherS1Key = Keys.winningOn("a", "s1", ALL, 1);
        String s2Key = Keys.winningOn("b", "s2", ALL, 0);
        String s3Key = Keys.winningOn("c", "s3", ALL, 0);
        Tunnel movedToS2 = open(s2, s1Key);
        Tunnel secondWindowOnS2 = open(s2, s1Key);
        Tunnel movedToS3 = open(s3, otherS1Key);
        open(s2, s2Key);        // where its key maps anyway
        open(s3, s3Key);        // ditto
        open(s2, null);         // keyless: least-loaded, belongs nowhere in particular
        open(s1, s1Key);        // already home

        assertThat(HandbackSelection.tunnelsFor(s1, router))
                .containsExactlyInAnyOrder(movedToS2, secondWindowOnS2, movedToS3);
    }

    @Test
    void theWinnerIsTakenOverTheBackendsHealthyNow() {
        // A key that s3 wins when all are up, and s1 when s3 is down: its tunnel sits on s2 (it was opened while
        // s1 and s3 were both down), so with s3 still down it goes to s1.
        String key = null;
        for (int i = 0; key == null; i++) {
            String k = "d" + i;
            if (Keys.winnerOf(k, ALL).equals("s3") && Keys.winnerOf(k, List.of("s1", "s2")).equals("s1")) {
                key = k;
            }
        }
        Tunnel t = open(s2, key);
        s3.setHealthy(false);
        assertThat(HandbackSelection.tunnelsFor(s1, router)).containsExactly(t);
        s3.setHealthy(true);
        assertThat(HandbackSelection.tunnelsFor(s1, router)).as("with s3 up, the key is s3's").isEmpty();
    }

    @Test
    void nothingBelongsToABackendThatIsDownAgainAndClosedTunnelsAreGone() {
        Tunnel t = open(s2, Keys.winningOn("e", "s1", ALL, 0));
        assertThat(HandbackSelection.belongsTo(t, s1, router)).isTrue();
        s1.setHealthy(false);
        assertThat(HandbackSelection.belongsTo(t, s1, router)).isFalse();
        assertThat(HandbackSelection.tunnelsFor(s1, router)).isEmpty();
        s1.setHealthy(true);
        t.client().close();
        assertThat(HandbackSelection.tunnelsFor(s1, router)).isEmpty();
    }
}
