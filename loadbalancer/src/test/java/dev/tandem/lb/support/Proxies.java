package dev.tandem.lb.support;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;

import java.time.Duration;
import java.util.Arrays;

/** Starts proxies for tests: loopback, a free port, fast health checks unless a test says otherwise. */
public final class Proxies {
    private Proxies() {
    }

    public static LbConfig config(TestBackend... backends) {
        return LbConfig.defaults(Arrays.stream(backends).map(b -> BackendSpec.parse(b.id() + "=" + b.url())).toList())
                .withListen("127.0.0.1", 0)
                // Fast checks, generous timeout: a busy test JVM is not a dead backend.
                .withHealth(Duration.ofMillis(100), Duration.ofSeconds(2), 2, 2)
                .withDrainTimeout(Duration.ofSeconds(2));
    }

    public static LoadBalancer start(LbConfig config) {
        try {
            return LoadBalancer.start(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
