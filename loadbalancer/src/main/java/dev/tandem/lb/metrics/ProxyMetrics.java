package dev.tandem.lb.metrics;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.status.ProxyStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's meters (loadbalancer/README.md lists them as Prometheus shows them). All are read at scrape
 * time from the counters the proxy keeps for {@code /lb/status} and for its own decisions, so the relay and
 * routing paths pay nothing for them: per backend (label {@code backend}) whether it is healthy, its open
 * connections and tunnels, requests routed to it, tunnels handed back to it, and its health checks (count,
 * time, failures); proxy-wide the client connections, requests in flight, requests, and the error responses
 * the proxy sent itself by status; and the JVM.
 *
 * <p>Threads: thread-safe; the backends' and the stats' counters are atomics written by the event loops, read
 * here on the scrape thread.
 */
public final class ProxyMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public ProxyMetrics(List<Backend> backends, ProxyStats stats) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (Backend backend : backends) {
            Tags tags = Tags.of("backend", backend.id());
            Gauge.builder("tandem.lb.backend.healthy", backend, b -> b.isHealthy() ? 1 : 0).tags(tags)
                    .description("1 while the backend is in routing, else 0").register(registry);
            Gauge.builder("tandem.lb.backend.connections", backend, Backend::openConnections).tags(tags)
                    .description("proxy-to-backend connections open now (kept-alive HTTP and tunnels)").register(registry);
            Gauge.builder("tandem.lb.backend.tunnels", backend, Backend::tunnels).tags(tags)
                    .description("WebSocket tunnels open now").register(registry);
            FunctionCounter.builder("tandem.lb.backend.requests", backend, Backend::requests).tags(tags)
                    .description("requests routed to the backend").register(registry);
            FunctionCounter.builder("tandem.lb.backend.handed.back", backend, Backend::handedBack).tags(tags)
                    .description("tunnels on other backends closed so that their users come back here").register(registry);
            FunctionTimer.builder("tandem.lb.health.check", backend, Backend::healthChecks, Backend::healthCheckSeconds,
                    TimeUnit.SECONDS).tags(tags).description("active health checks and the time they took").register(registry);
            FunctionCounter.builder("tandem.lb.health.check.failures", backend, Backend::failedHealthChecks).tags(tags)
                    .description("health checks that failed (status, timeout, refused)").register(registry);
        }
        Gauge.builder("tandem.lb.client.connections", stats, ProxyStats::clientConnections)
                .description("client connections open now").register(registry);
        Gauge.builder("tandem.lb.requests.in.flight", stats, ProxyStats::inFlight)
                .description("requests waiting for their response (a WebSocket until its 101)").register(registry);
        FunctionCounter.builder("tandem.lb.requests", stats, ProxyStats::requests)
                .description("requests received").register(registry);
        for (int i = 0; i <= ProxyStats.ERROR_STATUSES.length; i++) {
            int index = i;
            String status = i < ProxyStats.ERROR_STATUSES.length ? Integer.toString(ProxyStats.ERROR_STATUSES[i]) : "other";
            FunctionCounter.builder("tandem.lb.error.responses", stats, s -> s.errorResponses(index))
                    .tag("status", status).description("error responses the proxy sent itself, by status")
                    .register(registry);
        }
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public void close() {
        registry.close();
    }
}
