package dev.tandem.system.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code ./tandem up --tls} says to the mistakes that stop it before anything starts: the TLS port in
 * use, a TLS port that is no port. Nothing is started, and no certificate is made.
 */
@Timeout(120)
class TandemTlsErrorsIT {
    private TandemScript tandem;

    @BeforeEach
    void freshStateAndFreePorts() throws IOException {
        tandem = TandemScript.onFreePorts("tandem-tls-errors-");
    }

    @AfterEach
    void deleteState() throws IOException {
        try (Stream<Path> files = Files.walk(tandem.home())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void theTlsPortInUseNamesThePortAndItsVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tandem.with("TANDEM_LB_TLS_PORT", Integer.toString(taken.getLocalPort()));

            TandemScript.Result up = tandem.run("up", "--tls");

            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.output())
                    .contains("port " + taken.getLocalPort() + " (proxy, TLS) is in use")
                    .contains("TANDEM_LB_TLS_PORT");
            assertThat(tandem.recordedPids()).isEmpty();
            assertThat(tandem.home().resolve("tls")).doesNotExist();
        }
    }

    @Test
    void aTlsPortThatIsNoPortIsRefused() {
        tandem.with("TANDEM_LB_TLS_PORT", "84x3");

        TandemScript.Result up = tandem.run("up", "--tls");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("TANDEM_LB_TLS_PORT");
        assertThat(tandem.recordedPids()).isEmpty();
    }

    @Test
    void anUnknownOptionNamesTheTlsFlagInTheUsage() {
        TandemScript.Result up = tandem.run("up", "--tsl");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("unknown option for up: --tsl").contains("[--tls]");
    }
}
