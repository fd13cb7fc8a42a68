package dev.tandem.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who gets which envelope on one server, and what a window that signs in late is sent. */
class LocalMembersTest {
    private static Envelope envelope(long seq, Envelope.Kind kind, String room, String user, String frame) {
        return new Envelope(seq, kind, room, user, 0, frame, null);
    }

    @Test
    void aRoomsEnvelopesReachItsLocalMembersOnlyAndMembershipFollowsTheRelay() {
        DirectBroadcaster hub = new DirectBroadcaster();
        LocalMembers members = new LocalMembers(hub);
        RecordingWindow ann = new RecordingWindow("a");
        RecordingWindow annToo = new RecordingWindow("a2");
        RecordingWindow bob = new RecordingWindow("b");
        hub.everyone.addAll(List.of(ann, annToo, bob));
        members.add("ann", ann, Set.of("design"));
        members.add("ann", annToo, Set.of("ignored: not her first window"));
        members.add("bob", bob, Set.of());

        members.deliver(envelope(1, Envelope.Kind.MESSAGE, "design", "ann", "m1"));
        members.deliver(envelope(2, Envelope.Kind.JOIN, "design", "bob", "bob joined"));
        members.deliver(envelope(3, Envelope.Kind.MEMBER, "design", "bob", "bob is in"));
        members.deliver(envelope(4, Envelope.Kind.MESSAGE, "design", "ann", "m2"));
        members.deliver(envelope(5, Envelope.Kind.TYPING, "general", "ann", "ann types"));
        members.deliver(envelope(6, Envelope.Kind.LEAVE, "design", "ann", "ann left"));
        members.deliver(envelope(7, Envelope.Kind.MESSAGE, "design", "bob", "m3"));
        members.deliver(envelope(8, Envelope.Kind.READ, "design", "bob", "bob read"));

        assertThat(ann.frames).containsExactly("m1", "bob is in", "m2", "ann left");
        assertThat(annToo.frames).isEqualTo(ann.frames);
        assertThat(bob.frames).containsExactly("bob joined", "m2", "ann types", "m3", "bob read");
        assertThat(members.roomsOf("ann")).isEmpty();
        assertThat(members.roomsOf("bob")).containsExactly("design");

        members.remove("bob", bob);
        assertThat(members.has("bob")).isFalse();
        members.deliver(envelope(9, Envelope.Kind.MESSAGE, "design", "carl", "m4"));
        assertThat(bob.frames).as("gone").hasSize(5);
    }

    @Test
    void aLateWindowIsSentWhatItsUserGotSinceTheSnapshot() {
        List<Envelope> since = List.of(
                new Envelope(11, Envelope.Kind.MESSAGE, "design", "ann", 5, "m5", "ann read 5"),
                envelope(12, Envelope.Kind.MESSAGE, "secret", "carl", "not hers"),
                envelope(13, Envelope.Kind.JOIN, "secret", "ann", "ann joined secret"),
                envelope(14, Envelope.Kind.MESSAGE, "secret", "carl", "now hers"),
                envelope(15, Envelope.Kind.READ, "design", "bob", "bob's read"),
                envelope(16, Envelope.Kind.LEAVE, "design", "ann", "ann left design"),
                envelope(17, Envelope.Kind.MESSAGE, "design", "bob", "after she left"));
        RecordingWindow late = new RecordingWindow("late");
        LocalMembers.replay(since, "ann", new java.util.HashSet<>(Set.of("design")), late);
        assertThat(late.frames).containsExactly("m5", "ann read 5", "ann joined secret", "now hers", "ann left design");
        assertThat(LocalMembers.evolve(since, "ann", Set.of("design"))).containsExactly("secret");
    }
}
