package dev.tandem.lb.health;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.transport.Transport;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Active and passive health checking for all backends.
 * <p>
 * Threading: everything here is owned by one event loop ({@code loop}). Each backend's {@link HealthState},
 * the probe schedule and the {@code stopped} flag are only touched on it; the proxy's other event loops
 * report refused connections through {@link #reportConnectionRefused}, which hops onto this loop. The result
 * is published to routers through {@link Backend#setHealthy} (a volatile write); the one exception is the
 * immediate "down" of a passive report, see there.
 */
public final class HealthChecker {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final EventLoop loop;
    private final Transport transport;
    private final LbConfig config;
    private final Map<Backend, HealthState> states = new IdentityHashMap<>();
    private boolean stopped;

    public HealthChecker(List<Backend> backends, LbConfig config, EventLoop loop, Transport transport) {
        this.loop = loop;
        this.transport = transport;
        this.config = config;
        for (Backend b : backends) {
            states.put(b, new HealthState(config.fall(), config.rise()));
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
     * Passive check, callable from any thread: the proxy could not connect to {@code backend}. The backend
     * leaves routing at once (the one write to {@code healthy} made off the checker's loop: it can only
     * say "down", which the state machine confirms when the report reaches the loop right after).
     */
    public void reportConnectionRefused(Backend backend, Throwable cause) {
        backend.setHealthy(false);
        loop.execute(() -> {
            if (!stopped) {
                apply(backend, states.get(backend).onConnectionRefused(), "connection failed: " + cause);
            }
        });
    }

    private void probe(Backend backend) {
        if (stopped) {
            return;
        }
        HealthProbe.run(loop, transport, backend, config.healthPath(), config.healthTimeout())
                .addListener(f -> {
                    // Listener runs on `loop`, the promise's executor.
                    if (stopped) {
                        return;
                    }
                    HealthProbe.Result r = (HealthProbe.Result) f.getNow();
                    HealthState state = states.get(backend);
                    apply(backend, r.passed() ? state.onCheckPassed() : state.onCheckFailed(), r.detail());
                    loop.schedule(() -> probe(backend), config.healthInterval().toMillis(), TimeUnit.MILLISECONDS);
                });
    }

    private void apply(Backend backend, HealthState.Transition t, String detail) {
        switch (t) {
            case WENT_DOWN -> {
                backend.setHealthy(false);
                log.warn("backend {} is DOWN ({}); closing its {} tunnel(s)", backend, detail, backend.tunnels());
                backend.closeTunnels();
                if (states.values().stream().noneMatch(HealthState::isUp)) {
                    log.error("no healthy backend left: requests get 503 until one passes its checks again");
                }
            }
            case WENT_UP -> {
                backend.setHealthy(true);
                log.info("backend {} is UP ({})", backend, detail);
            }
            case NONE -> {
            }
        }
    }
}
