package dev.tandem.lb.handback;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.backend.Tunnel;
import dev.tandem.lb.routing.Router;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which open tunnels belong to a backend that has just come back: those on another backend whose affinity
 * key's rendezvous winner, over the backends healthy right now, is the returned one. Keyless tunnels
 * (least-loaded, no cookie) belong nowhere in particular and are never selected; tunnels of other keys stay
 * where their key maps.
 * <p>
 * Stateless; safe on any thread (it reads the backends' live tunnel sets and volatile health, so a tunnel
 * opened or closed while it runs may or may not be in the answer).
 */
final class HandbackSelection {
    private HandbackSelection() {
    }

    /** The tunnels on other backends that {@code returned} now wins. */
    static List<Tunnel> tunnelsFor(Backend returned, Router router) {
        List<Tunnel> due = new ArrayList<>();
        for (Backend b : router.backends()) {
            if (b == returned) {
                continue;
            }
            for (Tunnel t : b.openTunnels()) {
                if (belongsTo(t, returned, router)) {
                    due.add(t);
                }
            }
        }
        return due;
    }

    /** True while {@code t} sits elsewhere and its key maps to {@code returned} (which must be healthy for that). */
    static boolean belongsTo(Tunnel t, Backend returned, Router router) {
        return t.key() != null && t.backend() != returned
                && router.forKey(t.key(), Set.of()).orElse(null) == returned;
    }
}
