package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine.Parsed parse(Map<String, String> env, String... args) {
        return CommandLine.parse(args, env::get);
    }

    @Test
    void flagsWinOverTheirEnvironmentTwins() {
        CommandLine.Parsed parsed = parse(Map.of("TANDEM_PORT", "7100", "TANDEM_SERVER_ID", "env-id",
                        "REDIS_URL", "redis://10.0.0.1:6380"),
                "--port", "7001", "--server-id=s1");
        assertThat(parsed.config().port()).isEqualTo(7001);
        assertThat(parsed.config().serverId()).isEqualTo("s1");
        assertThat(parsed.config().redisUrl()).isEqualTo("redis://10.0.0.1:6380");
    }

    @Test
    void theClusterSecretComesFromTheEnvironment() {
        CommandLine.Parsed parsed = parse(Map.of("TANDEM_CLUSTER_SECRET", "0123456789abcdef-secret"));
        assertThat(parsed.config().clusterSecret()).isEqualTo("0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.config().toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void badValuesGetAClearMessageAndExitCode2() {
        assertThat(parse(Map.of(), "--port", "http").output()).contains("--port must be a number");
        assertThat(parse(Map.of(), "--port", "70000").exitCode()).isEqualTo(2);
        assertThat(parse(Map.of(), "--redis-url", "http://x").output()).contains("redis://");
        assertThat(parse(Map.of(), "--frobnicate").output()).contains("unknown option --frobnicate");
        assertThat(parse(Map.of(), "--port").output()).contains("needs a value");
        assertThat(parse(Map.of("TANDEM_CLUSTER_SECRET", "short")).output()).contains("at least 16");
        CommandLine.Parsed missing = parse(Map.of(), "--cluster-secret-file", "/nonexistent/tandem-secret");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("cannot read the cluster secret file /nonexistent/tandem-secret: no such file");
    }

    @Test
    void helpListsEveryFlagWithItsVariable() {
        CommandLine.Parsed parsed = parse(Map.of(), "--help");
        assertThat(parsed.exitCode()).isZero();
        assertThat(parsed.output()).contains("--port", "TANDEM_PORT", "--redis-url", "REDIS_URL", "--server-id",
                "TANDEM_SERVER_ID", "TANDEM_CLUSTER_SECRET", "--rate-limit");
        assertThat(parse(Map.of(), "--version").output()).startsWith("tandem-server ");
    }
}
