package dev.tandem.system.frontdoor;

import dev.tandem.lb.config.LbConfig;
import dev.tandem.server.support.TandemCluster;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;

/**
 * The proxy clients connect through, in front of a {@link TandemCluster}'s servers s1..sN: Tandem's own
 * proxy ({@link #tandem}) or a real HAProxy process started from the shipped {@code deploy/haproxy/haproxy.cfg}
 * ({@link #haproxy}). A test written against this class runs unchanged through either; register it after the
 * cluster with {@code @Order} (JUnit's own order of extension fields is not their declaration order), so the
 * servers are up when it starts:
 * <pre>{@code @RegisterExtension @Order(1) static final TandemCluster cluster = TandemCluster.of(2);
 * @RegisterExtension @Order(2) static final FrontDoor door = FrontDoor.haproxy(cluster, 2);}</pre>
 * <p>Threads: started and stopped on JUnit's thread; {@link #port} and {@link #healthy} from any thread.
 */
public interface FrontDoor extends BeforeAllCallback, AfterAllCallback {

    /** Tandem's proxy in this JVM in front of s1..s{@code servers}, its defaults changed by {@code tweak} (listen address is always a free port). */
    static FrontDoor tandem(TandemCluster cluster, int servers, UnaryOperator<LbConfig> tweak) {
        return new TandemFrontDoor(cluster, servers, tweak);
    }

    /** {@code haproxy -f deploy/haproxy/haproxy.cfg} as shipped, its addresses given in the environment. */
    static FrontDoor haproxy(TandemCluster cluster, int servers) {
        return new HaproxyFrontDoor(cluster, servers);
    }

    /** What this is, for messages: "tandem-lb" or "haproxy". */
    String name();

    /** The port clients connect to on 127.0.0.1. */
    int port();

    /** Whether the proxy currently routes to backend {@code serverId} (passes its health checks). */
    boolean healthy(String serverId);

    /** The longest a backend whose /health fails stays in routing, by this proxy's health-check settings. */
    Duration takesOutWithin();
}
