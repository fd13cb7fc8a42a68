package dev.tandem.lb.http;

import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.health.HealthChecker;
import dev.tandem.lb.routing.Router;
import dev.tandem.lb.status.ProxyStats;
import dev.tandem.lb.status.StatusReport;
import dev.tandem.lb.transport.Transport;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every client connection shares: configuration, routing, health reporting, counters and the draining
 * flag. All members are immutable or thread-safe.
 */
public record ProxyServices(LbConfig config, Router router, HealthChecker health, ProxyStats stats,
                            Transport transport, AtomicBoolean draining) {

    public boolean isDraining() {
        return draining.get();
    }

    public StatusReport status() {
        return StatusReport.snapshot(router.backends(), stats, transport.name(), isDraining());
    }
}
