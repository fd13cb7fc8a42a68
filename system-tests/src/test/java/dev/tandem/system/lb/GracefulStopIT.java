package dev.tandem.system.lb;

import dev.tandem.server.support.TandemCluster;
import dev.tandem.system.frontdoor.FrontDoor;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link GracefulStopChecks} through Tandem's proxy with its default health checks (every second, down after 2). */
@Timeout(120)
class GracefulStopIT extends GracefulStopChecks {
    @RegisterExtension
    @Order(1) // the servers first: the front door needs their ports
    static final TandemCluster cluster = announcingFor(() -> GracefulStopIT.door);
    @RegisterExtension
    @Order(2)
    static final FrontDoor door = FrontDoor.tandem(cluster, 2, config -> config);

    GracefulStopIT() {
        super(cluster, door);
    }
}
