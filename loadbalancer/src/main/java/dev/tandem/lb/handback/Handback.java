package dev.tandem.lb.handback;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.backend.Tunnel;
import dev.tandem.lb.routing.Router;
import dev.tandem.lb.tunnel.RelayHandler;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Handback: when a backend that was down is up again, the users whose keys map to it again come back to it,
 * open WebSocket tunnels included. New connections follow the hash by themselves; a tunnel opened on the
 * runner-up while the backend was down would stay there for as long as it lives, so every such tunnel
 * ({@link HandbackSelection}) is closed and its client reconnects through the proxy onto the returned backend.
 * <p>
 * The closes are spread over {@code --handback-spread-ms} ({@link HandbackSchedule}) so that thousands of
 * reconnects arrive as a stream, not in one millisecond. At its turn each tunnel is checked again: if its key
 * no longer maps to the returned backend (it went down again meanwhile, say), or the tunnel is already gone,
 * it is skipped. The proxy knows nothing of the WebSocket protocol after the 101, so the close is a TCP close
 * of both sides: what was already read is flushed first ({@link RelayHandler#closeOnFlush} on the client side;
 * its relay then flushes and closes the backend side), and a client that takes nothing is closed anyway after
 * {@link #FLUSH_LIMIT_MILLIS}. Clients see a dropped connection and reconnect.
 * <p>
 * Threads: {@link #backendUp} runs on the health checker's event loop; it only selects and schedules, one task
 * per tunnel on that tunnel's own event loop (its client channel's, which the tunnel's backend channel shares),
 * so no loop ever blocks or waits for another. The fields are final; what one handback counts lives in its
 * {@link HandbackBatch}.
 */
public final class Handback {
    private static final Logger log = LoggerFactory.getLogger(Handback.class);
    /** How long a handed-back tunnel's client may take to accept the bytes already read for it before the close. */
    static final long FLUSH_LIMIT_MILLIS = 5000;

    private final Router router;
    private final boolean enabled;
    private final long spreadNanos;

    /**
     * @param router  the proxy's router (its backends and the rendezvous rule)
     * @param enabled false: do nothing (open tunnels stay where they are; only new connections go back)
     * @param spread  the time the closes of one handback are spread over (zero: all at once)
     */
    public Handback(Router router, boolean enabled, Duration spread) {
        this.router = router;
        this.enabled = enabled;
        this.spreadNanos = spread.toNanos();
    }

    /** {@code returned} is healthy again (called on the health checker's loop): start handing its tunnels back. */
    public void backendUp(Backend returned) {
        if (!enabled) {
            return;
        }
        List<Tunnel> due = HandbackSelection.tunnelsFor(returned, router);
        if (due.isEmpty()) {
            return;
        }
        log.debug("handback to {}: {} tunnel(s) to close over {} ms", returned.id(), due.size(),
                TimeUnit.NANOSECONDS.toMillis(spreadNanos));
        HandbackBatch batch = new HandbackBatch(returned, due.size());
        for (int i = 0; i < due.size(); i++) {
            Tunnel t = due.get(i);
            long delay = HandbackSchedule.delayNanos(i, due.size(), spreadNanos);
            try {
                t.client().eventLoop().schedule(() -> closeIfStillDue(t, returned, batch), delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                batch.done(false); // the proxy is stopping: its shutdown closes every tunnel anyway
            }
        }
    }

    /** A tunnel's turn, on its own event loop. */
    private void closeIfStillDue(Tunnel t, Backend returned, HandbackBatch batch) {
        Channel client = t.client();
        boolean close = client.isActive() && HandbackSelection.belongsTo(t, returned, router)
                && t.backend().releaseTunnel(t);
        if (close) {
            log.debug("handback to {}: closing {}", returned.id(), t);
            RelayHandler.closeOnFlush(client);
            client.eventLoop().schedule(() -> {
                client.close(); // no-op once the flush above has closed it
            }, FLUSH_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
        }
        batch.done(close);
    }
}
