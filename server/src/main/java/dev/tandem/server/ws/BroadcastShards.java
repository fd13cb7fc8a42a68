package dev.tandem.server.ws;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fans writing out over one {@link WriteShard} per core, so writing a message to thousands of connections
 * uses every core instead of one. A connection's shard is chosen by its user (the connection URL's
 * {@code ?user=}), so all of a user's windows share one shard and one lane in it: however many windows one
 * user opens, the others' writes on that shard take turns with theirs, and the other shards never see them.
 * <p>Threads: any thread may call these methods; each shard owns its member list. Joins, leaves, broadcasts
 * and sends to chosen connections travel through the shard's task queue, so a connection's frames are
 * queued in the order they were submitted and a join falls exactly between two broadcasts: it receives
 * every broadcast submitted after its join, none before.
 */
final class BroadcastShards implements AutoCloseable {
    private final WriteShard[] shards;

    BroadcastShards(int count) {
        shards = new WriteShard[count];
        for (int i = 0; i < count; i++) {
            shards[i] = new WriteShard("chat-shard-" + i);
        }
    }

    /** One shard per core, at least two, so one slow write pass never holds up every connection. */
    static BroadcastShards perCore() {
        return new BroadcastShards(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** The shard for the windows of {@code lane} (a user name, or a connection's own id). */
    WriteShard shardFor(String lane) {
        return shards[Math.floorMod(lane.hashCode(), shards.length)];
    }

    void join(Connection connection) {
        connection.shard().join(connection);
    }

    void leave(Connection connection) {
        connection.shard().leave(connection);
    }

    /** Queues {@code utf8} (read-only, shared by every connection) to every member of every shard. */
    void broadcast(ByteBuffer utf8) {
        for (WriteShard shard : shards) {
            shard.broadcast(utf8, null);
        }
    }

    /** Queues {@code utf8} to every member but {@code except} (compared by identity). */
    void broadcastExcept(ByteBuffer utf8, Set<?> except) {
        for (WriteShard shard : shards) {
            shard.broadcast(utf8, except);
        }
    }

    /**
     * Queues {@code utf8} to each of {@code connections} on its own shard, so it keeps its place among the
     * broadcasts that shard queues. One task per shard involved.
     */
    void send(ByteBuffer utf8, List<Connection> connections) {
        if (connections.size() == 1) {
            Connection only = connections.get(0);
            only.shard().send(utf8, connections);
            return;
        }
        List<List<Connection>> byShard = new ArrayList<>(shards.length);
        for (int i = 0; i < shards.length; i++) {
            byShard.add(null);
        }
        for (Connection connection : connections) {
            int shard = indexOf(connection.shard());
            if (byShard.get(shard) == null) {
                byShard.set(shard, new ArrayList<>(4));
            }
            byShard.get(shard).add(connection);
        }
        for (int i = 0; i < shards.length; i++) {
            List<Connection> targets = byShard.get(i);
            if (targets != null) {
                shards[i].send(utf8, targets);
            }
        }
    }

    private int indexOf(WriteShard shard) {
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] == shard) {
                return i;
            }
        }
        throw new IllegalArgumentException("not one of these shards");
    }

    @Override
    public void close() {
        for (WriteShard shard : shards) {
            shard.close();
        }
    }
}
