package dev.tandem.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Plain HTTP GETs for tests, and a wait-for-condition helper (never a fixed sleep). */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    public static HttpResponse<String> get(int port, String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    /** Polls GET {@code path} until {@code condition} holds, for up to {@code timeout}. */
    public static HttpResponse<String> awaitGet(int port, String path, Duration timeout,
                                                Predicate<HttpResponse<String>> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (condition.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                // Not up yet: poll again.
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // Poll interval of the condition wait.
        }
        throw new AssertionError("GET " + path + " never matched within " + timeout + "; last: "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
    }
}
