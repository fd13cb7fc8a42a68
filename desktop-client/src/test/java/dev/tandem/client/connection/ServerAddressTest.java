package dev.tandem.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void acceptsFullAddressesAndCompletesShortOnes() {
        assertThat(ServerAddress.parse("ws://localhost:8080/ws")).hasToString("ws://localhost:8080/ws");
        assertThat(ServerAddress.parse("  wss://chat.example:443/ws ")).hasToString("wss://chat.example:443/ws");
        assertThat(ServerAddress.parse("localhost:7001")).hasToString("ws://localhost:7001/ws");
        assertThat(ServerAddress.parse("WS://Host:1/custom")).hasToString("ws://Host:1/custom");
    }

    @Test
    void refusesWithAMessageThatSaysWhatIsWrong() {
        assertThatThrownBy(() -> ServerAddress.parse(" ")).hasMessageContaining("Enter the server address");
        assertThatThrownBy(() -> ServerAddress.parse("http://localhost:8080/ws"))
                .hasMessageContaining("must start with ws:// or wss://");
        assertThatThrownBy(() -> ServerAddress.parse("ws://exa mple")).hasMessageContaining("not a valid address");
        assertThatThrownBy(() -> ServerAddress.parse("ws:///ws")).hasMessageContaining("needs a host name");
    }

    @Test
    void addsTheUserAsTheAffinityKey() {
        URI server = URI.create("ws://localhost:8080/ws");
        assertThat(ServerAddress.forUser(server, "alice")).hasToString("ws://localhost:8080/ws?user=alice");
        assertThat(ServerAddress.forUser(URI.create("ws://h:1/ws?x=1"), "bob.b")).hasToString("ws://h:1/ws?x=1&user=bob.b");
    }
}
