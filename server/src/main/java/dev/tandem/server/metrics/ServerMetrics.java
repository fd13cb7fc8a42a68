package dev.tandem.server.metrics;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One server's meters, each named here once (server/README.md lists them as Prometheus shows them): sign-ins
 * by method and outcome, frames in by type, frames refused by error code, todo commits' latency, and gauges
 * of connections; Redis command latency comes from Lettuce ({@link #registry()} handed to its client), JVM
 * memory, GC, threads and CPU from Micrometer's binders. Every meter carries the {@code server} tag.
 *
 * <p>Threads: thread-safe. Micrometer's meters may be updated from any thread (session threads, Lettuce's
 * event loops, the delivery shards); a scrape runs on the endpoint's thread.
 */
public final class ServerMetrics {
    /** The reasons {@link #cut} is called with. */
    public static final java.util.List<String> CUT_REASONS = java.util.List.of("violations", "sign_in_failures", "idle");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer todoCommits;
    private final Counter chatCatchUps;
    private final Counter chatCatchUpEnvelopes;
    /** One counter per message class, found without a registry lookup on the hot path. */
    private final ClassValue<Counter> framesIn = new ClassValue<>() {
        @Override
        protected Counter computeValue(Class<?> type) {
            JsonTypeName name = type.getAnnotation(JsonTypeName.class);
            return Counter.builder("tandem.frames.in").description("frames received, by message type")
                    .tag("type", name == null ? type.getSimpleName() : name.value()).register(registry);
        }
    };

    public ServerMetrics(String serverId) {
        registry.config().commonTags("server", serverId);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        todoCommits = Timer.builder("tandem.todo.commit")
                .description("a todo change: checked, committed to Redis under the lease, and pushed to the user's windows")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        chatCatchUps = Counter.builder("tandem.chat.catchups")
                .description("times the chat subscription came back and read what it missed from the relay log")
                .register(registry);
        chatCatchUpEnvelopes = Counter.builder("tandem.chat.catchup.envelopes")
                .description("relay envelopes read by catch-ups instead of pub/sub").register(registry);
        // Series that exist from the start at 0, so that rate() and alerts see the first refusal or cut.
        for (ErrorCode code : ErrorCode.values()) {
            refusedCounter(code.wire());
        }
        for (String reason : CUT_REASONS) {
            cutCounter(reason);
        }
    }

    /** The registry, for Lettuce's command latency recorder and for tests. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Gauges read at scrape time: open WebSocket connections, and those signed in. */
    public void connections(Supplier<Number> open, Supplier<Number> signedIn) {
        Gauge.builder("tandem.connections", open).description("open WebSocket connections").register(registry);
        Gauge.builder("tandem.connections.signed.in", signedIn).description("connections that have signed in")
                .register(registry);
    }

    /**
     * Meters of the write path, read at scrape time: frames written to clients, connections cut for reading too
     * slowly (4000), and what is queued now: frames and bytes, over all connections and of the one with most.
     * Bytes are what the 4000 limit counts ({@code ServerConfig.maxPendingBytes}).
     */
    public <T> void delivery(T source, java.util.function.ToDoubleFunction<T> framesOut,
                             java.util.function.ToDoubleFunction<T> slowCuts, Supplier<Number> queued,
                             Supplier<Number> longestQueue, Supplier<Number> queuedBytes,
                             Supplier<Number> mostQueuedBytes) {
        // Micrometer holds a function counter's object weakly: the source (the hub) lives as long as the server.
        io.micrometer.core.instrument.FunctionCounter.builder("tandem.frames.out", source, framesOut)
                .description("frames written to clients (every delivery, reply and push)").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tandem.slow.consumer.cuts", source, slowCuts)
                .description("connections closed with 4000: their queue passed the limit").register(registry);
        Gauge.builder("tandem.queued.frames", queued).description("frames queued to clients and not yet written")
                .register(registry);
        Gauge.builder("tandem.queued.frames.longest", longestQueue)
                .description("the longest queue of one connection").register(registry);
        Gauge.builder("tandem.queued.bytes", queuedBytes).baseUnit("bytes")
                .description("bytes queued to clients and not yet written (outboxes and Jetty), all connections")
                .register(registry);
        Gauge.builder("tandem.queued.max.bytes", mostQueuedBytes).baseUnit("bytes")
                .description("bytes queued to the one connection with most; past the limit it is cut with 4000")
                .register(registry);
    }

    /**
     * A sign-in attempt came to {@code outcome}: {@code ok}, or the wire code it was refused with
     * ({@code wrong_password}, {@code bad_token}, {@code unavailable} …).
     *
     * @param method {@code password}, {@code register} (a password sign-in that creates the account) or {@code resume}
     */
    public void signIn(String method, String outcome) {
        Counter.builder("tandem.sign.ins").description("sign-in attempts by method and outcome")
                .tags(Tags.of("method", method, "outcome", outcome)).register(registry).increment();
    }

    /** A frame arrived and decoded as {@code message}; counted by its wire type (e.g. {@code chat.send}). */
    public void frameIn(ClientMessage message) {
        framesIn.get(message.getClass()).increment();
    }

    /** A frame was refused with the wire error {@code code} ({@code bad_json}, {@code rate_limited} …). */
    public void refused(String code) {
        refusedCounter(code).increment();
    }

    private Counter refusedCounter(String code) {
        return Counter.builder("tandem.frames.refused").description("frames answered with an error, by error code")
                .tag("code", code.toLowerCase(Locale.ROOT)).register(registry);
    }

    /** A connection was closed by the server for cause ({@code violations}, {@code sign_in_failures} …). */
    public void cut(String reason) {
        cutCounter(reason).increment();
    }

    private Counter cutCounter(String reason) {
        return Counter.builder("tandem.connections.cut").description("connections the server closed for cause, by reason")
                .tag("reason", reason).register(registry);
    }

    public Timer todoCommits() {
        return todoCommits;
    }

    /** The chat subscription caught up, reading {@code envelopes} it had missed. */
    public void chatCaughtUp(long envelopes) {
        chatCatchUps.increment();
        chatCatchUpEnvelopes.increment(envelopes);
    }

    public void close() {
        registry.close();
    }
}
