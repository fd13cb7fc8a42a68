package dev.tandem.server.ws;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fans a broadcast out over one thread per core, so writing a message to thousands of connections uses
 * every core instead of one.
 * <p>Threads: each shard is a single-thread executor that owns its member list. Joins, leaves, broadcasts
 * and sends to chosen connections all travel through the shard's queue, so a connection gets frames in the
 * order they were submitted and joins exactly between two broadcasts: it receives every broadcast submitted
 * after its join, none before.
 */
final class BroadcastShards implements AutoCloseable {
    private final ExecutorService[] shards;
    /** members[i] is touched only by shards[i]'s thread. */
    private final List<List<Connection>> members;

    BroadcastShards(int count) {
        shards = new ExecutorService[count];
        members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = "chat-shard-" + i;
            shards[i] = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, name);
                thread.setDaemon(true);
                return thread;
            });
            members.add(new ArrayList<>());
        }
    }

    /** One shard per core, at least two, so one slow write pass never holds up every connection. */
    static BroadcastShards perCore() {
        return new BroadcastShards(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    void join(Connection connection) {
        int shard = shardOf(connection);
        shards[shard].execute(() -> members.get(shard).add(connection));
    }

    void leave(Connection connection) {
        int shard = shardOf(connection);
        shards[shard].execute(() -> members.get(shard).remove(connection));
    }

    /** Queues {@code utf8} (read-only, shared by every connection) to every member of every shard. */
    void broadcast(ByteBuffer utf8) {
        for (int i = 0; i < shards.length; i++) {
            List<Connection> list = members.get(i);
            shards[i].execute(() -> {
                for (Connection connection : list) {
                    connection.sendUtf8(utf8);
                }
            });
        }
    }

    /** Queues {@code utf8} to every member but {@code except} (compared by identity). */
    void broadcastExcept(ByteBuffer utf8, Set<?> except) {
        for (int i = 0; i < shards.length; i++) {
            List<Connection> list = members.get(i);
            shards[i].execute(() -> {
                for (Connection connection : list) {
                    if (!except.contains(connection)) {
                        connection.sendUtf8(utf8);
                    }
                }
            });
        }
    }

    /**
     * Queues {@code utf8} to each of {@code connections} on its own shard, so it keeps its place among the
     * broadcasts that shard writes. One task per shard involved.
     */
    void send(ByteBuffer utf8, List<Connection> connections) {
        if (connections.size() == 1) {
            Connection only = connections.get(0);
            shards[shardOf(only)].execute(() -> only.sendUtf8(utf8));
            return;
        }
        List<List<Connection>> byShard = new ArrayList<>(shards.length);
        for (int i = 0; i < shards.length; i++) {
            byShard.add(null);
        }
        for (Connection connection : connections) {
            int shard = shardOf(connection);
            if (byShard.get(shard) == null) {
                byShard.set(shard, new ArrayList<>(4));
            }
            byShard.get(shard).add(connection);
        }
        for (int i = 0; i < shards.length; i++) {
            List<Connection> targets = byShard.get(i);
            if (targets != null) {
                shards[i].execute(() -> {
                    for (Connection connection : targets) {
                        connection.sendUtf8(utf8);
                    }
                });
            }
        }
    }

    private int shardOf(Connection connection) {
        return Math.floorMod(System.identityHashCode(connection), shards.length);
    }

    @Override
    public void close() {
        for (ExecutorService shard : shards) {
            shard.shutdownNow();
        }
    }
}
