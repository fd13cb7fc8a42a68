package dev.tandem.server.auth;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few threads of their own for the deliberately slow password hashes, with a bounded queue in front.
 * <p>Why: hashed on the WebSocket handler threads, a burst of sign-ins ran hundreds of hashes at once and
 * starved chat delivery and {@code /health} of CPU. Here at most {@code threads} hash at a time; callers
 * wait (blocked, not spinning), and once {@code queued} are waiting further work is refused at once as
 * busy rather than piling up. Thread-safe.
 */
final class HashPool implements AutoCloseable {
    /** Too many hashes are waiting already; the client should retry in a moment. */
    static final class BusyException extends RuntimeException {
        BusyException(int queued) {
            super(queued + " sign-ins are already waiting for a password check");
        }
    }

    private final ThreadPoolExecutor executor;

    HashPool(int threads, int queued) {
        AtomicInteger created = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queued), r -> {
                    Thread thread = new Thread(r, "password-hash-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** One thread per core, 32 waiting per core. */
    static HashPool perCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new HashPool(cores, 32 * cores);
    }

    /**
     * Runs {@code work} on a pool thread and waits for its result; its exceptions reach the caller.
     *
     * @throws BusyException if the queue is full
     */
    <T> T run(Callable<T> work) {
        Future<T> result;
        try {
            result = executor.submit(work);
        } catch (RejectedExecutionException e) {
            throw new BusyException(executor.getQueue().size());
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking a password", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    /** Work queued and not yet started. */
    int waiting() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
