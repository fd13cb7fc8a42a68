package dev.tandem.system.lb;

import dev.tandem.server.support.TandemCluster;
import dev.tandem.system.frontdoor.FrontDoor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link GracefulStopChecks} through HAProxy running {@code deploy/haproxy/haproxy.cfg} as shipped (profile {@code haproxy}). */
@Tag("haproxy")
@Timeout(120)
class GracefulStopHaproxyIT extends GracefulStopChecks {
    @RegisterExtension
    @Order(1) // the servers first: the front door needs their ports
    static final TandemCluster cluster = announcingFor(() -> GracefulStopHaproxyIT.door);
    @RegisterExtension
    @Order(2)
    static final FrontDoor door = FrontDoor.haproxy(cluster, 2);

    GracefulStopHaproxyIT() {
        super(cluster, door);
    }
}
