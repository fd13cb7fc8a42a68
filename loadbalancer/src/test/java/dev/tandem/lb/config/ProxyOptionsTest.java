package dev.tandem.lb.config;

import dev.tandem.lb.tls.TlsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyOptionsTest {
    private static final String[] BACKEND = {"--backend", "s1=http://h:1"};

    private static ProxyOptions.Run run(Map<String, String> env, String... args) {
        ProxyOptions.Request r = ProxyOptions.parse(args, env::get);
        assertThat(r).as("%s with %s", List.of(args), env).isInstanceOf(ProxyOptions.Run.class);
        return (ProxyOptions.Run) r;
    }

    private static LbConfig parse(Map<String, String> env, String... args) {
        return run(env, args).config();
    }

    /** The whole stderr text of a refused command line: one line naming the culprit, then the hint; status 2. */
    private static String usage(Map<String, String> env, String... args) {
        ProxyOptions.Request r = ProxyOptions.parse(args, env::get);
        assertThat(r).as("%s with %s", List.of(args), env).isInstanceOf(ProxyOptions.Exit.class);
        ProxyOptions.Exit exit = (ProxyOptions.Exit) r;
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.text()).startsWith("tandem-lb: ").endsWith("\nTry --help.");
        assertThat(exit.text().lines()).hasSize(2);
        return exit.text().lines().findFirst().orElseThrow().substring("tandem-lb: ".length());
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
    void theDefaultsOfTheFlagsAreLbConfigDefaults() {
        LbConfig c = parse(Map.of(), BACKEND);
        assertThat(c).isEqualTo(LbConfig.defaults(List.of(new BackendSpec("s1", "h", 1))));
        assertThat(run(Map.of(), BACKEND).tls()).isNull();
        assertThat(run(Map.of(), BACKEND).metricsPort()).isNull();
    }

    @Test
    void everyFlagReachesItsSetting() {
        LbConfig c = parse(Map.of(), "--backend", "a=http://h:1,b=http://h:2", "--host", "127.0.0.1",
                "--port", "0", "--io-threads", "3", "--health-path", "/up", "--health-interval-ms", "100",
                "--health-timeout-ms", "300", "--fall", "4", "--rise", "5", "--tunnel-close-grace-ms", "600",
                "--head-timeout-ms", "700", "--response-timeout-ms", "800", "--connect-timeout-ms", "900",
                "--drain-ms", "0", "--max-request-line", "1000", "--max-header-bytes", "2000",
                "--cookie", "AFF", "--handback", "no", "--handback-spread-ms", "10");
        assertThat(c.listen()).isEqualTo(new Listen("127.0.0.1", 0, 3));
        assertThat(c.backends()).extracting(BackendSpec::id).containsExactly("a", "b");
        assertThat(c.health()).isEqualTo(new HealthRules("/up", Duration.ofMillis(100), Duration.ofMillis(300), 4, 5,
                Duration.ofMillis(600)));
        assertThat(c.limits()).isEqualTo(new ExchangeLimits(Duration.ofMillis(700), Duration.ofMillis(800),
                Duration.ofMillis(900), Duration.ZERO, 1000, 2000));
        assertThat(c.handback()).isEqualTo(new HandbackRules(false, Duration.ofMillis(10)));
        assertThat(c.affinityCookie()).isEqualTo("AFF");
        assertThat(run(Map.of(), "--backend", "a=http://h:1", "--metrics-port", "9100").metricsPort()).isEqualTo(9100);
        assertThat(run(Map.of("TANDEM_LB_METRICS_PORT", "9101"), BACKEND).metricsPort()).isEqualTo(9101);
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
        // --backend flags replace TANDEM_BACKENDS rather than adding to it
        assertThat(overridden.backends()).extracting(BackendSpec::id).containsExactly("z");
        // a blank variable counts as unset
        assertThat(parse(Map.of("TANDEM_LB_PORT", " "), BACKEND).listen().port()).isEqualTo(8080);
    }

    @Test
    void tunnelCloseGraceFromFlagOrEnvironmentAndZeroMeansAtOnce() {
        assertThat(parse(Map.of("TANDEM_LB_TUNNEL_CLOSE_GRACE_MS", "750"), BACKEND).health().tunnelCloseGrace())
                .isEqualTo(Duration.ofMillis(750));
        assertThat(parse(Map.of("TANDEM_LB_TUNNEL_CLOSE_GRACE_MS", "750"), "--backend", "s1=http://h:1",
                "--tunnel-close-grace-ms", "0").health().tunnelCloseGrace()).isZero();
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--tunnel-close-grace-ms", "-1"))
                .isEqualTo("--tunnel-close-grace-ms must not be negative, got -1");
        assertThat(usage(Map.of("TANDEM_LB_TUNNEL_CLOSE_GRACE_MS", "soon"), BACKEND))
                .isEqualTo("TANDEM_LB_TUNNEL_CLOSE_GRACE_MS: --tunnel-close-grace-ms expects a whole number, got 'soon'");
    }

    @Test
    void responseTimeoutFromFlagOrEnvironmentDefaultsTo30sAndMustBePositive() {
        assertThat(parse(Map.of(), BACKEND).limits().responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse(Map.of("TANDEM_LB_RESPONSE_TIMEOUT_MS", "1500"), BACKEND).limits().responseTimeout())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(parse(Map.of("TANDEM_LB_RESPONSE_TIMEOUT_MS", "1500"), "--backend", "s1=http://h:1",
                "--response-timeout-ms", "250").limits().responseTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--response-timeout-ms", "0"))
                .isEqualTo("--response-timeout-ms must be positive, got 0");
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--response-timeout-ms", "-5"))
                .isEqualTo("--response-timeout-ms must not be negative, got -5");
        assertThat(usage(Map.of("TANDEM_LB_RESPONSE_TIMEOUT_MS", "30s"), BACKEND))
                .startsWith("TANDEM_LB_RESPONSE_TIMEOUT_MS: ");
    }

    @Test
    void handbackIsOnWithA2sSpreadByDefaultAndBothComeFromFlagOrEnvironment() {
        LbConfig defaults = parse(Map.of(), BACKEND);
        assertThat(defaults.handback().enabled()).isTrue();
        assertThat(defaults.handback().spread()).isEqualTo(Duration.ofSeconds(2));
        Map<String, String> env = Map.of("TANDEM_LB_HANDBACK", "false", "TANDEM_LB_HANDBACK_SPREAD_MS", "500");
        assertThat(parse(env, BACKEND).handback()).isEqualTo(new HandbackRules(false, Duration.ofMillis(500)));
        LbConfig flags = parse(env, "--backend", "s1=http://h:1", "--handback", "true", "--handback-spread-ms=0");
        assertThat(flags.handback()).isEqualTo(new HandbackRules(true, Duration.ZERO));
        assertThat(parse(Map.of(), "--backend", "s1=http://h:1", "--handback", "OFF").handback().enabled()).isFalse();
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--handback", "maybe"))
                .isEqualTo("--handback expects true or false, got 'maybe'");
        assertThat(usage(Map.of("TANDEM_LB_HANDBACK", "sometimes"), BACKEND))
                .isEqualTo("TANDEM_LB_HANDBACK: --handback expects true or false, got 'sometimes'");
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--handback-spread-ms", "-1"))
                .isEqualTo("--handback-spread-ms must not be negative, got -1");
    }

    @Test
    void helpAndVersionExitZero() {
        ProxyOptions.Exit help = (ProxyOptions.Exit) ProxyOptions.parse(new String[] {"--help"}, name -> null);
        assertThat(help.code()).isZero();
        assertThat(help.text()).isEqualTo(ProxyOptions.help());
        // picocli writes the heading; the synopsis must not repeat it
        assertThat(help.text()).startsWith("Usage: java -jar tandem-lb.jar --port 8080 --backend s1=").doesNotContain("Usage: Usage");
        assertThat(help.text()).contains("TANDEM_LB_HEAD_TIMEOUT_MS", "--fall", "--rise",
                "--tunnel-close-grace-ms", "TANDEM_LB_TUNNEL_CLOSE_GRACE_MS", "timed out",
                "--response-timeout-ms", "TANDEM_LB_RESPONSE_TIMEOUT_MS", "504",
                "--handback", "TANDEM_LB_HANDBACK", "--handback-spread-ms", "TANDEM_LB_HANDBACK_SPREAD_MS",
                "/lb/status", "--version");
        assertThat(((ProxyOptions.Exit) ProxyOptions.parse(new String[] {"-h"}, name -> null)).code()).isZero();
        ProxyOptions.Exit version = (ProxyOptions.Exit) ProxyOptions.parse(new String[] {"--version"}, name -> null);
        assertThat(version.code()).isZero();
        // outside the jar there is no manifest; JarIT checks the jar's own version
        assertThat(version.text()).isEqualTo("tandem-lb dev");
    }

    @Test
    void badInputNamesTheCulprit() {
        assertThat(usage(Map.of(), "--port", "eighty", "--backend", "s1=http://h:1"))
                .isEqualTo("--port expects a whole number, got 'eighty'");
        assertThat(usage(Map.of("TANDEM_LB_PORT", "x"), "--backend", "s1=http://h:1"))
                .isEqualTo("TANDEM_LB_PORT: --port expects a whole number, got 'x'");
        assertThat(usage(Map.of(), "--port", "70000", "--backend", "s1=http://h:1"))
                .isEqualTo("port 70000 is not in 0..65535");
        assertThat(usage(Map.of(), "--backend", "s1")).isEqualTo("backend 's1' must look like id=http://host:port");
        assertThat(usage(Map.of("TANDEM_BACKENDS", "s1=http://h:1,s2")))
                .isEqualTo("TANDEM_BACKENDS: backend 's2' must look like id=http://host:port");
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1/api")).contains("must not have a path");
        assertThat(usage(Map.of(), "--backend", "s1=https://h:1")).contains("only http:// backends are supported");
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--backend", "s1=http://h:2"))
                .isEqualTo("backend ids must be unique: [s1, s1]");
        assertThat(usage(Map.of()))
                .isEqualTo("at least one backend is required (--backend id=http://host:port)");
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--fall", "0"))
                .isEqualTo("fall and rise must be at least 1 (got fall=0, rise=2)");
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--max-header-bytes", "100"))
                .isEqualTo("head limits must be at least 256 bytes");
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--health-path", "health"))
                .isEqualTo("health path must start with '/': health");
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--cookie", "a b"))
                .startsWith("cookie name must be 1-64 of");
        assertThat(usage(Map.of(), "--backend", "bad id=http://h:1")).startsWith("backend id 'bad id' must match");
        // what picocli itself refuses, in its words
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--port"))
                .isEqualTo("Missing required parameter for option '--port' (PORT)");
        assertThat(usage(Map.of(), "--backend", "s1=http://h:1", "--bogus")).isEqualTo("Unknown option: '--bogus'");
    }

    @Test
    void tlsIsOffWithoutFilesAndOnWithBoth() {
        assertThat(run(Map.of(), "--backend", "s1=http://127.0.0.1:7001").tls()).isNull();
        TlsConfig tls = run(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--tls-cert", "/etc/c.pem",
                "--tls-key=/etc/k.pem").tls();
        assertThat(tls).isEqualTo(new TlsConfig(Path.of("/etc/c.pem"), Path.of("/etc/k.pem"), 8443, true));
    }

    @Test
    void tlsFromTheEnvironmentTwinsAndAFlagWins() {
        TlsConfig tls = run(Map.of("TANDEM_BACKENDS", "s1=http://127.0.0.1:7001", "TANDEM_LB_TLS_CERT", "c.pem",
                "TANDEM_LB_TLS_KEY", "k.pem", "TANDEM_LB_TLS_PORT", "9443", "TANDEM_LB_PLAIN", "false"),
                "--tls-port", "10443").tls();
        assertThat(tls.port()).isEqualTo(10443);
        assertThat(tls.plain()).isFalse();
        assertThat(tls.certFile().toString()).isEqualTo("c.pem");
    }

    @Test
    void halfATlsConfigurationOrAClashingPortIsRefused() {
        assertThat(usage(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--tls-key", "k.pem"))
                .isEqualTo("--tls-key needs --tls-cert (TANDEM_LB_TLS_CERT) too");
        assertThat(usage(Map.of("TANDEM_LB_TLS_CERT", "c.pem"), "--backend", "s1=http://127.0.0.1:7001"))
                .isEqualTo("--tls-cert needs --tls-key (TANDEM_LB_TLS_KEY) too");
        assertThat(usage(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--tls-cert", "c.pem",
                "--tls-key", "k.pem", "--port", "8443"))
                .isEqualTo("--tls-port 8443 is also --port; choose another, or --plain false");
        assertThat(usage(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--tls-port", "70000"))
                .isEqualTo("--tls-port must be a port from 0 to 65535, got 70000");
        assertThat(usage(Map.of("TANDEM_LB_PLAIN", "maybe"), "--backend", "s1=http://127.0.0.1:7001"))
                .isEqualTo("TANDEM_LB_PLAIN: --plain expects true or false, got 'maybe'");
        assertThat(usage(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--metrics-port", "-1"))
                .isEqualTo("--metrics-port must be a port from 0 to 65535, got -1");
        // TLS only is fine on the same number: there is no plain listener to clash with
        assertThat(run(Map.of(), "--backend", "s1=http://127.0.0.1:7001", "--tls-cert", "c.pem", "--tls-key", "k.pem",
                "--port", "8443", "--plain", "false").tls().port()).isEqualTo(8443);
    }
}
