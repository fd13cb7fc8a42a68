package dev.tandem.lb.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    private static LbConfig parse(Map<String, String> env, String... args) {
        return ((CommandLine.Run) CommandLine.parse(args, env)).config();
    }

    @Test
    void flagsAsInTheReadme() {
        LbConfig c = parse(Map.of(), "--port", "8080", "--backend", "s1=http://127.0.0.1:7001",
                "--backend=s2=http://localhost:7002");
        assertThat(c.listen().port()).isEqualTo(8080);
        assertThat(c.backends()).containsExactly(new BackendSpec("s1", "127.0.0.1", 7001),
                new BackendSpec("s2", "localhost", 7002));
        assertThat(c.health().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.health().fall()).isEqualTo(2);
        assertThat(c.health().rise()).isEqualTo(2);
        assertThat(c.health().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.health().tunnelCloseGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.limits().headTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.limits().maxHeaderBytes()).isEqualTo(8192);
        assertThat(c.affinityCookie()).isEqualTo("TANDEM_AFFINITY");
    }

    @Test
    void environmentTwinsAndFlagsOverrideThem() {
        Map<String, String> env = Map.of("TANDEM_LB_PORT", "9000", "TANDEM_BACKENDS",
                "a=http://10.0.0.1:1, b=http://10.0.0.2:2", "TANDEM_LB_HEALTH_INTERVAL_MS", "250");
        LbConfig c = parse(env);
        assertThat(c.listen().port()).isEqualTo(9000);
        assertThat(c.backends()).extracting(BackendSpec::id).containsExactly("a", "b");
        assertThat(c.health().interval()).isEqualTo(Duration.ofMillis(250));
        LbConfig overridden = parse(env, "--port", "9001", "--backend", "z=http://h:3");
        assertThat(overridden.listen().port()).isEqualTo(9001);
        assertThat(overridden.backends()).extracting(BackendSpec::id).containsExactly("z");
    }

    @Test
    void tunnelCloseGraceFromFlagOrEnvironmentAndZeroMeansAtOnce() {
        String[] backend = {"--backend", "s1=http://h:1"};
        assertThat(parse(Map.of("TANDEM_LB_TUNNEL_CLOSE_GRACE_MS", "750"), backend).health().tunnelCloseGrace())
                .isEqualTo(Duration.ofMillis(750));
        assertThat(parse(Map.of("TANDEM_LB_TUNNEL_CLOSE_GRACE_MS", "750"), "--backend", "s1=http://h:1",
                "--tunnel-close-grace-ms", "0").health().tunnelCloseGrace()).isZero();
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "s1=http://h:1", "--tunnel-close-grace-ms", "-1"))
                .hasMessageContaining("--tunnel-close-grace-ms must not be negative");
        assertThatThrownBy(() -> parse(Map.of("TANDEM_LB_TUNNEL_CLOSE_GRACE_MS", "soon"), backend))
                .hasMessageContaining("TANDEM_LB_TUNNEL_CLOSE_GRACE_MS");
    }

    @Test
    void responseTimeoutFromFlagOrEnvironmentDefaultsTo30sAndMustBePositive() {
        String[] backend = {"--backend", "s1=http://h:1"};
        assertThat(parse(Map.of(), backend).limits().responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse(Map.of("TANDEM_LB_RESPONSE_TIMEOUT_MS", "1500"), backend).limits().responseTimeout())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(parse(Map.of("TANDEM_LB_RESPONSE_TIMEOUT_MS", "1500"), "--backend", "s1=http://h:1",
                "--response-timeout-ms", "250").limits().responseTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "s1=http://h:1", "--response-timeout-ms", "0"))
                .hasMessageContaining("--response-timeout-ms must be positive");
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "s1=http://h:1", "--response-timeout-ms", "-5"))
                .hasMessageContaining("--response-timeout-ms must not be negative");
        assertThatThrownBy(() -> parse(Map.of("TANDEM_LB_RESPONSE_TIMEOUT_MS", "30s"), backend))
                .hasMessageContaining("TANDEM_LB_RESPONSE_TIMEOUT_MS");
    }

    @Test
    void handbackIsOnWithA2sSpreadByDefaultAndBothComeFromFlagOrEnvironment() {
        String[] backend = {"--backend", "s1=http://h:1"};
        LbConfig defaults = parse(Map.of(), backend);
        assertThat(defaults.handback().enabled()).isTrue();
        assertThat(defaults.handback().spread()).isEqualTo(Duration.ofSeconds(2));
        Map<String, String> env = Map.of("TANDEM_LB_HANDBACK", "false", "TANDEM_LB_HANDBACK_SPREAD_MS", "500");
        assertThat(parse(env, backend).handback().enabled()).isFalse();
        assertThat(parse(env, backend).handback().spread()).isEqualTo(Duration.ofMillis(500));
        LbConfig flags = parse(env, "--backend", "s1=http://h:1", "--handback", "true", "--handback-spread-ms=0");
        assertThat(flags.handback().enabled()).isTrue();
        assertThat(flags.handback().spread()).isZero();
        assertThat(parse(Map.of(), "--backend", "s1=http://h:1", "--handback", "OFF").handback().enabled()).isFalse();
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "s1=http://h:1", "--handback", "maybe"))
                .hasMessageContaining("--handback expects true or false");
        assertThatThrownBy(() -> parse(Map.of("TANDEM_LB_HANDBACK", "sometimes"), backend))
                .hasMessageContaining("TANDEM_LB_HANDBACK");
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "s1=http://h:1", "--handback-spread-ms", "-1"))
                .hasMessageContaining("--handback-spread-ms must not be negative");
    }

    @Test
    void helpAndVersion() {
        assertThat(CommandLine.parse(new String[] {"--help"}, Map.of())).isInstanceOf(CommandLine.Help.class);
        assertThat(CommandLine.parse(new String[] {"--version"}, Map.of())).isInstanceOf(CommandLine.Version.class);
        assertThat(CommandLine.help()).contains("TANDEM_LB_HEAD_TIMEOUT_MS", "--fall", "--rise",
                "--tunnel-close-grace-ms", "TANDEM_LB_TUNNEL_CLOSE_GRACE_MS", "timed out",
                "--response-timeout-ms", "TANDEM_LB_RESPONSE_TIMEOUT_MS", "504",
                "--handback", "TANDEM_LB_HANDBACK", "--handback-spread-ms", "TANDEM_LB_HANDBACK_SPREAD_MS");
    }

    @Test
    void badInputNamesTheCulprit() {
        assertThatThrownBy(() -> parse(Map.of(), "--port", "eighty", "--backend", "s1=http://h:1"))
                .hasMessageContaining("--port expects a whole number");
        assertThatThrownBy(() -> parse(Map.of("TANDEM_LB_PORT", "x"), "--backend", "s1=http://h:1"))
                .hasMessageContaining("TANDEM_LB_PORT");
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "s1"))
                .hasMessageContaining("must look like id=http://host:port");
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "s1=http://h:1/api"))
                .hasMessageContaining("must not have a path");
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "s1=http://h:1", "--backend", "s1=http://h:2"))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "s1=http://h:1", "--fall", "0"))
                .hasMessageContaining("fall and rise");
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "s1=http://h:1", "--port"))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> parse(Map.of(), "--backend", "bad id=http://h:1"))
                .hasMessageContaining("backend id 'bad id'");
    }

    private static CommandLine.Run run(Map<String, String> env, String... args) {
        return (CommandLine.Run) CommandLine.parse(args, env);
    }

    @Test
    void tlsIsOffWithoutFilesAndOnWithBoth() {
        assertThat(run(Map.of(), "--backend", "s1=http://127.0.0.1:7001").tls()).isNull();
        var tls = run(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--tls-cert", "/etc/c.pem",
                "--tls-key=/etc/k.pem").tls();
        assertThat(tls).isEqualTo(new dev.tandem.lb.tls.TlsConfig(java.nio.file.Path.of("/etc/c.pem"),
                java.nio.file.Path.of("/etc/k.pem"), 8443, true));
    }

    @Test
    void tlsFromTheEnvironmentTwinsAndAFlagWins() {
        var tls = run(Map.of("TANDEM_BACKENDS", "s1=http://127.0.0.1:7001", "TANDEM_LB_TLS_CERT", "c.pem",
                "TANDEM_LB_TLS_KEY", "k.pem", "TANDEM_LB_TLS_PORT", "9443", "TANDEM_LB_PLAIN", "false"),
                "--tls-port", "10443").tls();
        assertThat(tls.port()).isEqualTo(10443);
        assertThat(tls.plain()).isFalse();
        assertThat(tls.certFile().toString()).isEqualTo("c.pem");
    }

    @Test
    void halfATlsConfigurationOrAClashingPortIsRefused() {
        assertThatThrownBy(() -> run(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--tls-key", "k.pem"))
                .isInstanceOf(ConfigException.class).hasMessage("--tls-key needs --tls-cert (TANDEM_LB_TLS_CERT) too");
        assertThatThrownBy(() -> run(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--tls-cert", "c.pem",
                "--tls-key", "k.pem", "--port", "8443"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--tls-port 8443 is also --port");
        assertThatThrownBy(() -> run(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--tls-port", "70000"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--tls-port must be a port from 0 to 65535");
        assertThatThrownBy(() -> run(Map.of("TANDEM_LB_PLAIN", "maybe"), "--backend", "s1=http://127.0.0.1:7001"))
                .isInstanceOf(ConfigException.class).hasMessage("TANDEM_LB_PLAIN: --plain expects true or false, got 'maybe'");
        // TLS only is fine on the same number: there is no plain listener to clash with
        assertThat(run(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--tls-cert", "c.pem", "--tls-key", "k.pem",
                "--port", "8443", "--plain", "false").tls().port()).isEqualTo(8443);
    }
}
