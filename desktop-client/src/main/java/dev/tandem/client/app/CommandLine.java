package dev.tandem.client.app;

import dev.tandem.client.connection.CaTrust;
import dev.tandem.client.connection.ServerAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line and its environment twins. Passwords never come from arguments: only from the file
 * named by {@code TANDEM_PASSWORD_FILE} or from standard input with {@code --password-stdin}.
 *
 * @param server   the server address to prefill, if given (flag, else {@code TANDEM_SERVER})
 * @param user     the user to prefill, if given (flag, else {@code TANDEM_USER})
 * @param password the password, if one was supplied; with a user this signs in automatically
 * @param createAccount the automatic sign-in may create the account (flag, else {@code TANDEM_CREATE_ACCOUNT=1})
 * @param windowOffset  how many cascade steps a window with no remembered placement opens away from the default
 *                      spot (flag, else {@code TANDEM_WINDOW_OFFSET}): several windows started together do not
 *                      open on top of each other
 * @param caFile   a PEM file of CA certificates trusted for {@code wss://} besides the JDK's (flag, else
 *                 {@code TANDEM_CA_FILE}); checked while parsing
 */
public record CommandLine(Optional<String> server, Optional<String> user, Optional<String> password,
                          Action action, boolean createAccount, int windowOffset, Optional<Path> caFile) {

    /** No CA file. */
    public CommandLine(Optional<String> server, Optional<String> user, Optional<String> password,
                       Action action, boolean createAccount, int windowOffset) {
        this(server, user, password, action, createAccount, windowOffset, Optional.empty());
    }

    /** What to do. */
    public enum Action { RUN, HELP, VERSION }

    /** Nothing to sign in with automatically, no offset: a plain window. */
    public CommandLine(Optional<String> server, Optional<String> user, Optional<String> password, Action action) {
        this(server, user, password, action, false, 0);
    }

    /** The most cascade steps a window may be asked for. */
    public static final int MAX_WINDOW_OFFSET = 20;

    public static final String USAGE = """
            Usage: java -jar tandem-desktop.jar [options]

            Tandem desktop client: a chat and a todo list shared between your windows.

            Options:
              --server URL        server WebSocket address (default %s, or the last one used)
                                  env: TANDEM_SERVER
              --user NAME         user name to fill in                       env: TANDEM_USER
              --password-stdin    read the password from the first line of standard input
                                  env twin: TANDEM_PASSWORD_FILE=<file holding the password>
                                  With a user and a password the client signs in by itself.
              --create-account    with that automatic sign-in, create the account if the name
                                  is unused                         env: TANDEM_CREATE_ACCOUNT=1
              --window-offset N   with no remembered placement, open N steps right and down
                                  from the default spot (0 to 20)   env: TANDEM_WINDOW_OFFSET
              --ca-file FILE      also trust the CA certificate(s) in this PEM file for wss://
                                  (e.g. the one ./tandem up --tls prints)   env: TANDEM_CA_FILE
              --version           print the version and exit
              --help              print this help and exit

            System property -Dtandem.prefs.node=<path> keeps settings under another preferences node.
            """.formatted(ServerAddress.DEFAULT);

    /** A command line that cannot be run, with a message for standard error. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses the arguments; reads the password from {@code stdin} (only with --password-stdin) or the env's file. */
    public static CommandLine parse(List<String> args, Map<String, String> env, BufferedReader stdin)
            throws UsageException {
        String server = blankToNull(env.get("TANDEM_SERVER"));
        String user = blankToNull(env.get("TANDEM_USER"));
        boolean passwordFromStdin = false;
        boolean createAccount = "1".equals(env.get("TANDEM_CREATE_ACCOUNT"))
                || "true".equalsIgnoreCase(env.get("TANDEM_CREATE_ACCOUNT"));
        String windowOffset = blankToNull(env.get("TANDEM_WINDOW_OFFSET"));
        String caFile = blankToNull(env.get("TANDEM_CA_FILE"));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new CommandLine(Optional.empty(), Optional.empty(), Optional.empty(), Action.HELP);
                }
                case "--version", "-V" -> {
                    return new CommandLine(Optional.empty(), Optional.empty(), Optional.empty(), Action.VERSION);
                }
                case "--server" -> server = value(args, ++i, arg);
                case "--user" -> user = value(args, ++i, arg);
                case "--password-stdin" -> passwordFromStdin = true;
                case "--create-account" -> createAccount = true;
                case "--window-offset" -> windowOffset = value(args, ++i, arg);
                case "--ca-file" -> caFile = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--server=")) {
                        server = nonEmpty(arg.substring("--server=".length()), "--server");
                    } else if (arg.startsWith("--user=")) {
                        user = nonEmpty(arg.substring("--user=".length()), "--user");
                    } else if (arg.startsWith("--ca-file=")) {
                        caFile = nonEmpty(arg.substring("--ca-file=".length()), "--ca-file");
                    } else if (arg.startsWith("--window-offset=")) {
                        windowOffset = nonEmpty(arg.substring("--window-offset=".length()), "--window-offset");
                    } else if (arg.startsWith("--password")) {
                        throw new UsageException("passwords are not accepted as arguments; use --password-stdin "
                                + "or TANDEM_PASSWORD_FILE");
                    } else {
                        throw new UsageException("unknown option \"" + arg + "\" (see --help)");
                    }
                }
            }
        }
        if (server != null) {
            try {
                ServerAddress.parse(server);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--server: " + e.getMessage());
            }
        }
        int offset = windowOffset(windowOffset);
        Optional<Path> ca = Optional.ofNullable(caFile).map(Path::of);
        if (ca.isPresent()) {
            try {
                CaTrust.read(ca.get());
            } catch (IOException e) {
                throw new UsageException("--ca-file: " + e.getMessage());
            }
        }
        String password = passwordFromStdin ? readStdin(stdin) : readFile(env.get("TANDEM_PASSWORD_FILE"));
        return new CommandLine(Optional.ofNullable(server), Optional.ofNullable(user), Optional.ofNullable(password),
                Action.RUN, createAccount, offset, ca);
    }

    private static int windowOffset(String value) throws UsageException {
        if (value == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(value.strip());
            if (offset >= 0 && offset <= MAX_WINDOW_OFFSET) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--window-offset: \"" + value + "\" is not a number from 0 to " + MAX_WINDOW_OFFSET);
    }

    /** True when the client should sign in without asking. */
    public boolean autoSignIn() {
        return user.isPresent() && password.isPresent();
    }

    private static String value(List<String> args, int index, String flag) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(flag + " needs a value");
        }
        return nonEmpty(args.get(index), flag);
    }

    private static String nonEmpty(String value, String flag) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(flag + " needs a value");
        }
        return value.strip();
    }

    private static String readStdin(BufferedReader stdin) throws UsageException {
        try {
            String line = stdin.readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageException("--password-stdin: standard input holds no password");
            }
            return line;
        } catch (IOException e) {
            throw new UsageException("--password-stdin: cannot read standard input: " + e.getMessage());
        }
    }

    private static String readFile(String file) throws UsageException {
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            // A trailing newline is what editors and `echo` add; it is not part of the password.
            String password = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
            if (password.isEmpty()) {
                throw new UsageException("TANDEM_PASSWORD_FILE " + file + " is empty");
            }
            return password;
        } catch (NoSuchFileException e) {
            throw new UsageException("TANDEM_PASSWORD_FILE " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageException("TANDEM_PASSWORD_FILE " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Never print the password. */
    @Override
    public String toString() {
        return "CommandLine[server=" + server + ", user=" + user + ", password=" + (password.isPresent() ? "***" : "none")
                + ", action=" + action + ", createAccount=" + createAccount + ", windowOffset=" + windowOffset
                + ", caFile=" + caFile + "]";
    }
}
