package dev.tandem.lb.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lb.health.HealthState.Failure;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** How a failed connect is held against a backend: it decides whether its tunnels close at once. */
class ConnectFailureTest {

    @Test
    void aRefusedConnectionMeansTheBackendIsGone() {
        assertThat(HealthProbe.connectFailure(new ConnectException("Connection refused: /127.0.0.1:7001")))
                .isEqualTo(Failure.HARD);
        // Netty's epoll transport words it this way.
        assertThat(HealthProbe.connectFailure(new ConnectException("finishConnect(..) failed: Connection refused")))
                .isEqualTo(Failure.HARD);
    }

    @Test
    void noAnswerOrNoRouteMayOnlyBeSlowness() {
        assertThat(HealthProbe.connectFailure(new ConnectTimeoutException("connection timed out"))).isEqualTo(Failure.TIMEOUT);
        assertThat(HealthProbe.connectFailure(new NoRouteToHostException("No route to host"))).isEqualTo(Failure.TIMEOUT);
    }

    @Test
    void theProxysOwnFailuresAreNotHeldAgainstTheBackend() {
        assertThat(HealthProbe.connectFailure(new SocketException("Too many open files"))).isNull();
        assertThat(HealthProbe.connectFailure(new java.net.BindException("Cannot assign requested address"))).isNull();
    }
}
