package dev.tandem.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} in Prometheus' text format, on a port of its own ({@code --metrics-port}) rather than
 * the WebSocket port: that port is what the proxy exposes to everyone, while a scrape is for the operator's
 * network only. Anything else is 404, a method other than GET or HEAD is 405.
 *
 * <p>Threads: the JDK's HTTP server runs each scrape on one thread of its own ({@code metrics-http}); the
 * registry it reads is thread-safe.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService thread;

    private MetricsEndpoint(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /** Binds {@code host:port} (0 for a free port) and serves what {@code scrape} returns (the registry's text). */
    public static MetricsEndpoint start(String host, int port, Supplier<String> scrape) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/", exchange -> handle(exchange, scrape));
        server.start();
        return new MetricsEndpoint(server, thread);
    }

    private static void handle(HttpExchange exchange, Supplier<String> scrape) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                reply(exchange, 404, "not found: the metrics are at /metrics\n", method);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "only GET\n", method);
            } else {
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                reply(exchange, 200, scrape.get(), method);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body, String method) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
