package dev.tandem.client.app;

import dev.tandem.cli.Cli;
import dev.tandem.cli.Env;
import dev.tandem.client.connection.CaTrust;
import dev.tandem.client.connection.ServerAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The desktop app's flags, each with its environment twin (the flag wins), parsed by picocli ({@link Cli})
 * before the JavaFX toolkit starts; the result is a {@link CommandLine} for the window. A new setting is one
 * annotated field here, its line in {@link #build}, and its row in the README's configuration table
 * (ReadmeFlagsTest fails without it).
 * <p>
 * Passwords never come from arguments, where any local user can read them: only from standard input
 * ({@code --password-stdin}) or a file ({@code --password-file} / {@code TANDEM_PASSWORD_FILE}; a path is no
 * secret). An argument that looks like a password flag is refused without being echoed.
 * <p>
 * Threads: filled and read by the thread that parses (the launcher's main thread), once.
 */
@Command(name = "java -jar tandem-desktop.jar", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "java -jar tandem-desktop.jar [options]",
        header = "Tandem desktop client: a chat and a todo list shared between your windows.",
        footer = {"", "With a user and a password (--password-stdin or --password-file) the client signs in by itself.",
                "System property -Dtandem.prefs.node=<path> keeps settings under another preferences node."})
public final class DesktopOptions {
    static final String PROGRAM = "tandem-desktop";

    /** The most cascade steps a window may be asked for. */
    public static final int MAX_WINDOW_OFFSET = 20;

    @Env("TANDEM_SERVER")
    @Option(names = "--server", paramLabel = "URL",
            description = "server or proxy WebSocket address (default " + ServerAddress.DEFAULT + ", or the last one used)")
    String server;

    @Env("TANDEM_USER")
    @Option(names = "--user", paramLabel = "NAME", description = "user name to fill in (default: the last one used)")
    String user;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean passwordStdin;

    @Env("TANDEM_PASSWORD_FILE")
    @Option(names = "--password-file", paramLabel = "FILE",
            description = "read the password from this file (keep it private; a trailing newline is dropped)")
    Path passwordFile;

    @Env("TANDEM_CREATE_ACCOUNT")
    @Option(names = "--create-account", converter = Switch.class,
            description = "the automatic sign-in may create the account (an unused name is registered);"
                    + " the variable takes 1/0 or true/false")
    boolean createAccount;

    @Env("TANDEM_WINDOW_OFFSET")
    @Option(names = "--window-offset", paramLabel = "N", defaultValue = "0",
            description = "with no remembered placement, open N cascade steps (48 px) right and down from the"
                    + " default spot (0-" + MAX_WINDOW_OFFSET + ")")
    int windowOffset;

    @Env("TANDEM_CA_FILE")
    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "PEM CA certificate(s) trusted for wss:// besides the JDK's (e.g. the .tandem/tls/cert.pem"
                    + " that ./tandem up --tls prints); checked at start")
    Path caFile;

    @Env("TANDEM_DATA_DIR")
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where the outbox, the saved session and the saved copy are kept (default: -Dtandem.data.dir,"
                    + " else the platform's, e.g. ~/.local/share/tandem)")
    Path dataDir;

    /** What the command line asked for: run with {@code commandLine}, or print {@code output} and exit. */
    public record Parsed(CommandLine commandLine, String output, int exitCode) {
    }

    /**
     * Parses {@code args}; reads the password from {@code stdin} only with --password-stdin.
     *
     * @param env the environment ({@code System::getenv} in the app)
     */
    public static Parsed parse(String[] args, Function<String, String> env, BufferedReader stdin) {
        for (String arg : args) {
            // Before picocli, whose "Unknown option" message would echo the argument: it may hold a password.
            if (arg.startsWith("--password") && !arg.equals("--password-stdin") && !arg.equals("--password-file")
                    && !arg.startsWith("--password-file=")) {
                return usage("passwords are not accepted as arguments; use --password-stdin or --password-file"
                        + " (TANDEM_PASSWORD_FILE)");
            }
        }
        DesktopOptions options = new DesktopOptions();
        if (Cli.parse(PROGRAM, DesktopOptions.class, options, args, env) instanceof Cli.Exit exit) {
            return new Parsed(null, exit.text(), exit.code());
        }
        try {
            // The data directory's order is flag, then -Dtandem.data.dir, then TANDEM_DATA_DIR: the JVM property sits
            // between the flag and its twin, so only a flag on the command line is passed on, and DataDirectory
            // resolves the rest as it does for windows opened without a command line (tests).
            boolean dataDirFlag = java.util.Arrays.stream(args).anyMatch(a -> a.equals("--data-dir") || a.startsWith("--data-dir="));
            return new Parsed(options.build(stdin, dataDirFlag), null, 0);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    private static Parsed usage(String message) {
        Cli.Exit exit = Cli.Exit.usage(PROGRAM, message);
        return new Parsed(null, exit.text(), exit.code());
    }

    private CommandLine build(BufferedReader stdin, boolean dataDirFlag) {
        String address = nonBlank("--server", server);
        if (address != null) {
            try {
                ServerAddress.parse(address);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--server: " + e.getMessage());
            }
        }
        if (windowOffset < 0 || windowOffset > MAX_WINDOW_OFFSET) {
            throw new IllegalArgumentException("--window-offset must be between 0 and " + MAX_WINDOW_OFFSET
                    + ", got " + windowOffset);
        }
        if (caFile != null) {
            try {
                CaTrust.read(caFile);
            } catch (IOException e) {
                throw new IllegalArgumentException("--ca-file: " + e.getMessage());
            }
        }
        if (dataDirFlag && dataDir.toString().isBlank()) {
            throw new IllegalArgumentException("--data-dir needs a value");
        }
        if (passwordStdin && passwordFile != null) {
            throw new IllegalArgumentException("--password-stdin and --password-file (TANDEM_PASSWORD_FILE) both give"
                    + " the password: use one");
        }
        String password = passwordStdin ? readStdin(stdin) : passwordFile != null ? readFile(passwordFile) : null;
        return new CommandLine(Optional.ofNullable(address), Optional.ofNullable(nonBlank("--user", user)),
                Optional.ofNullable(password), CommandLine.Action.RUN, createAccount, windowOffset,
                Optional.ofNullable(caFile), dataDirFlag ? Optional.of(dataDir) : Optional.empty());
    }

    private static String nonBlank(String flag, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value == null ? null : value.strip();
    }

    private static String readStdin(BufferedReader stdin) {
        try {
            String line = stdin.readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("--password-stdin: standard input holds no password");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalArgumentException("--password-stdin: cannot read standard input: " + e.getMessage());
        }
    }

    private static String readFile(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            // A trailing newline is what editors and `echo` add; it is not part of the password.
            String password = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
            if (password.isEmpty()) {
                throw new IllegalArgumentException("--password-file: " + file + " is empty");
            }
            return password;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--password-file: " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("--password-file: " + file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * A switch that the environment sets as {@code 1}/{@code 0} (what ./tandem demo writes) or
     * {@code true}/{@code false}; anything else is refused rather than read as "off".
     */
    static final class Switch implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "1", "true", "yes" -> true;
                case "0", "false", "no" -> false;
                default -> throw new TypeConversionException("'" + value + "' is not 1, 0, true or false");
            };
        }
    }
}
