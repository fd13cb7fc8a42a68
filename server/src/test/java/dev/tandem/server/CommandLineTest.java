package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void trustedProxiesAreIpAddressesAndDefaultToLoopback() {
        assertThat(parse(Map.of()).config().limits().trustedProxies()).contains("127.0.0.1", "::1");
        assertThat(parse(Map.of("TANDEM_TRUSTED_PROXIES", "10.0.0.2, 10.0.0.3")).config().limits().trustedProxies())
                .containsExactly("10.0.0.2", "10.0.0.3");
        CommandLine.Parsed named = parse(Map.of(), "--trusted-proxies", "proxy.example.com");
        assertThat(named.exitCode()).isEqualTo(2);
        assertThat(named.output()).contains("--trusted-proxies takes IP addresses, not proxy.example.com");
    }

    @Test
    void theClusterSecretComesFromTheEnvironment() {
        CommandLine.Parsed parsed = parse(Map.of("TANDEM_CLUSTER_SECRET", "0123456789abcdef-secret"));
        assertThat(parsed.config().clusterSecret()).isEqualTo("0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.config().toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void metricsAreOffUnlessAPortIsGiven() {
        assertThat(parse(Map.of()).metricsPort()).isNull();
        assertThat(parse(Map.of("TANDEM_METRICS_PORT", "9101")).metricsPort()).isEqualTo(9101);
        assertThat(parse(Map.of(), "--metrics-port", "0").metricsPort()).isZero();
        assertThat(parse(Map.of(), "--metrics-port", "x").output()).contains("--metrics-port must be a number");
    }

    @Test
    void redisUrlsMayNameTlsOrSentinels() {
        String sentinels = "redis-sentinel://10.0.0.5:26379,10.0.0.6:26379,10.0.0.7:26379#tandem";
        assertThat(parse(Map.of("REDIS_URL", sentinels)).config().redisUrl()).isEqualTo(sentinels);
        assertThat(parse(Map.of(), "--redis-url", "rediss://10.0.0.5:6380").config().redisUrl()).isEqualTo("rediss://10.0.0.5:6380");
        assertThat(parse(Map.of(), "--redis-url", "sentinel://x").output())
                .contains("must start with redis://, rediss:// or redis-sentinel://");
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
                "TANDEM_SERVER_ID", "TANDEM_CLUSTER_SECRET", "--rate-limit", "--previous-secret-file",
                "TANDEM_PREVIOUS_SECRET_FILE");
        assertThat(parse(Map.of(), "--version").output()).startsWith("tandem-server ");
    }

    @Test
    void thePreviousSecretComesFromAFileAndWasRetiredWhenTheFileWasWritten(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cluster-secret.previous");
        Files.writeString(file, "the-retired-secret-0123456789\n");
        Instant rotated = Instant.parse("2026-11-30T08:00:00Z");
        Files.setLastModifiedTime(file, FileTime.from(rotated));

        ServerConfig fromFlag = parse(Map.of(), "--previous-secret-file", file.toString()).config();
        ServerConfig fromEnv = parse(Map.of("TANDEM_PREVIOUS_SECRET_FILE", file.toString())).config();

        for (ServerConfig config : new ServerConfig[] {fromFlag, fromEnv}) {
            assertThat(config.previousSecret().secret())
                    .isEqualTo("the-retired-secret-0123456789".getBytes(StandardCharsets.UTF_8));
            assertThat(config.previousSecret().retiredAt()).isEqualTo(rotated);
            assertThat(config.previousSecret().acceptedUntil())
                    .isEqualTo(rotated.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
            assertThat(config.toString()).doesNotContain("the-retired-secret").contains("retired at " + rotated);
        }
        assertThat(parse(Map.of()).config().previousSecret()).as("without the flag").isNull();
    }

    @Test
    void aMissingOrShortPreviousSecretIsRefused(@TempDir Path dir) throws IOException {
        CommandLine.Parsed missing = parse(Map.of(), "--previous-secret-file", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("cannot read the previous secret file " + dir.resolve("nope") + ": no such file");
        Path shortOne = Files.writeString(dir.resolve("short"), "tiny");
        CommandLine.Parsed tooShort = parse(Map.of(), "--previous-secret-file", shortOne.toString());
        assertThat(tooShort.exitCode()).isEqualTo(2);
        assertThat(tooShort.output()).contains("at least 16 characters");
    }
}
