package dev.tandem.lb.routing;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.config.BackendSpec;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RendezvousHashTest {

    private static List<Backend> backends(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new Backend(new BackendSpec(id, "127.0.0.1", 7000))).toList();
    }

    private static Map<String, String> assign(Router router, List<String> keys) {
        Map<String, String> m = new HashMap<>();
        keys.forEach(k -> m.put(k, router.forKey(k, Set.of()).orElseThrow().id()));
        return m;
    }

    private static final List<String> KEYS = IntStream.range(0, 2000).mapToObj(i -> "user" + i).toList();

    @Test
    void weightIsStableAndDependsOnBothKeyAndBackend() {
        assertThat(RendezvousHash.weight("alice", "s1")).isEqualTo(RendezvousHash.weight("alice", "s1"));
        assertThat(RendezvousHash.weight("alice", "s1")).isNotEqualTo(RendezvousHash.weight("alice", "s2"));
        assertThat(RendezvousHash.weight("alice", "s1")).isNotEqualTo(RendezvousHash.weight("bob", "s1"));
        // the separator keeps ("ab","c") and ("a","bc") apart
        assertThat(RendezvousHash.weight("ab", "c")).isNotEqualTo(RendezvousHash.weight("a", "bc"));
    }

    @Test
    void removingABackendMovesOnlyItsOwnKeys() {
        List<Backend> three = backends("s1", "s2", "s3");
        Map<String, String> before = assign(new Router(three), KEYS);
        Map<String, String> after = assign(new Router(three), KEYS);
        assertThat(after).isEqualTo(before);

        three.get(1).setHealthy(false); // s2 goes away
        Map<String, String> without = assign(new Router(three), KEYS);
        int moved = 0;
        for (String k : KEYS) {
            if (before.get(k).equals("s2")) {
                assertThat(without.get(k)).isIn("s1", "s3");
                moved++;
            } else {
                assertThat(without.get(k)).as("key %s was not on s2 and must stay", k).isEqualTo(before.get(k));
            }
        }
        assertThat(moved).isPositive();
    }

    @Test
    void addingABackendTakesKeysOnlyForItself() {
        Map<String, String> two = assign(new Router(backends("s1", "s2")), KEYS);
        Map<String, String> three = assign(new Router(backends("s1", "s2", "s3")), KEYS);
        for (String k : KEYS) {
            if (!three.get(k).equals("s3")) {
                assertThat(three.get(k)).isEqualTo(two.get(k));
            }
        }
    }

    @Test
    void twentyUsersSpreadOverTwoBackends() {
        Router router = new Router(backends("s1", "s2"));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 1; i <= 20; i++) {
            counts.merge(router.forKey(String.format("user%02d", i), Set.of()).orElseThrow().id(), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("s1", "s2");
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(5, 15));
    }

    @Test
    void manyKeysSpreadEvenlyOverFourBackends() {
        Router router = new Router(backends("s1", "s2", "s3", "s4"));
        Map<String, Integer> counts = new HashMap<>();
        assign(router, KEYS).values().forEach(id -> counts.merge(id, 1, Integer::sum));
        // 2000 keys, 500 expected each; a fair hash stays well within +-20%.
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(400, 600));
    }
}
