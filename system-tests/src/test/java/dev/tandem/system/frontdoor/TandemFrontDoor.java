package dev.tandem.system.frontdoor;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.status.StatusReport;
import dev.tandem.server.support.TandemCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tandem's proxy ({@link LoadBalancer}) in this JVM in front of the cluster's servers.
 * <p>Threads: {@link #beforeAll} and {@link #afterAll} on JUnit's thread; the started proxy is safe to ask
 * from any thread.
 */
final class TandemFrontDoor implements FrontDoor {
    private final TandemCluster cluster;
    private final int servers;
    private final UnaryOperator<LbConfig> tweak;
    /** The health-check settings, known before the ports are (for {@link #takesOutWithin}). */
    private final LbConfig health;
    private volatile LoadBalancer lb;

    TandemFrontDoor(TandemCluster cluster, int servers, UnaryOperator<LbConfig> tweak) {
        this.cluster = cluster;
        this.servers = servers;
        this.tweak = tweak;
        this.health = tweak.apply(LbConfig.defaults(List.of(new BackendSpec("s1", "127.0.0.1", 1))));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        List<BackendSpec> backends = new ArrayList<>();
        for (int i = 1; i <= servers; i++) {
            backends.add(new BackendSpec("s" + i, "127.0.0.1", cluster.port(i)));
        }
        lb = LoadBalancer.start(tweak.apply(LbConfig.defaults(backends)).withListen("127.0.0.1", 0));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lb != null) {
            lb.stop();
        }
    }

    @Override
    public String name() {
        return "tandem-lb";
    }

    @Override
    public int port() {
        return lb.port();
    }

    @Override
    public boolean healthy(String serverId) {
        for (StatusReport.BackendStatus b : lb.status().backends()) {
            if (b.id().equals(serverId)) {
                return b.healthy();
            }
        }
        throw new AssertionError("no backend " + serverId);
    }

    @Override
    public Duration takesOutWithin() {
        return health.health().interval().multipliedBy(health.health().fall());
    }

    /** The proxy itself, for tests of what only Tandem's proxy has (its status report). */
    LoadBalancer proxy() {
        return lb;
    }
}
