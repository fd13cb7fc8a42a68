package dev.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void flagsWinOverTheEnvironment() throws Exception {
        CommandLine line = parse(List.of("--server", "ws://a:1/ws", "--user=bob"),
                Map.of("TANDEM_SERVER", "ws://b:2/ws", "TANDEM_USER", "carol"));
        assertThat(line.server()).contains("ws://a:1/ws");
        assertThat(line.user()).contains("bob");
        assertThat(line.autoSignIn()).isFalse();
    }

    @Test
    void theEnvironmentFillsInWhatFlagsLeaveOut() throws Exception {
        CommandLine line = parse(List.of(), Map.of("TANDEM_SERVER", "ws://b:2/ws"));
        assertThat(line.server()).contains("ws://b:2/ws");
        assertThat(line.user()).isEmpty();
        assertThat(parse(List.of(), Map.of()).server()).isEmpty();
    }

    @Test
    void aUserAndAPasswordFileSignInAutomatically() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cret-pass\n");
        CommandLine line = parse(List.of(), Map.of("TANDEM_USER", "alice", "TANDEM_PASSWORD_FILE", file.toString()));
        assertThat(line.password()).contains("s3cret-pass");
        assertThat(line.autoSignIn()).isTrue();
        assertThat(line.toString()).doesNotContain("s3cret");
    }

    @Test
    void thePasswordCanComeFromStandardInput() throws Exception {
        CommandLine line = CommandLine.parse(List.of("--user", "alice", "--password-stdin"), Map.of(),
                new BufferedReader(new StringReader("from-stdin-1\nignored\n")));
        assertThat(line.password()).contains("from-stdin-1");
        assertThat(line.autoSignIn()).isTrue();
    }

    @Test
    void aWindowOffsetAndCreateAccountComeFromFlagsOrTheEnvironment() throws Exception {
        CommandLine plain = parse(List.of(), Map.of());
        assertThat(plain.windowOffset()).isZero();
        assertThat(plain.createAccount()).isFalse();

        CommandLine flags = parse(List.of("--window-offset", "2", "--create-account"), Map.of());
        assertThat(flags.windowOffset()).isEqualTo(2);
        assertThat(flags.createAccount()).isTrue();
        assertThat(parse(List.of("--window-offset=3"), Map.of()).windowOffset()).isEqualTo(3);

        CommandLine env = parse(List.of(), Map.of("TANDEM_WINDOW_OFFSET", "1", "TANDEM_CREATE_ACCOUNT", "1"));
        assertThat(env.windowOffset()).isEqualTo(1);
        assertThat(env.createAccount()).isTrue();
        assertThat(parse(List.of("--window-offset", "0"), Map.of("TANDEM_WINDOW_OFFSET", "4")).windowOffset()).isZero();
        assertThat(parse(List.of(), Map.of("TANDEM_CREATE_ACCOUNT", "no")).createAccount()).isFalse();

        assertThatThrownBy(() -> parse(List.of("--window-offset", "x"), Map.of()))
                .hasMessageContaining("--window-offset: \"x\" is not a number from 0 to 20");
        assertThatThrownBy(() -> parse(List.of("--window-offset", "21"), Map.of())).hasMessageContaining("0 to 20");
        assertThat(CommandLine.USAGE).contains("--window-offset N").contains("--create-account");
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> parse(List.of("--password", "x"), Map.of()))
                .hasMessageContaining("passwords are not accepted as arguments");
        assertThatThrownBy(() -> parse(List.of("--bogus"), Map.of())).hasMessageContaining("unknown option \"--bogus\"");
        assertThatThrownBy(() -> parse(List.of("--server"), Map.of())).hasMessageContaining("--server needs a value");
        assertThatThrownBy(() -> parse(List.of("--server", "http://x"), Map.of()))
                .hasMessageContaining("must start with ws://");
        assertThatThrownBy(() -> parse(List.of(), Map.of("TANDEM_PASSWORD_FILE", dir.resolve("nope").toString())))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--password-stdin"), Map.of(),
                new BufferedReader(new StringReader("")))).hasMessageContaining("holds no password");
    }

    @Test
    void helpAndVersionStopEarly() throws Exception {
        assertThat(parse(List.of("--help", "--bogus"), Map.of()).action()).isEqualTo(CommandLine.Action.HELP);
        assertThat(parse(List.of("--version"), Map.of()).action()).isEqualTo(CommandLine.Action.VERSION);
        assertThat(CommandLine.USAGE).contains("--server", "TANDEM_SERVER", "TANDEM_USER", "TANDEM_PASSWORD_FILE");
    }

    @Test
    void theVersionComesFromTheBuild() {
        assertThat(AppVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void aCaFileFromTheFlagOrItsTwinIsCheckedWhileParsing() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> parse(List.of("--ca-file", missing.toString()), Map.of()))
                .isInstanceOf(CommandLine.UsageException.class)
                .hasMessage("--ca-file: CA file " + missing + " does not exist");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> parse(List.of(), Map.of("TANDEM_CA_FILE", empty.toString())))
                .isInstanceOf(CommandLine.UsageException.class)
                .hasMessageContaining("CA file " + empty + " holds no certificate");
        assertThat(parse(List.of(), Map.of()).caFile()).isEmpty();
    }

    private static CommandLine parse(List<String> args, Map<String, String> env) throws CommandLine.UsageException {
        return CommandLine.parse(args, env, new BufferedReader(new StringReader("")));
    }
}
