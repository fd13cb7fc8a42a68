package dev.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopOptionsTest {
    @TempDir
    Path dir;

    @Test
    void flagsWinOverTheEnvironment() {
        CommandLine line = run(Map.of("TANDEM_SERVER", "ws://b:2/ws", "TANDEM_USER", "carol"),
                "--server", "ws://a:1/ws", "--user=bob");
        assertThat(line.server()).contains("ws://a:1/ws");
        assertThat(line.user()).contains("bob");
        assertThat(line.autoSignIn()).isFalse();
    }

    @Test
    void theEnvironmentFillsInWhatFlagsLeaveOut() {
        CommandLine line = run(Map.of("TANDEM_SERVER", "ws://b:2/ws"));
        assertThat(line.server()).contains("ws://b:2/ws");
        assertThat(line.user()).isEmpty();
        assertThat(run(Map.of()).server()).isEmpty();
        assertThat(run(Map.of("TANDEM_USER", "  ")).user()).as("blank counts as unset").isEmpty();
    }

    @Test
    void aUserAndAPasswordFileSignInAutomatically() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret-pass\n");
        CommandLine fromEnv = run(Map.of("TANDEM_USER", "alice", "TANDEM_PASSWORD_FILE", file.toString()));
        assertThat(fromEnv.password()).contains("s3cret-pass");
        assertThat(fromEnv.autoSignIn()).isTrue();
        assertThat(fromEnv.toString()).doesNotContain("s3cret");
        CommandLine fromFlag = run(Map.of(), "--user", "alice", "--password-file", file.toString());
        assertThat(fromFlag.password()).contains("s3cret-pass");
    }

    @Test
    void thePasswordCanComeFromStandardInput() {
        DesktopOptions.Parsed parsed = DesktopOptions.parse(new String[] {"--user", "alice", "--password-stdin"},
                name -> null, new BufferedReader(new StringReader("from-stdin-1\nignored\n")));
        assertThat(parsed.commandLine().password()).contains("from-stdin-1");
        assertThat(parsed.commandLine().autoSignIn()).isTrue();
    }

    @Test
    void aWindowOffsetAndCreateAccountComeFromFlagsOrTheEnvironment() {
        CommandLine plain = run(Map.of());
        assertThat(plain.windowOffset()).isZero();
        assertThat(plain.createAccount()).isFalse();

        CommandLine flags = run(Map.of(), "--window-offset", "2", "--create-account");
        assertThat(flags.windowOffset()).isEqualTo(2);
        assertThat(flags.createAccount()).isTrue();
        assertThat(run(Map.of(), "--window-offset=3").windowOffset()).isEqualTo(3);

        CommandLine env = run(Map.of("TANDEM_WINDOW_OFFSET", "1", "TANDEM_CREATE_ACCOUNT", "1"));
        assertThat(env.windowOffset()).isEqualTo(1);
        assertThat(env.createAccount()).as("what ./tandem demo sets").isTrue();
        assertThat(run(Map.of("TANDEM_CREATE_ACCOUNT", "true")).createAccount()).isTrue();
        assertThat(run(Map.of("TANDEM_CREATE_ACCOUNT", "0")).createAccount()).isFalse();
        assertThat(run(Map.of("TANDEM_CREATE_ACCOUNT", "no")).createAccount()).isFalse();
        assertThat(run(Map.of("TANDEM_WINDOW_OFFSET", "4"), "--window-offset", "0").windowOffset()).isZero();
    }

    @Test
    void aDataDirectoryFlagIsPassedOnAndOtherwiseLeftToTheDataDirectory() {
        assertThat(run(Map.of(), "--data-dir", dir.toString()).dataDir()).contains(dir);
        assertThat(run(Map.of("TANDEM_DATA_DIR", "/e")).dataDir())
                .as("the twin is read by DataDirectory, after -Dtandem.data.dir").isEmpty();
        assertThat(usage(Map.of(), "--data-dir=")).isEqualTo("tandem-desktop: --data-dir needs a value\nTry --help.");
    }

    @Test
    void badValuesGetOneLineNamingThemAndExitCode2() throws Exception {
        assertThat(usage(Map.of(), "--window-offset", "x"))
                .isEqualTo("tandem-desktop: Invalid value for option '--window-offset': 'x' is not an int\nTry --help.");
        assertThat(usage(Map.of(), "--window-offset", "21"))
                .isEqualTo("tandem-desktop: --window-offset must be between 0 and 20, got 21\nTry --help.");
        assertThat(usage(Map.of("TANDEM_WINDOW_OFFSET", "-1"))).as("from the twin").contains("got -1");
        assertThat(usage(Map.of("TANDEM_CREATE_ACCOUNT", "maybe")))
                .contains("'--create-account'", "'maybe' is not 1, 0, true or false");
        assertThat(usage(Map.of(), "--bogus")).contains("Unknown option: '--bogus'");
        assertThat(usage(Map.of(), "--server")).contains("Missing required parameter for option '--server'");
        assertThat(usage(Map.of(), "--server=")).contains("--server needs a value");
        assertThat(usage(Map.of(), "--server", "http://x")).contains("--server: The address must start with ws://");
        assertThat(usage(Map.of("TANDEM_PASSWORD_FILE", dir.resolve("nope").toString())))
                .contains("--password-file: " + dir.resolve("nope") + " does not exist");
        Path empty = Files.writeString(dir.resolve("empty"), "");
        assertThat(usage(Map.of(), "--password-file", empty.toString())).contains("is empty");
        Path file = Files.writeString(dir.resolve("pw"), "pw-1234");
        assertThat(usage(Map.of("TANDEM_PASSWORD_FILE", file.toString()), "--password-stdin"))
                .contains("--password-stdin and --password-file (TANDEM_PASSWORD_FILE) both give the password");
        DesktopOptions.Parsed noStdin = DesktopOptions.parse(new String[] {"--password-stdin"}, name -> null,
                new BufferedReader(new StringReader("")));
        assertThat(noStdin.output()).contains("standard input holds no password");
        assertThat(noStdin.exitCode()).isEqualTo(2);
    }

    @Test
    void aPasswordArgumentIsRefusedWithoutEchoingIt() {
        for (String[] args : new String[][] {{"--password", "hunter2-secret"}, {"--password=hunter2-secret"},
                {"--password-stdin=hunter2-secret"}}) {
            String output = usage(Map.of(), args);
            assertThat(output).contains("passwords are not accepted as arguments").doesNotContain("hunter2");
        }
    }

    @Test
    void aCaFileFromTheFlagOrItsTwinIsCheckedWhileParsing() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThat(usage(Map.of(), "--ca-file", missing.toString()))
                .isEqualTo("tandem-desktop: --ca-file: CA file " + missing + " does not exist\nTry --help.");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThat(usage(Map.of("TANDEM_CA_FILE", empty.toString()))).contains("CA file " + empty + " holds no certificate");
        assertThat(run(Map.of()).caFile()).isEmpty();
    }

    @Test
    void helpAndVersionAnswerAndExit0() {
        DesktopOptions.Parsed help = parse(Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.commandLine()).isNull();
        assertThat(help.output()).contains("Usage: java -jar tandem-desktop.jar [options]", "TANDEM_SERVER",
                "TANDEM_USER", "TANDEM_PASSWORD_FILE", "TANDEM_CREATE_ACCOUNT", "TANDEM_WINDOW_OFFSET", "TANDEM_CA_FILE",
                "TANDEM_DATA_DIR", "-Dtandem.prefs.node");
        assertThat(help.output()).containsPattern("--window-offset N +TANDEM_WINDOW_OFFSET +0 +with no remembered");
        assertThat(help.output()).containsPattern("--create-account +TANDEM_CREATE_ACCOUNT");
        assertThat(parse(Map.of(), "-h").exitCode()).isZero();
        DesktopOptions.Parsed version = parse(Map.of(), "--version");
        assertThat(version.output()).as("no manifest on target/classes").isEqualTo("tandem-desktop dev");
        assertThat(version.exitCode()).isZero();
        assertThat(AppVersion.get()).isEqualTo("dev");
    }

    private static DesktopOptions.Parsed parse(Map<String, String> env, String... args) {
        return DesktopOptions.parse(args, env::get, new BufferedReader(new StringReader("")));
    }

    private static CommandLine run(Map<String, String> env, String... args) {
        DesktopOptions.Parsed parsed = parse(env, args);
        assertThat(parsed.output()).as("no usage error").isNull();
        return parsed.commandLine();
    }

    private static String usage(Map<String, String> env, String... args) {
        DesktopOptions.Parsed parsed = parse(env, args);
        assertThat(parsed.exitCode()).isEqualTo(2);
        assertThat(parsed.commandLine()).isNull();
        return parsed.output();
    }
}
