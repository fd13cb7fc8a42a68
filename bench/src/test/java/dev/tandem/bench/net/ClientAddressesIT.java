package dev.tandem.bench.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each bench client's source address, and that the loopback interface really takes it. */
class ClientAddressesIT {
    @Test
    void everyClientHasItsOwnLoopbackAddressNeverTheTrustedOne() {
        ClientAddresses own = new ClientAddresses(0);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 70_000; i++) {
            String address = own.source(i, "127.0.0.1").getAddress().getHostAddress();
            assertThat(address).startsWith("127.").isNotEqualTo("127.0.0.1").doesNotEndWith(".0").doesNotEndWith(".255");
            seen.add(address);
        }
        assertThat(seen).hasSize(70_000);
        assertThat(own.source(3, "localhost")).isNotNull();
        assertThat(own.source(3, "tandem.example.com")).as("a remote target: the OS picks").isNull();
    }

    @Test
    void foldedOntoNAddressesClientIUsesTheIModNth() {
        ClientAddresses three = new ClientAddresses(3);
        assertThat(three.source(0, "127.0.0.1")).isEqualTo(three.source(3, "127.0.0.1"));
        assertThat(three.source(1, "127.0.0.1")).isNotEqualTo(three.source(0, "127.0.0.1"));
        assertThat(new ClientAddresses(1).source(41, "127.0.0.1").getAddress().getHostAddress()).isEqualTo("127.1.0.1");
    }

    @Test
    void aServerOnLoopbackSeesTheClientsAddress() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress source = new ClientAddresses(0).source(300, "127.0.0.1");
            try (Socket client = new Socket()) {
                client.bind(source);
                client.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()));
                try (Socket accepted = server.accept()) {
                    assertThat(accepted.getInetAddress()).isEqualTo(source.getAddress());
                }
            }
        }
    }
}
