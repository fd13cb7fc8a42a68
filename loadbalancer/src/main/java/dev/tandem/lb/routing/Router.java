package dev.tandem.lb.routing;

import dev.tandem.lb.backend.Backend;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks backends. Stateless apart from the backend list; safe on any thread (it reads the backends'
 * volatile health and atomic counters).
 */
public final class Router {
    private final List<Backend> backends;

    public Router(List<Backend> backends) {
        this.backends = List.copyOf(backends);
    }

    public List<Backend> backends() {
        return backends;
    }

    /** The healthy backend with the highest rendezvous weight for the key, skipping {@code exclude}. */
    public Optional<Backend> forKey(String key, Set<Backend> exclude) {
        Backend best = null;
        for (Backend b : backends) {
            if (!b.isHealthy() || exclude.contains(b)) {
                continue;
            }
            if (best == null || RendezvousHash.beats(key, b.id(), best.id())) {
                best = b;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The healthy backend with the fewest open connections (then fewest requests served), skipping exclude. */
    public Optional<Backend> leastLoaded(Set<Backend> exclude) {
        return backends.stream()
                .filter(b -> b.isHealthy() && !exclude.contains(b))
                .min(Comparator.comparingInt(Backend::openConnections).thenComparingLong(Backend::requests));
    }

    /**
     * A fresh random affinity token that rendezvous hashing currently maps to {@code target}. The cookie
     * then works like any other key: it follows the hash if {@code target} goes away.
     */
    public String mintKeyFor(Backend target) {
        String token = null;
        for (int attempt = 0; attempt < 1000; attempt++) {
            token = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
            Optional<Backend> winner = forKey(token, Set.of());
            if (winner.isEmpty() || winner.get() == target) {
                return token;
            }
        }
        return token; // only reachable if health flips mid-loop; the token is still a valid key
    }
}
