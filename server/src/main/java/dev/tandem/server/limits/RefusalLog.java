package dev.tandem.server.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused input in summary: one line per cause per interval, with the count and one example, instead of
 * a line per refusal, so a flood of bad upgrades or frames cannot fill the disk. The first refusal of a cause
 * in a quiet period is logged at once (so a single mistake is seen when it happens); what follows within the
 * interval is counted and summarised at its end.
 * <p>Threads: {@link #note} from any thread (a map of atomic counters); the summary runs on the timers
 * thread it was scheduled on.
 */
public final class RefusalLog {
    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

    private record Tally(AtomicLong count, String example) {
    }

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final Duration interval;

    public RefusalLog(ScheduledExecutorService timers, Duration interval) {
        this.interval = interval;
        long ms = interval.toMillis();
        timers.scheduleWithFixedDelay(this::summarise, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Counts one refusal of {@code cause} ({@code example}: who and what, never a password or token). */
    public void note(String cause, String example) {
        boolean[] first = {false};
        Tally tally = tallies.computeIfAbsent(cause, c -> {
            first[0] = true;
            return new Tally(new AtomicLong(), example);
        });
        if (first[0]) {
            LOG.info("refused {}: {} (further refusals of this kind are summarised every {} s)", cause, example,
                    interval.toSeconds());
        } else {
            tally.count().incrementAndGet();
        }
    }

    /** Timers thread: one line per cause that was refused again since the last summary. */
    void summarise() {
        for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
            long count = entry.getValue().count().get();
            tallies.remove(entry.getKey());
            if (count > 0) {
                LOG.info("refused {} more x {} in the last {} s, e.g. {}", count, entry.getKey(), interval.toSeconds(),
                        entry.getValue().example());
            }
        }
    }
}
