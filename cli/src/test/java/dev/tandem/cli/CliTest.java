package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliTest {

    @Command(name = "sample", mixinStandardHelpOptions = true)
    static final class Sample {
        @Env("SAMPLE_PORT")
        @Option(names = "--port", defaultValue = "7001", description = "the port")
        int port;

        @Env("SAMPLE_NAME")
        @Option(names = "--name", description = "a name")
        String name;

        @Option(names = "--flagonly", description = "no twin")
        String flagOnly;
    }

    private static Cli.Outcome parse(Sample sample, Map<String, String> env, String... args) {
        return Cli.parse("sample", CliTest.class, sample, args, env::get);
    }

    @Test
    void theFlagWinsOverItsTwinWhichWinsOverTheDefault() {
        Sample fromDefault = new Sample();
        assertThat(parse(fromDefault, Map.of())).isInstanceOf(Cli.Run.class);
        assertThat(fromDefault.port).isEqualTo(7001);
        assertThat(fromDefault.name).isNull();

        Sample fromEnv = new Sample();
        parse(fromEnv, Map.of("SAMPLE_PORT", " 7100 ", "SAMPLE_NAME", "env"));
        assertThat(fromEnv.port).isEqualTo(7100);
        assertThat(fromEnv.name).isEqualTo("env");

        Sample fromFlag = new Sample();
        parse(fromFlag, Map.of("SAMPLE_PORT", "7100", "SAMPLE_NAME", "env"), "--port", "7002", "--name=flag");
        assertThat(fromFlag.port).isEqualTo(7002);
        assertThat(fromFlag.name).isEqualTo("flag");

        Sample repeated = new Sample();
        parse(repeated, Map.of(), "--port", "1", "--port", "2", "--name", "@notafile");
        assertThat(repeated.port).as("the last one wins").isEqualTo(2);
        assertThat(repeated.name).isEqualTo("@notafile");

        Sample blank = new Sample();
        parse(blank, Map.of("SAMPLE_PORT", "  "));
        assertThat(blank.port).as("a blank variable is unset").isEqualTo(7001);
    }

    @Test
    void badInputExitsWith2AndOneLineNamingTheFlag() {
        Cli.Exit notANumber = (Cli.Exit) parse(new Sample(), Map.of(), "--port", "http");
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.text()).startsWith("sample: ").contains("--port", "'http'").endsWith("Try --help.");
        Cli.Exit unknown = (Cli.Exit) parse(new Sample(), Map.of(), "--frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.text()).contains("Unknown option: '--frobnicate'");
        assertThat(((Cli.Exit) parse(new Sample(), Map.of(), "--port")).text()).contains("--port");
        Cli.Exit badEnv = (Cli.Exit) parse(new Sample(), Map.of("SAMPLE_PORT", "x"));
        assertThat(badEnv.code()).isEqualTo(2);
        assertThat(badEnv.text()).contains("--port", "'x'");
    }

    @Test
    void helpIsATableOfFlagTwinDefaultAndMeaningAndVersionComesFromTheManifest() {
        Cli.Exit help = (Cli.Exit) parse(new Sample(), Map.of("SAMPLE_PORT", "7100"), "--help");
        assertThat(help.code()).isZero();
        assertThat(help.text()).containsPattern("--port <port> +SAMPLE_PORT +7001 +the port")
                .as("documents the default, not the environment's value").doesNotContain("7100")
                .containsPattern("--flagonly <flagOnly> +no twin").contains("--version", "--help");
        Cli.Exit version = (Cli.Exit) parse(new Sample(), Map.of(), "--version");
        assertThat(version.code()).isZero();
        assertThat(version.text()).as("no manifest outside a jar").isEqualTo("sample dev");
        assertThat(Flag.of(Cli.command(new Sample(), Map.<String, String>of()::get).getCommandSpec()))
                .containsExactly(new Flag("--port", "SAMPLE_PORT", "7001", "the port"),
                        new Flag("--name", "SAMPLE_NAME", null, "a name"),
                        new Flag("--flagonly", null, null, "no twin"));
    }
}
