package dev.tandem.system.lb;

import dev.tandem.server.support.TandemCluster;
import dev.tandem.system.frontdoor.FrontDoor;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LoadBalancerChecks} through Tandem's proxy, with short health checks (every 200 ms, down after 2). */
@Timeout(120)
class LoadBalancerSystemIT extends LoadBalancerChecks {
    @RegisterExtension
    @Order(1) // the servers first: the front door needs their ports
    static final TandemCluster cluster = TandemCluster.of(2);
    @RegisterExtension
    @Order(2)
    static final FrontDoor door = FrontDoor.tandem(cluster, 2, config -> config
            .withHealth(Duration.ofMillis(200), Duration.ofSeconds(2), 2, 2)
            .withDrainTimeout(Duration.ofSeconds(2)));

    LoadBalancerSystemIT() {
        super(cluster, door);
    }
}
