package dev.tandem.server.relay;

import dev.tandem.server.window.Window;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A sign-in's turn on the delivery thread ({@link RelayFeed#admit}): what was delivered since its snapshot
 * was read. Used only inside the admitter, on the delivery thread.
 */
public final class Admission {
    private final LocalMembers members;
    private final List<Envelope> since;

    Admission(LocalMembers members, List<Envelope> since) {
        this.members = members;
        this.since = since;
    }

    /**
     * Makes {@code window} one of {@code user}'s windows here ({@code rooms}: their rooms at the snapshot,
     * general left out) and sends it, directly, what it missed since the snapshot. Call right after its
     * welcome: the live envelopes follow.
     */
    public void join(String user, Set<String> rooms, Window window) {
        members.add(user, window, LocalMembers.evolve(since, user, rooms));
        LocalMembers.replay(since, user, new HashSet<>(rooms), window);
    }

    /** A sign-in snapshot older than the envelopes held in memory: read it again. */
    public static final class StaleSnapshot extends RuntimeException {
        StaleSnapshot() {
            super("the sign-in snapshot is older than the relay envelopes held in memory", null, false, false);
        }
    }
}
