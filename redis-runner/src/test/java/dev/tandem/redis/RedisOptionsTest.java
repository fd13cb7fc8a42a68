package dev.tandem.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.Cli;
import dev.tandem.cli.ReadmeFlags;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisOptionsTest {
    private static RedisOptions.Parsed parse(String... args) {
        return RedisOptions.parse(args, Map.<String, String>of()::get);
    }

    @Test
    void defaultsKeepNothingOnDisk() {
        RedisOptions.Parsed parsed = parse();
        assertThat(parsed.exit()).isNull();
        assertThat(parsed.port()).isEqualTo(6379);
        assertThat(parsed.dir()).isEqualTo(Path.of(".tandem", "redis"));
        assertThat(parsed.appendonly()).isFalse();
        assertThat(parsed.fsync()).isEqualTo(Fsync.EVERYSEC);
    }

    @Test
    void anFsyncPolicyImpliesTheAppendOnlyFile() {
        RedisOptions.Parsed parsed = parse("--port", "6400", "--dir=/tmp/r", "--appendfsync", "always");
        assertThat(parsed.port()).isEqualTo(6400);
        assertThat(parsed.dir()).isEqualTo(Path.of("/tmp/r"));
        assertThat(parsed.appendonly()).isTrue();
        assertThat(parsed.fsync()).isEqualTo(Fsync.ALWAYS);
        assertThat(parse("--appendonly", "yes").appendonly()).isTrue();
    }

    @Test
    void badFlagsExitWith2NamingTheFlag() {
        assertThat(parse("--port", "0").exit()).isEqualTo(new Cli.Exit(
                "tandem-redis: --port must be a number between 1 and 65535, got '0'\nTry --help.", 2));
        assertThat(parse("--appendonly", "maybe").exit().text()).contains("--appendonly must be yes or no, got 'maybe'");
        assertThat(parse("--wat").exit().code()).isEqualTo(2);
        assertThat(parse("--help").exit().code()).isZero();
        assertThat(parse("--help").exit().text()).as("picocli writes the 'Usage: ' itself")
                .contains("\nUsage: java -jar tandem-redis.jar [options]\n").doesNotContain("Usage: Usage");
        assertThat(parse("--version").exit().text()).isEqualTo("tandem-redis dev");
    }

    @Test
    void theReadmeDocumentsEveryFlag() throws Exception {
        ReadmeFlags.assertDocuments("redis-runner", Cli.command(new RedisOptions(), name -> null).getCommandSpec());
    }
}
