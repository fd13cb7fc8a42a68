package dev.tandem.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.presence.PresenceStore.ServerState;
import dev.tandem.server.support.Await;
import dev.tandem.server.support.TandemCluster;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis layout and its two scripts, against a real Redis (no app server). Each test uses server ids of its own. */
@Timeout(30)
class PresenceStoreIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(0);

    private static PresenceStore store(String serverId) {
        return new PresenceStore(cluster.admin(), serverId);
    }

    private static Optional<ServerState> seen(PresenceStore reader, String server, Map<String, String> held) {
        return reader.others(held).stream().filter(s -> s.server().equals(server)).findFirst();
    }

    @Test
    void aWriteReplacesTheWholeSetAndOthersReReadItOnlyWhenItsStampChanged() {
        PresenceStore s2 = store("w-s2");
        PresenceStore s1 = store("w-s1");
        s2.write("x.1", List.of("bob", "carol"));
        assertThat(seen(s1, "w-s2", Map.of())).contains(new ServerState("w-s2", "x.1", Set.of("bob", "carol")));
        assertThat(seen(s1, "w-s2", Map.of("w-s2", "x.1"))).as("unchanged").contains(new ServerState("w-s2", "x.1", null));

        s2.write("x.2", List.of("carol"));
        assertThat(seen(s1, "w-s2", Map.of("w-s2", "x.1"))).contains(new ServerState("w-s2", "x.2", Set.of("carol")));
        s2.write("x.3", List.of());
        assertThat(seen(s1, "w-s2", Map.of("w-s2", "x.2"))).as("an empty set is a set")
                .contains(new ServerState("w-s2", "x.3", Set.of()));
        assertThat(s1.others(Map.of())).extracting(ServerState::server).as("a server never reads itself").doesNotContain("w-s1");
    }

    @Test
    void aRefreshRenewsTheTimeToLiveOfTheStampItWroteAndNothingElse() {
        PresenceStore s2 = store("r-s2");
        RedisCommands<String, String> redis = cluster.admin();
        s2.write("y.1", List.of("bob"));
        redis.pexpire(PresenceStore.key("r-s2"), 500);
        assertThat(s2.refresh("y.1")).isTrue();
        assertThat(redis.pttl(PresenceStore.key("r-s2"))).isBetween(500L, PresenceStore.TTL.toMillis());
        assertThat(s2.refresh("y.0")).as("another stamp: write again").isFalse();
        redis.del(PresenceStore.key("r-s2"));
        assertThat(s2.refresh("y.1")).as("Redis lost the key").isFalse();
        assertThat(redis.exists(PresenceStore.key("r-s2"))).as("a failed refresh writes nothing").isZero();
        assertThat(redis.zscore(PresenceStore.SERVERS, "r-s2")).as("registered, by Redis's clock").isPositive();
    }

    @Test
    void aKeyThatExpiresTakesEveryUserInItOfflineAtOnce() {
        PresenceStore s2 = store("e-s2");
        PresenceStore s1 = store("e-s1");
        s2.write("z.1", List.of("bob", "carol"));
        cluster.admin().pexpire(PresenceStore.key("e-s2"), 50);
        Await.until(Duration.ofSeconds(5), "e-s2 reads as gone",
                () -> seen(s1, "e-s2", Map.of("e-s2", "z.1")).equals(Optional.of(new ServerState("e-s2", null, null))));
    }

    @Test
    void aServerRestartedWithTheSameIdClearsWhatItsLastLifeLeft() {
        store("x-s3").write("old.7", List.of("ghost"));
        PresenceStore reader = store("x-s1");
        assertThat(seen(reader, "x-s3", Map.of()).orElseThrow().users()).containsExactly("ghost");
        store("x-s3").write("new.1", List.of()); // what a new process's first heartbeat does
        assertThat(seen(reader, "x-s3", Map.of("x-s3", "old.7"))).contains(new ServerState("x-s3", "new.1", Set.of()));
    }

    @Test
    void aLargeSetIsWrittenInChunksAndReadWhole() {
        Set<String> many = IntStream.range(0, 1234).mapToObj(i -> "user-" + i).collect(Collectors.toSet());
        store("l-s2").write("big.1", many);
        assertThat(seen(store("l-s1"), "l-s2", Map.of()).orElseThrow().users()).isEqualTo(many);
        assertThat(cluster.admin().hget(PresenceStore.key("l-s2"), PresenceStore.STAMP)).isEqualTo("big.1");
    }
}
