package dev.tandem.lb.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Prometheus scrape of the real proxy in front of two real backends, after real requests: per backend its
 * health, connections, tunnels, requests and health checks; proxy-wide the requests and the error responses
 * it sent itself, by status; served on its own port by {@link MetricsEndpoint}.
 */
@Timeout(60)
class ProxyMetricsIT {
    private static TestBackend s1;
    private static TestBackend s2;
    private static LoadBalancer lb;
    private static MetricsEndpoint endpoint;

    @BeforeAll
    static void start() throws Exception {
        s1 = TestBackend.start("s1");
        s2 = TestBackend.start("s2");
        lb = Proxies.start(Proxies.config(s1, s2));
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, lb.metrics()::scrape);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        lb.stop();
        s1.close();
        s2.close();
    }

    @Test
    void aScrapeCountsRequestsErrorsAndHealthChecksPerBackend() throws Exception {
        Await.until(Duration.ofSeconds(20), "a passed health check of each backend",
                () -> value(lb.metrics().scrape(), "tandem_lb_health_check_seconds_count", "backend=\"s1\"") >= 1
                        && value(lb.metrics().scrape(), "tandem_lb_health_check_seconds_count", "backend=\"s2\"") >= 1);
        String before = lb.metrics().scrape();
        for (int i = 0; i < 3; i++) {
            assertThat(RawHttp.exchange(lb.port(), RawHttp.get("/info?user=alice")).status()).isEqualTo(200);
        }
        assertThat(RawHttp.exchange(lb.port(), "NOT A REQUEST LINE\r\n\r\n").status()).isEqualTo(400);

        String after = lb.metrics().scrape();
        assertThat(value(after, "tandem_lb_backend_healthy", "backend=\"s1\"")).isEqualTo(1);
        assertThat(value(after, "tandem_lb_backend_healthy", "backend=\"s2\"")).isEqualTo(1);
        double routed = value(after, "tandem_lb_backend_requests_total", "backend=\"s1\"")
                + value(after, "tandem_lb_backend_requests_total", "backend=\"s2\"")
                - value(before, "tandem_lb_backend_requests_total", "backend=\"s1\"")
                - value(before, "tandem_lb_backend_requests_total", "backend=\"s2\"");
        assertThat(routed).as("alice's three requests, routed").isEqualTo(3);
        assertThat(value(after, "tandem_lb_requests_total", "") - value(before, "tandem_lb_requests_total", "")).isEqualTo(4);
        assertThat(value(after, "tandem_lb_error_responses_total", "status=\"400\"")
                - value(before, "tandem_lb_error_responses_total", "status=\"400\"")).isEqualTo(1);
        assertThat(value(after, "tandem_lb_error_responses_total", "status=\"503\"")).isZero();
        assertThat(value(after, "tandem_lb_health_check_seconds_sum", "backend=\"s1\"")).isPositive();
        assertThat(value(after, "tandem_lb_health_check_failures_total", "backend=\"s1\"")).isZero();
        assertThat(value(after, "tandem_lb_backend_tunnels", "backend=\"s1\"")).isZero();
        assertThat(value(after, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
    }

    @Test
    void theEndpointServesTheScrapeAndNothingElse() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("tandem_lb_backend_healthy{backend=\"s1\"}");
        assertThat(http.send(HttpRequest.newBuilder(uri("/lb/status")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(uri("/metrics")).DELETE().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(405);
    }

    /** Every series the shipped proxy dashboard queries is one the proxy exposes. */
    @Test
    void theDashboardQueriesOnlySeriesTheProxyHas() throws Exception {
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("..", "deploy", "grafana", "tandem-proxy.json"));
        String scrape = lb.metrics().scrape();
        Matcher series = Pattern.compile("\\b((?:tandem_lb|jvm|process)_[a-z_]+)\\{").matcher(dashboard);
        java.util.Set<String> queried = new java.util.TreeSet<>();
        while (series.find()) {
            queried.add(series.group(1));
        }
        assertThat(queried).hasSizeGreaterThan(8);
        for (String name : queried) {
            assertThat(scrape).as("the proxy exposes " + name).containsPattern("(?m)^" + Pattern.quote(name) + "[{ ]");
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoint.port() + path);
    }

    /**
     * The sum of the samples of {@code name} whose label set contains {@code label} ({@code key="value"}, or
     * empty for all), as Prometheus parses the text format: {@code name{labels} value}.
     */
    static double value(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{([^}]*)})? (\\S+)$").matcher(scrape);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(2) == null ? "" : m.group(2);
            if (label.isEmpty() || labels.contains(label)) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }
}
