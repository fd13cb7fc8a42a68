package dev.tandem.lb.health;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.config.HealthRules;
import dev.tandem.lb.health.HealthState.Failure;
import dev.tandem.lb.health.HealthState.Step;
import dev.tandem.lb.transport.Transport;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Active and passive health checking for all backends, and the closing of a down backend's tunnels (the
 * rules are in {@link HealthState}).
 * <p>
 * Threads: everything here is owned by one event loop ({@code loop}, a thread of its own so that checks
 * measure the backend, not the proxy's busy relay loops). Each backend's {@link HealthState}, last failure
 * detail, the probe schedule and the {@code stopped} flag are only touched on it; the proxy's other event
 * loops report failed connections through {@link #reportConnectionRefused}, which hops onto this loop. The
 * result is published to routers through {@link Backend#setHealthy} (a volatile write); the one exception is
 * the immediate "down" of a passive report, see there. A backend coming back up is also told to the
 * {@link HealthListener}, on this loop.
 */
public final class HealthChecker {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final EventLoop loop;
    private final Transport transport;
    private final HealthRules rules;
    private final HealthListener listener;
    private final Map<Backend, HealthState> states = new IdentityHashMap<>();
    private final Map<Backend, String> lastFailure = new IdentityHashMap<>();
    /** Whether each backend's latest active check passed (this loop only). */
    private final Map<Backend, Boolean> lastPassed = new IdentityHashMap<>();
    /** Backends kept in routing although failing, because their failure is shared by all (this loop only). */
    private final java.util.Set<Backend> sharedOutage = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean stopped;

    public HealthChecker(List<Backend> backends, HealthRules rules, EventLoop loop, Transport transport,
                         HealthListener listener) {
        this.loop = loop;
        this.transport = transport;
        this.rules = rules;
        this.listener = listener;
        for (Backend b : backends) {
            states.put(b, new HealthState(rules.fall(), rules.rise(), rules.tunnelCloseGrace().toNanos()));
        }
        long riseMillis = rules.rise() * rules.interval().toMillis();
        if (!rules.tunnelCloseGrace().isZero() && rules.tunnelCloseGrace().toMillis() < riseMillis) {
            log.warn("tunnel close grace {} ms is shorter than rise x interval ({} ms): a backend down on check "
                    + "timeouts cannot be up again in time, so its tunnels will close after the grace anyway",
                    rules.tunnelCloseGrace().toMillis(), riseMillis);
        }
    }

    /** Starts checking every backend now, then {@code healthInterval} after each check ends. */
    public void start() {
        loop.execute(() -> states.keySet().forEach(this::probe));
    }

    /** Stops scheduling checks; a check in flight finishes and is ignored. */
    public void stop() {
        loop.execute(() -> stopped = true);
    }

    /**
     * Passive check, callable from any thread: the proxy could not connect to {@code backend} (refused, or
     * no connection within the connect timeout). The backend leaves routing at once (the one write to
     * {@code healthy} made off the checker's loop: it can only say "down", which the state machine confirms
     * when the report reaches the loop right after). A failure on the proxy's own side (say, out of file
     * descriptors) is logged and not counted: it says nothing about the backend.
     */
    public void reportConnectionRefused(Backend backend, Throwable cause) {
        Failure failure = HealthProbe.connectFailure(cause);
        if (failure == null) {
            log.warn("connecting to backend {} failed on the proxy's side ({}); not counted against the backend",
                    backend, cause.toString());
            return;
        }
        backend.setHealthy(false);
        loop.execute(() -> {
            if (!stopped) {
                String detail = "connection failed: " + cause;
                apply(backend, states.get(backend).onPassiveFailure(failure, System.nanoTime()), failure, detail);
            }
        });
    }

    private void probe(Backend backend) {
        if (stopped) {
            return;
        }
        long started = System.nanoTime();
        HealthProbe.run(loop, transport, backend, rules.path(), rules.timeout())
                .addListener(f -> {
                    // Listener runs on `loop`, the promise's executor.
                    if (stopped) {
                        return;
                    }
                    HealthProbe.Result r = (HealthProbe.Result) f.getNow();
                    HealthState state = states.get(backend);
                    long now = System.nanoTime();
                    backend.healthChecked(now - started, r.passed());
                    lastPassed.put(backend, r.passed());
                    Step step;
                    if (r.stopping()) {
                        // A graceful stop: out of routing at once (not after --fall checks), its tunnels kept for
                        // the grace, since the server closes its windows itself (1001) once proxies have seen this.
                        step = state.onPassiveFailure(Failure.TIMEOUT, now);
                    } else if (r.sharedCause() && lastPassed.entrySet().stream().noneMatch(e -> e.getKey() != backend && e.getValue())) {
                        // Down for what every backend shares (their Redis), and no other backend is passing:
                        // moving users cannot help and cutting tunnels would disconnect everyone. Kept in
                        // routing; its server answers what needs Redis with `unavailable` meanwhile.
                        if (sharedOutage.add(backend)) {
                            log.warn("backend {} fails its check for a shared cause ({}) and no backend passes: kept in "
                                    + "routing with its {} tunnel(s)", backend, r.detail(), backend.tunnels());
                        }
                        step = state.onCheckPassed(now);
                    } else {
                        if (r.passed() && sharedOutage.remove(backend)) {
                            log.info("backend {} passes its checks again after the shared outage", backend);
                        }
                        // A shared cause while another backend passes: this one alone lost the store (a partition).
                        // Out of routing, its tunnels kept for the grace like a timeout's, then its users move.
                        step = r.passed() ? state.onCheckPassed(now)
                                : state.onCheckFailed(r.sharedCause() ? Failure.TIMEOUT : r.failure(), now);
                    }
                    apply(backend, step, r.failure(), r.detail());
                    loop.schedule(() -> probe(backend), rules.interval().toMillis(), TimeUnit.MILLISECONDS);
                });
    }

    /** Publishes a step: routing first, then the tunnels, each with a log line that says why. */
    private void apply(Backend backend, Step step, Failure failure, String detail) {
        if (failure != null) {
            lastFailure.put(backend, detail);
        }
        // Before the health flag: whoever reads the backend UP (status, a router) must not still see its tunnels
        // on grace, and whoever reads it DOWN on timeouts sees the grace already.
        backend.setTunnelsOnGrace(states.get(backend).tunnelsOnGrace());
        switch (step.transition()) {
            case WENT_DOWN -> {
                backend.setHealthy(false);
                switch (step.tunnels()) {
                    case CLOSE_NOW -> log.warn("backend {} is DOWN ({}): no new connections; closing its {} tunnel(s) "
                            + "now ({})", backend, detail, backend.tunnels(), rules.tunnelCloseGrace().isZero()
                            ? "tunnel close grace is 0" : "a hard failure, not only timeouts");
                    case CLOSE_AFTER_GRACE -> {
                        log.warn("backend {} is DOWN ({}): no new connections; its {} tunnel(s) stay open for up to "
                                + "{} ms in case it was only slow", backend, detail, backend.tunnels(),
                                rules.tunnelCloseGrace().toMillis());
                        long delay = states.get(backend).graceDeadline() - System.nanoTime();
                        loop.schedule(() -> graceOver(backend), Math.max(0, delay), TimeUnit.NANOSECONDS);
                    }
                    case KEEP -> {
                    }
                }
                if (states.values().stream().noneMatch(HealthState::isUp)) {
                    log.error("no healthy backend left: requests get 503 until one passes its checks again");
                }
            }
            case WENT_UP -> {
                backend.setHealthy(true);
                log.info("backend {} is UP ({}); it has {} tunnel(s) open", backend, detail, backend.tunnels());
                try {
                    listener.backendUp(backend);
                } catch (RuntimeException e) {
                    log.error("backend {} is UP, but telling the proxy failed", backend, e);
                }
            }
            case NONE -> {
                if (step.tunnels() == HealthState.Tunnels.CLOSE_NOW) {
                    log.warn("backend {} is still DOWN, now confirmed ({}): closing its {} tunnel(s)", backend,
                            failure == Failure.HARD ? "a hard failure: " + detail
                                    : "checks still failing after the " + rules.tunnelCloseGrace().toMillis()
                                    + " ms grace: " + detail, backend.tunnels());
                }
            }
        }
        if (step.tunnels() == HealthState.Tunnels.CLOSE_NOW) {
            backend.closeTunnels();
        }
    }

    private void graceOver(Backend backend) {
        if (stopped) {
            return;
        }
        HealthState state = states.get(backend);
        long now = System.nanoTime();
        boolean due = state.tunnelsOnGrace() && now - state.graceDeadline() >= 0; // else a stale timer
        Step step = state.onGraceOver(now);
        if (step.tunnels() == HealthState.Tunnels.CLOSE_NOW) {
            log.warn("backend {} is still DOWN after the {} ms grace (last failure: {}): closing its {} tunnel(s)",
                    backend, rules.tunnelCloseGrace().toMillis(), lastFailure.get(backend), backend.tunnels());
            backend.setTunnelsOnGrace(false);
            backend.closeTunnels();
        } else if (due) {
            log.info("backend {}: grace over but it is passing checks on its way up; its {} tunnel(s) close at its "
                    + "next failed check", backend, backend.tunnels());
        }
    }
}
