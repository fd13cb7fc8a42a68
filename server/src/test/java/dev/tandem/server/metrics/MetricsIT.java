package dev.tandem.server.metrics;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.Await;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Prometheus scrape of a real server after real traffic: sign-ins by outcome, frames by type, refusals
 * by code, connections, todo commit latency, Redis command latency and the JVM, each parsed from the text
 * format and checked against what the test did; and the endpoint answers nothing but {@code GET /metrics}.
 */
@Timeout(60)
class MetricsIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static MetricsEndpoint endpoint;

    @BeforeAll
    static void serveMetrics() throws Exception {
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, cluster.server(1).metrics()::scrape);
    }

    @AfterAll
    static void stopServing() {
        endpoint.close();
    }

    @Test
    void aScrapeCountsWhatClientsDid() throws Exception {
        String alice = newUser("alice");
        // The server is shared by this class's tests: compare with what it had counted before.
        PrometheusText before = PrometheusText.parse(scrape("/metrics").body());
        try (TestClient window = TestClient.signIn(cluster.port(1), alice, "password-alice");
             TestClient guesser = TestClient.connect(cluster.port(1), alice)) {
            window.ask(new ClientMessage.ChatSend("c1", "hello"), dev.tandem.model.ChatMessage.class);
            window.ask(new ClientMessage.TodoAdd("t1", "buy milk"), ServerMessage.TodoChanged.class);
            window.ask(new ClientMessage.TodoAdd("t2", "buy bread"), ServerMessage.TodoChanged.class);
            window.sendRaw("{not json");
            window.nextError("bad_json");
            guesser.send(new ClientMessage.SignIn(Protocol.VERSION, alice, "wrong guess"));
            guesser.nextError("wrong_password");

            PrometheusText after = PrometheusText.parse(scrape("/metrics").body());
            Delta metrics = new Delta(before, after);
            assertThat(metrics.sum("tandem_sign_ins_total", "method", "register", "outcome", "ok", "server", "s1")).isEqualTo(1);
            assertThat(metrics.sum("tandem_sign_ins_total", "method", "password", "outcome", "wrong_password")).isEqualTo(1);
            assertThat(metrics.sum("tandem_frames_in_total", "type", "chat.send")).isEqualTo(1);
            assertThat(metrics.sum("tandem_frames_in_total", "type", "todo.add")).isEqualTo(2);
            assertThat(metrics.sum("tandem_frames_in_total", "type", "sign_in")).isEqualTo(2);
            assertThat(metrics.sum("tandem_frames_refused_total", "code", "bad_json")).isEqualTo(1);
            assertThat(after.sum("tandem_connections")).isEqualTo(2);
            assertThat(after.sum("tandem_connections_signed_in")).isEqualTo(1);
            assertThat(metrics.sum("tandem_todo_commit_seconds_count")).isEqualTo(2);
            // Written to the window: welcome, chat echo, two todo.changed, the error (and presence frames).
            assertThat(metrics.sum("tandem_frames_out_total")).isGreaterThanOrEqualTo(5);
            assertThat(metrics.sum("tandem_slow_consumer_cuts_total")).isZero();
            assertThat(after.matching("tandem_queued_frames")).hasSize(1);
            assertThat(after.sum("tandem_queued_frames_longest")).isGreaterThanOrEqualTo(0);
            assertThat(after.matching("tandem_queued_bytes")).hasSize(1);
            assertThat(after.matching("tandem_queued_max_bytes")).hasSize(1);
            assertThat(after.sum("tandem_queued_max_bytes")).isLessThanOrEqualTo(after.sum("tandem_queued_bytes"));
            assertThat(metrics.sum("tandem_todo_commit_seconds_sum")).isPositive();
            assertThat(after.matching("tandem_todo_commit_seconds_bucket")).as("a histogram Prometheus can aggregate").isNotEmpty();
            // The chat post is one Lua script: Lettuce's timer for EVALSHA saw it (and the todo commits).
            assertThat(metrics.sum("lettuce_command_completion_seconds_count", "command", "EVALSHA")).isGreaterThanOrEqualTo(3);
            assertThat(after.sum("jvm_memory_used_bytes", "area", "heap")).isPositive();
            assertThat(after.sum("process_uptime_seconds")).isPositive();
        }
    }

    /** Every series the shipped Grafana dashboard queries is one a server exposes (after some traffic). */
    @Test
    void theDashboardQueriesOnlySeriesTheServerHas() throws Exception {
        try (TestClient window = TestClient.signIn(cluster.port(1), newUser("dash"), "password-dash")) {
            window.ask(new ClientMessage.TodoAdd("d1", "dashboard"), ServerMessage.TodoChanged.class);
            String dashboard = Files.readString(Path.of("..", "deploy", "grafana", "tandem.json"));
            // GC pauses have a series once a collection happened (Micrometer hears of it asynchronously).
            System.gc();
            Await.until(Duration.ofSeconds(10), "a GC pause in the scrape", () -> {
                try {
                    return scrape("/metrics").body().contains("jvm_gc_pause_seconds_sum");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Set<String> exposed = PrometheusText.parse(scrape("/metrics").body()).samples().stream()
                    .map(PrometheusText.Sample::name).collect(Collectors.toSet());
            Matcher series = Pattern.compile("\\b((?:tandem|lettuce|jvm|process)_[a-z_]+)\\{").matcher(dashboard);
            Set<String> queried = new TreeSet<>();
            while (series.find()) {
                queried.add(series.group(1));
            }
            assertThat(queried).hasSizeGreaterThan(10);
            assertThat(exposed).containsAll(queried);
        }
    }

    @Test
    void onlyGetMetricsIsServed() throws Exception {
        HttpResponse<String> ok = scrape("/metrics");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(scrape("/").statusCode()).isEqualTo(404);
        assertThat(scrape("/metrics/../health").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    /** What a counter grew by between two scrapes. */
    private record Delta(PrometheusText before, PrometheusText after) {
        double sum(String name, String... labels) {
            return after.sum(name, labels) - before.sum(name, labels);
        }
    }

    private static HttpResponse<String> scrape(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoint.port() + path);
    }
}
