package dev.tandem.bench.scenario;

import dev.tandem.bench.net.WsClients;
import dev.tandem.bench.wire.ChatWire;
import dev.tandem.bench.wire.Credentials;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Opens a population of bench clients at a steady rate and waits until each has either signed in or
 * failed. Used from one controlling thread (the scenario's); the clients themselves live on the
 * event loops of {@link WsClients}.
 */
final class ClientPool {
    private final WsClients net;
    private final ChatWire wire;
    private final List<URI> targets;
    private final Function<String, Credentials> credentials;

    ClientPool(WsClients net, ChatWire wire, List<URI> targets, Function<String, Credentials> credentials) {
        this.net = net;
        this.wire = wire;
        this.targets = targets;
        this.credentials = credentials;
    }

    /** User name of client {@code index}: bench-0000, bench-0001, … */
    static String userName(String prefix, int index) {
        return String.format("%s%04d", prefix, index);
    }

    /**
     * Connects {@code count} clients, {@code perSecond} per second, and waits (at most {@code timeout}
     * after the last connect) until every one is ready or closed.
     */
    List<BenchClient> open(String userPrefix, int count, double perSecond, Duration timeout, ClientEvents events)
            throws InterruptedException {
        CountDownLatch settled = new CountDownLatch(count);
        ClientEvents counting = new ClientEvents() {
            @Override
            public void onReady(BenchClient client) {
                settled.countDown();
                events.onReady(client);
            }

            @Override
            public void onChat(BenchClient client, io.netty.buffer.ByteBuf frame) {
                events.onChat(client, frame);
            }

            @Override
            public void onError(BenchClient client, String frame) {
                events.onError(client, frame);
            }

            @Override
            public void onErrorFrame(BenchClient client, io.netty.buffer.ByteBuf frame) {
                events.onErrorFrame(client, frame);
            }

            @Override
            public void onTodo(BenchClient client, io.netty.buffer.ByteBuf frame) {
                events.onTodo(client, frame);
            }

            @Override
            public void onOther(BenchClient client, io.netty.buffer.ByteBuf frame) {
                events.onOther(client, frame);
            }

            @Override
            public void onClosed(BenchClient client, boolean wasReady, int code, String reason, Throwable cause) {
                if (!wasReady) {
                    settled.countDown();
                }
                events.onClosed(client, wasReady, code, reason, cause);
            }
        };
        List<BenchClient> clients = new ArrayList<>(count);
        long start = System.nanoTime();
        double intervalNanos = 1e9 / perSecond;
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * intervalNanos);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String user = userName(userPrefix, i);
            BenchClient client = new BenchClient(i, user, wire, credentials.apply(user), counting);
            clients.add(client);
            net.connect(wire.connectUri(targets.get(i % targets.size()), user), i, client);
        }
        settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return clients;
    }

    /**
     * Waits until every event loop has run everything queued before this call: afterwards the calling
     * thread sees all client state those loops wrote (a happens-before edge through the task queue).
     */
    void barrier() throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (EventExecutor loop : net.group()) {
            done.add(loop.submit(() -> { }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    static long countReady(List<BenchClient> clients) {
        return clients.stream().filter(c -> c.state() == BenchClient.State.READY).count();
    }

    /** Every client opened, and those of them that signed in. */
    record Opened(List<BenchClient> all, List<BenchClient> ready) {
        int failures() {
            return all.size() - ready.size();
        }
    }

    /**
     * Opens {@code count} clients at {@code perSecond}, waits until every sign-in has ended one way or the
     * other, and says which are ready: the start of every scenario.
     */
    Opened openAll(String userPrefix, int count, double perSecond, Duration timeout, ClientEvents events)
            throws Exception {
        List<BenchClient> all = open(userPrefix, count, perSecond, timeout, events);
        barrier();
        return new Opened(all, all.stream().filter(c -> c.state() == BenchClient.State.READY).toList());
    }

    /** Closes every client and waits (bounded) until their connections are gone. */
    static void closeAll(List<BenchClient> clients, Duration timeout) throws InterruptedException {
        clients.forEach(BenchClient::close);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline
                && clients.stream().anyMatch(c -> c.state() != BenchClient.State.CLOSED)) {
            Thread.sleep(20);
        }
    }
}
