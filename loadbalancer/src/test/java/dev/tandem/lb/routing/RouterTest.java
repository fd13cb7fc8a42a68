package dev.tandem.lb.routing;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.config.BackendSpec;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {
    private final Backend s1 = new Backend(new BackendSpec("s1", "127.0.0.1", 7001));
    private final Backend s2 = new Backend(new BackendSpec("s2", "127.0.0.1", 7002));
    private final Router router = new Router(List.of(s1, s2));

    @Test
    void excludedAndUnhealthyBackendsAreSkipped() {
        String key = "alice";
        Backend first = router.forKey(key, Set.of()).orElseThrow();
        Backend other = first == s1 ? s2 : s1;
        assertThat(router.forKey(key, Set.of(first))).contains(other);
        other.setHealthy(false);
        assertThat(router.forKey(key, Set.of(first))).isEmpty();
        assertThat(router.forKey(key, Set.of())).contains(first);
    }

    @Test
    void leastLoadedPrefersFewerOpenConnections() {
        EmbeddedChannel conn = new EmbeddedChannel();
        s1.trackConnection(conn);
        assertThat(router.leastLoaded(Set.of())).contains(s2);
        conn.close();
        s2.countRequest(); // equal connections: fewer requests served wins
        assertThat(router.leastLoaded(Set.of())).contains(s1);
        s1.setHealthy(false);
        assertThat(router.leastLoaded(Set.of())).contains(s2);
        assertThat(router.leastLoaded(Set.of(s2))).isEmpty();
    }

    @Test
    void mintedCookieKeysHashToTheChosenBackend() {
        for (int i = 0; i < 50; i++) {
            for (Backend target : List.of(s1, s2)) {
                String token = router.mintKeyFor(target);
                assertThat(token).matches("[0-9a-f]{16}");
                assertThat(router.forKey(token, Set.of())).contains(target);
            }
        }
    }
}
