package dev.tandem.server.presence;

import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TestClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Who one test window has been told is online: its welcome's {@code online}, then each {@code presence}
 * frame applied in arrival order ({@link TestClient#nextPresence}), checked as it is applied. A frame must be a change: it may name offline only
 * someone the window holds online, and online only someone it does not (or the window's own user, whom the
 * welcome already names while the others are told with the next frame). Anything else is an overlap, and
 * fails the test at once; a change that never arrives (a gap) fails the wait.
 * <p>Threads: the test thread only.
 */
final class SeenOnline {
    private final TestClient client;
    private final String self;
    private final Set<String> online;
    private final Set<String> reportedOffline = new HashSet<>();
    private final List<ServerMessage.Presence> frames = new CopyOnWriteArrayList<>();

    SeenOnline(TestClient client) {
        this.client = client;
        this.self = client.welcome().user();
        this.online = new TreeSet<>(client.welcome().online());
    }

    /** Applies frames until {@code condition} holds for the window's view; fails after {@code timeout}. */
    Set<String> await(String what, Duration timeout, Predicate<Set<String>> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(online)) {
            long left = deadline - System.nanoTime();
            ServerMessage.Presence frame;
            try {
                frame = left <= 0 ? null : client.nextPresence(left / 1_000_000 + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (frame == null) {
                throw new AssertionError(self + ": not within " + timeout + ": " + what + "; holds online " + online
                        + " after frames " + frames);
            }
            apply(frame);
        }
        return online();
    }

    /** Applies the frames that have arrived, without waiting for more. */
    void drain() {
        try {
            for (ServerMessage.Presence frame = client.nextPresence(0); frame != null; frame = client.nextPresence(0)) {
                apply(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Set<String> awaitOnline(String user) {
        return await(user + " online", Duration.ofSeconds(10), seen -> seen.contains(user));
    }

    Set<String> awaitOffline(String user) {
        return await(user + " offline", Duration.ofSeconds(10), seen -> !seen.contains(user));
    }

    private void apply(ServerMessage.Presence frame) {
        frames.add(frame);
        for (String user : frame.offline()) {
            if (!online.remove(user)) {
                throw new AssertionError(self + ": told " + user + " went offline, but held " + online + " (frames " + frames + ")");
            }
            reportedOffline.add(user);
        }
        for (String user : frame.online()) {
            if (!online.add(user) && !user.equals(self)) {
                throw new AssertionError(self + ": told " + user + " came online again (frames " + frames + ")");
            }
        }
    }

    /** Who the window holds online now. */
    Set<String> online() {
        return Set.copyOf(online);
    }

    /** Everyone a frame ever said went offline. */
    Set<String> reportedOffline() {
        return Set.copyOf(reportedOffline);
    }
}
