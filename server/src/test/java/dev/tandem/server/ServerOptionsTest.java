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

class ServerOptionsTest {

    private static ServerOptions.Parsed parse(Map<String, String> env, String... args) {
        return ServerOptions.parse(args, env::get);
    }

    @Test
    void flagsWinOverTheirEnvironmentTwins() {
        ServerOptions.Parsed parsed = parse(Map.of("TANDEM_PORT", "7100", "TANDEM_SERVER_ID", "env-id",
                        "REDIS_URL", "redis://10.0.0.1:6380"),
                "--port", "7001", "--server-id=s1");
        assertThat(parsed.config().port()).isEqualTo(7001);
        assertThat(parsed.config().serverId()).isEqualTo("s1");
        assertThat(parsed.config().redisUrl()).isEqualTo("redis://10.0.0.1:6380");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerConfig config = parse(Map.of()).config();
        assertThat(config.port()).isEqualTo(7001);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(config.serverId()).isEqualTo("s7001");
        assertThat(config.messagesPerSecond()).isEqualTo(20);
        assertThat(config.messageBurst()).isEqualTo(40);
        assertThat(config.pbkdf2Iterations()).isEqualTo(ServerConfig.DEFAULT_PBKDF2_ITERATIONS);
        assertThat(parse(Map.of()).secretGiven()).isFalse();
        assertThat(parse(Map.of(), "--port", "7002").config().serverId()).isEqualTo("s7002");
        assertThat(parse(Map.of(), "--rate-limit", "5").config().messageBurst()).isEqualTo(10);
        assertThat(parse(Map.of("TANDEM_RATE_BURST", "3"), "--rate-limit", "5").config().messageBurst()).isEqualTo(3);
    }

    @Test
    void trustedProxiesAreIpAddressesAndDefaultToLoopback() {
        assertThat(parse(Map.of()).config().limits().trustedProxies()).contains("127.0.0.1", "::1");
        assertThat(parse(Map.of("TANDEM_TRUSTED_PROXIES", "10.0.0.2, 10.0.0.3")).config().limits().trustedProxies())
                .containsExactly("10.0.0.2", "10.0.0.3");
        ServerOptions.Parsed named = parse(Map.of(), "--trusted-proxies", "proxy.example.com");
        assertThat(named.exitCode()).isEqualTo(2);
        assertThat(named.output()).contains("--trusted-proxies takes IP addresses, not proxy.example.com");
    }

    @Test
    void theClusterSecretComesFromTheEnvironment() {
        ServerOptions.Parsed parsed = parse(Map.of("TANDEM_CLUSTER_SECRET", "0123456789abcdef-secret"));
        assertThat(parsed.secretGiven()).isTrue();
        assertThat(parsed.config().clusterSecret()).isEqualTo("0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.config().toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void replicasToWaitForAreNoneUnlessAsked() {
        assertThat(parse(Map.of()).config().redisMinReplicas()).isZero();
        assertThat(parse(Map.of("TANDEM_REDIS_MIN_REPLICAS", "1")).config().redisMinReplicas()).isEqualTo(1);
        assertThat(parse(Map.of("TANDEM_REDIS_MIN_REPLICAS", "1"), "--redis-min-replicas", "2").config().redisMinReplicas())
                .isEqualTo(2);
        assertThat(parse(Map.of(), "--redis-min-replicas", "-1").output()).contains("--redis-min-replicas");
    }

    @Test
    void metricsAreOffUnlessAPortIsGiven() {
        assertThat(parse(Map.of()).metricsPort()).isNull();
        assertThat(parse(Map.of("TANDEM_METRICS_PORT", "9101")).metricsPort()).isEqualTo(9101);
        assertThat(parse(Map.of(), "--metrics-port", "0").metricsPort()).isZero();
        assertThat(parse(Map.of(), "--metrics-port", "x").output())
                .isEqualTo("tandem-server: Invalid value for option '--metrics-port': 'x' is not an int\nTry --help.");
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
        assertThat(parse(Map.of(), "--port", "http").output()).contains("Invalid value for option '--port': 'http' is not an int");
        assertThat(parse(Map.of("TANDEM_PORT", "http")).output()).as("from the twin").contains("'--port': 'http'");
        ServerOptions.Parsed outOfRange = parse(Map.of(), "--port", "70000");
        assertThat(outOfRange.exitCode()).isEqualTo(2);
        assertThat(outOfRange.output()).isEqualTo("tandem-server: --port must be between 0 and 65535, got 70000\nTry --help.");
        assertThat(parse(Map.of(), "--rate-limit", "0").output()).contains("--rate-limit must be between 1 and 1000000");
        assertThat(parse(Map.of(), "--redis-url", "http://x").output()).contains("redis://");
        assertThat(parse(Map.of(), "--frobnicate").output()).contains("Unknown option: '--frobnicate'");
        assertThat(parse(Map.of(), "--frobnicate").exitCode()).isEqualTo(2);
        assertThat(parse(Map.of(), "--port").output()).contains("Missing required parameter for option '--port'");
        assertThat(parse(Map.of(), "--cluster-secret", "0123456789abcdef-secret").output())
                .as("no secret in the arguments").contains("Unknown option", "'--cluster-secret'");
        assertThat(parse(Map.of("TANDEM_CLUSTER_SECRET", "short")).output()).contains("at least 16");
        ServerOptions.Parsed missing = parse(Map.of(), "--cluster-secret-file", "/nonexistent/tandem-secret");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("cannot read the cluster secret file /nonexistent/tandem-secret: no such file");
    }

    @Test
    void helpListsEveryFlagWithItsVariable() {
        ServerOptions.Parsed parsed = parse(Map.of(), "--help");
        assertThat(parsed.exitCode()).isZero();
        assertThat(parsed.output()).as("picocli writes the 'Usage: ' itself")
                .contains("\nUsage: java -jar tandem-server.jar [options]\n").doesNotContain("Usage: Usage");
        assertThat(parsed.output()).contains("--port", "TANDEM_PORT", "--redis-url", "REDIS_URL", "--server-id",
                "TANDEM_SERVER_ID", "TANDEM_CLUSTER_SECRET", "--rate-limit", "--previous-secret-file",
                "TANDEM_PREVIOUS_SECRET_FILE");
        assertThat(parsed.output()).containsPattern("--port <port> +TANDEM_PORT +7001 +HTTP/WebSocket port");
        assertThat(parse(Map.of(), "--version").output()).as("no manifest on target/classes").isEqualTo("tandem-server dev");
        assertThat(parse(Map.of(), "--version").exitCode()).isZero();
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
        ServerOptions.Parsed missing = parse(Map.of(), "--previous-secret-file", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("cannot read the previous secret file " + dir.resolve("nope") + ": no such file");
        Path shortOne = Files.writeString(dir.resolve("short"), "tiny");
        ServerOptions.Parsed tooShort = parse(Map.of(), "--previous-secret-file", shortOne.toString());
        assertThat(tooShort.exitCode()).isEqualTo(2);
        assertThat(tooShort.output()).contains("at least 16 characters");
    }
}
