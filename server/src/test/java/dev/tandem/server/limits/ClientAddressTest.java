package dev.tandem.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress loopbackProxy = new ClientAddress(AbuseLimits.DEFAULT_TRUSTED_PROXIES);

    @Test
    void aTrustedProxysLastForwardedAddressIsTheClient() {
        assertThat(loopbackProxy.of("127.0.0.1", "10.0.0.7")).isEqualTo("10.0.0.7");
        // What stands before the proxy's own entry came from the client, who can write anything there.
        assertThat(loopbackProxy.of("127.0.0.1", "6.6.6.6, 10.0.0.7")).isEqualTo("10.0.0.7");
        assertThat(loopbackProxy.of("::1", "2001:db8::1")).isEqualTo("2001:db8::1");
    }

    @Test
    void anyOtherPeerIsItselfTheClientWhateverItForwards() {
        assertThat(loopbackProxy.of("192.0.2.9", "10.0.0.7")).isEqualTo("192.0.2.9");
        assertThat(new ClientAddress(List.of()).of("127.0.0.1", "10.0.0.7")).isEqualTo("127.0.0.1");
    }

    @Test
    void withoutAHeaderOrWithGarbageInItThePeerIsTheClient() {
        assertThat(loopbackProxy.of("127.0.0.1", null)).isEqualTo("127.0.0.1");
        assertThat(loopbackProxy.of("127.0.0.1", "10.0.0.7, evil key")).isEqualTo("127.0.0.1");
        assertThat(loopbackProxy.of("127.0.0.1", "")).isEqualTo("127.0.0.1");
        assertThat(loopbackProxy.of(null, "10.0.0.7")).isEqualTo("unknown");
    }
}
