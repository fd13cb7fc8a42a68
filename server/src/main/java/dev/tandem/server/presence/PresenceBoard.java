package dev.tandem.server.presence;

import dev.tandem.model.Codec;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.window.Broadcaster;
import dev.tandem.server.window.Window;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * What this server's windows have been told about presence, and the windows it counts: the welcome's
 * {@code online} and every later {@code presence} frame come from here, in one order.
 * <p>The <b>view</b> is the set of users every admitted window has been told are online (by its welcome and
 * the frames since). {@link #publish} moves the view to a new set and broadcasts the difference;
 * {@link #admit} hands a new window the view and lets it join the broadcasts. Both hold this board's lock,
 * so a window joins exactly between two frames: the view in its welcome is the one the next frame is the
 * difference from. A change neither falls between the welcome and the first frame (a gap) nor is told twice
 * (an overlap), with one exception: the welcome names the signing-in user themself, who may be new to the
 * view, so the next frame can name them in {@code online} again. Telling them is right (they are online), and
 * a frame that names an online user online again changes nothing for a client that keeps a set.
 * <p>Threads: thread-safe; every method holds this board's lock. {@link #admit} runs on the chat delivery
 * thread (inside the todo board's lock), {@link #closed} on session threads, or inline on any thread whose
 * send made Jetty close the window (a re-entry on the same thread, which the lock allows), {@link #publish}
 * and {@link #localUsers} on the presence thread. Under the lock only memory is touched and frames are only
 * queued (the broadcaster never blocks), so no thread waits long and none ever waits for Redis.
 */
public final class PresenceBoard {
    /** Sends the welcome with {@code online} and admits the window to broadcasts; false if it closed meanwhile. */
    @FunctionalInterface
    public interface Admission {
        boolean welcome(List<String> online);
    }

    private final Broadcaster broadcaster;
    private final LongSupplier nanoTime;
    private final LocalWindows local = new LocalWindows();
    /** The view, sorted and unmodifiable. */
    private List<String> view = List.of();

    public PresenceBoard(Broadcaster broadcaster) {
        this(broadcaster, System::nanoTime);
    }

    PresenceBoard(Broadcaster broadcaster, LongSupplier nanoTime) {
        this.broadcaster = broadcaster;
        this.nanoTime = nanoTime;
    }

    /**
     * Counts {@code window} as one of {@code user}'s, then runs {@code admission} with the view plus the user
     * (sorted by name): it must send the welcome and join the window to the broadcaster inside. A window
     * that closed meanwhile ({@code admission} false) or whose admission failed is not counted.
     */
    public synchronized boolean admit(String user, Window window, Admission admission) {
        boolean added = local.add(user, window);
        boolean kept = false;
        try {
            kept = admission.welcome(withUser(view, user));
            return kept;
        } finally {
            if (!kept && added) {
                local.undo(window);
            }
        }
    }

    /** A counted window closed (any other window: nothing happens). */
    public synchronized void closed(Window window) {
        local.remove(window, nanoTime.getAsLong());
    }

    /** The users online here: with a window signed in, or whose last closed within {@link LocalWindows#LINGER}. */
    synchronized Set<String> localUsers() {
        return local.users(nanoTime.getAsLong());
    }

    /** How many of {@code user}'s windows are signed in here. */
    synchronized int windows(String user) {
        return local.windows(user);
    }

    /** The view: who every window here has been told is online, sorted. */
    synchronized List<String> view() {
        return view;
    }

    /**
     * Makes {@code online} the view and broadcasts what changed, as one frame; nothing when nothing changed.
     * Returns the frame sent.
     */
    synchronized Optional<ServerMessage.Presence> publish(Set<String> online) {
        Set<String> next = new TreeSet<>(online);
        List<String> cameOnline = new ArrayList<>();
        for (String user : next) {
            if (Collections.binarySearch(view, user) < 0) {
                cameOnline.add(user);
            }
        }
        List<String> wentOffline = new ArrayList<>();
        for (String user : view) {
            if (!next.contains(user)) {
                wentOffline.add(user);
            }
        }
        if (cameOnline.isEmpty() && wentOffline.isEmpty()) {
            return Optional.empty();
        }
        view = List.copyOf(next);
        ServerMessage.Presence frame = new ServerMessage.Presence(cameOnline, wentOffline);
        broadcaster.broadcast(Codec.get().encode(frame));
        return Optional.of(frame);
    }

    private static List<String> withUser(List<String> sorted, String user) {
        int at = Collections.binarySearch(sorted, user);
        if (at >= 0) {
            return sorted;
        }
        List<String> copy = new ArrayList<>(sorted.size() + 1);
        copy.addAll(sorted);
        copy.add(-at - 1, user);
        return Collections.unmodifiableList(copy);
    }
}
