/**
 * The proxy's meters for Prometheus: {@link dev.tandem.lb.metrics.ProxyMetrics} reads the counters the proxy
 * keeps anyway (per backend and proxy-wide) at scrape time; {@link dev.tandem.lb.metrics.MetricsEndpoint} serves
 * them on a port of their own. Nothing on the relay path touches Micrometer.
 */
package dev.tandem.lb.metrics;
