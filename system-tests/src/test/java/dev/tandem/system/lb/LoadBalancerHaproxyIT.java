package dev.tandem.system.lb;

import dev.tandem.server.support.TandemCluster;
import dev.tandem.system.frontdoor.FrontDoor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LoadBalancerChecks} through a real HAProxy running {@code deploy/haproxy/haproxy.cfg} as shipped
 * (Maven profile {@code haproxy}; needs Debian's haproxy, which {@code .ci/run} installs).
 */
@Tag("haproxy")
@Timeout(180)
class LoadBalancerHaproxyIT extends LoadBalancerChecks {
    @RegisterExtension
    @Order(1) // the servers first: the front door needs their ports
    static final TandemCluster cluster = TandemCluster.of(2);
    @RegisterExtension
    @Order(2)
    static final FrontDoor door = FrontDoor.haproxy(cluster, 2);

    LoadBalancerHaproxyIT() {
        super(cluster, door);
    }
}
