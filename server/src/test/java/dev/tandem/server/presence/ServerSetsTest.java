package dev.tandem.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.presence.PresenceStore.ServerState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerSetsTest {
    private final ServerSets sets = new ServerSets();

    private static ServerState read(String server, String stamp, String... users) {
        return new ServerState(server, stamp, Set.of(users));
    }

    private static ServerState unchanged(String server, String stamp) {
        return new ServerState(server, stamp, null);
    }

    private static ServerState gone(String server) {
        return new ServerState(server, null, null);
    }

    @Test
    void theUsersAreTheUnionOfEveryServersSet() {
        sets.apply(List.of(read("s2", "a.1", "bob", "dave"), read("s3", "b.1", "dave", "erin")), false);
        assertThat(sets.users()).containsExactlyInAnyOrder("bob", "dave", "erin");
        assertThat(sets.stamps()).isEqualTo(Map.of("s2", "a.1", "s3", "b.1"));
    }

    @Test
    void anUnchangedServerKeepsItsSetAndAChangedOneIsReplacedWhole() {
        sets.apply(List.of(read("s2", "a.1", "bob", "dave"), read("s3", "b.1", "erin")), false);
        sets.apply(List.of(unchanged("s2", "a.1"), read("s3", "b.2", "frank")), false);
        assertThat(sets.users()).containsExactlyInAnyOrder("bob", "dave", "frank");
        assertThat(sets.stamps()).containsEntry("s3", "b.2");
    }

    @Test
    void aServerWhoseKeyExpiredOrThatLeftTheRegistryIsDropped() {
        sets.apply(List.of(read("s2", "a.1", "bob"), read("s3", "b.1", "erin")), false);
        sets.apply(List.of(gone("s2")), false); // s3 is not even registered any more
        assertThat(sets.users()).isEmpty();
        assertThat(sets.stamps()).as("a server that comes back with its old stamp is read in full").isEmpty();
    }

    @Test
    void anUnchangedAnswerForAStampNotHeldIsNotTrusted() {
        sets.apply(List.of(read("s2", "a.1", "bob")), false);
        sets.apply(List.of(unchanged("s2", "a.9")), false);
        assertThat(sets.known()).doesNotContainKey("s2");
    }

    @Test
    void rightAfterAnOutageMissingServersKeepTheirUsers() {
        sets.apply(List.of(read("s2", "a.1", "bob"), read("s3", "b.1", "erin")), false);
        sets.apply(List.of(gone("s2")), true); // Redis came back empty: s3 not registered again yet
        assertThat(sets.users()).containsExactlyInAnyOrder("bob", "erin");
        sets.apply(List.of(read("s2", "a.2", "bob", "carol")), true);
        assertThat(sets.users()).containsExactlyInAnyOrder("bob", "carol", "erin");
        sets.apply(List.of(unchanged("s2", "a.2")), false); // the grace is over: s3 never came back
        assertThat(sets.users()).containsExactlyInAnyOrder("bob", "carol");
    }
}
