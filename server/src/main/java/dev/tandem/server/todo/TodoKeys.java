package dev.tandem.server.todo;

/**
 * Redis names of the durable todo record. Both keys of one user share the hash tag {@code {user}}, so a
 * script touching them stays valid on Redis Cluster (one slot per user).
 */
final class TodoKeys {
    /**
     * Channel on which a lease take-over is announced ({@code "<user> <epoch> <owner>"}); the former owner
     * drops its copy at once instead of at its next refused commit.
     */
    static final String LEASE_CHANNEL = "tandem:todo-leases";

    private TodoKeys() {
    }

    /**
     * Hash: {@code epoch} (the lease's fencing token), {@code owner} (server id, "" when released), {@code rev}
     * (the list's revision), {@code next} (next todo id) and one field {@code t:<id>} per todo (its JSON).
     */
    static String list(String user) {
        return "tandem:todos:{" + user + "}";
    }

    /** Sorted set of the client ids applied lately (score: when, in ms), for de-duplicating resends. */
    static String requests(String user) {
        return "tandem:todos:{" + user + "}:requests";
    }
}
