package dev.tandem.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lb.support.ProxyProcess;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16, "logs are an amplifier": a flood of requests the proxy refuses (malformed, an over-long request
 * line, oversized headers, bytes that are not HTTP) must not grow its log with the flood. The real jar runs
 * with its default logging; each refusal still gets its status, and the log grows by a bounded amount,
 * whatever the number of refusals. (The proxy logs refusals caused by clients at debug level only; what a
 * server logs of its refusals is summarised by the server's RefusalLog.)
 */
@Timeout(120)
class RejectedRequestLogIT {
    private static final int ROUNDS = 300;
    /** Room for a line or two the proxy may log for reasons of its own (a health check), not per refusal. */
    private static final int LOG_BOUND_BYTES = 2_048;

    private record Bad(String request, int status) {
    }

    private static final List<Bad> FLOOD = List.of(
            new Bad("GARBAGE\r\n\r\n", 400),
            new Bad("GET / HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n", 400),
            new Bad("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello", 400),
            new Bad(RawHttp.get("/info?user=alice&pad=" + "x".repeat(9000)), 414),
            new Bad(RawHttp.get("/info?user=alice", "X-Big: " + "a".repeat(9000)), 431));

    @Test
    void aFloodOfRefusedRequestsLeavesTheLogAsItWas() throws Exception {
        try (TestBackend backend = TestBackend.start("s1");
             ProxyProcess proxy = ProxyProcess.start(PipelineMemoryIT.LAUNCHER_JVM_OPTIONS, backend.url())) {
            assertThat(RawHttp.exchange(proxy.port(), RawHttp.get("/info?user=alice")).status()).isEqualTo(200);
            int before = proxy.output().length();
            for (int i = 0; i < ROUNDS; i++) {
                for (Bad bad : FLOOD) {
                    assertThat(RawHttp.exchange(proxy.port(), bad.request()).status()).as(bad.request().substring(0, Math.min(20, bad.request().length())))
                            .isEqualTo(bad.status());
                }
            }
            assertThat(RawHttp.exchange(proxy.port(), RawHttp.get("/info?user=alice")).status())
                    .as("still serving after the flood").isEqualTo(200);
            String added = proxy.output().substring(before);
            assertThat(added.length()).as("log written during %d refusals:%n%s", ROUNDS * FLOOD.size(), added)
                    .isLessThan(LOG_BOUND_BYTES);
        }
    }
}
