package dev.tandem.client.store;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each account's {@link SavedCopy} at start and keeps it current while the window runs: a save
 * replaces the copy waiting to be written, and a write happens at most once per {@code coalesce}, so a
 * busy chat costs one small write a second, not one per message. {@link #close()} writes what is waiting.
 *
 * <p>Threads: {@link #save} and {@link #load} from the UI thread; writes on the own {@code tandem-store}
 * thread. The waiting copy is handed over through an atomic reference; the copy itself is immutable.
 */
public final class SavedCopies implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SavedCopies.class);

    private record Waiting(AccountFiles files, SavedCopy copy) {
    }

    private final DataDirectory data;
    private final Duration coalesce;
    private final ScheduledExecutorService io = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tandem-store");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Waiting> waiting = new AtomicReference<>();

    public SavedCopies(DataDirectory data, Duration coalesce) {
        this.data = data;
        this.coalesce = coalesce;
    }

    /** The copy saved for {@code user} at {@code server}, if there is a readable one. */
    public Optional<SavedCopy> load(URI server, String user) {
        return SavedCopy.load(data.account(server, user));
    }

    /**
     * Saves {@code copy} soon (within the coalescing delay), replacing any copy still waiting. Once closed (the
     * window is gone; a message it was handed just before may still arrive) nothing more is saved.
     */
    public void save(URI server, String user, SavedCopy copy) {
        if (io.isShutdown()) {
            return;
        }
        if (waiting.getAndSet(new Waiting(data.account(server, user), copy)) == null) {
            io.schedule(this::writeWaiting, coalesce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Writes what is waiting and stops the writer thread. */
    @Override
    public void close() {
        if (io.isShutdown()) {
            return;
        }
        io.execute(this::writeWaiting);
        io.shutdown();
        try {
            if (!io.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the saved copy was not written within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeWaiting() {
        Waiting next = waiting.getAndSet(null);
        if (next == null) {
            return;
        }
        try {
            next.copy().save(next.files());
        } catch (IOException e) {
            log.warn("could not save the copy in {}: {}", next.files().dir(), e.toString()); // costs only the instant start
        }
    }
}
