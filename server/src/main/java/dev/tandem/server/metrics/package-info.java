/**
 * What a server counts and measures, for Prometheus: {@link dev.tandem.server.metrics.ServerMetrics} holds the
 * registry and names every meter once; {@link dev.tandem.server.metrics.MetricsEndpoint} serves the scrape on
 * a port of its own. Depends on Micrometer only: the other packages call into it, never the reverse.
 */
package dev.tandem.server.metrics;
