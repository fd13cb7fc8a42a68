package dev.tandem.client.app;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the command line (and its environment twins) asked the window for, as parsed by {@link DesktopOptions}
 * before the toolkit starts; tests open windows with one built directly. Immutable.
 *
 * @param server   the server address to prefill, if given
 * @param user     the user to prefill, if given
 * @param password the password, if one was supplied (stdin or a file, never an argument); with a user this
 *                 signs in automatically
 * @param createAccount the automatic sign-in may create the account
 * @param windowOffset  how many cascade steps a window with no remembered placement opens away from the default
 *                      spot: several windows started together do not open on top of each other
 * @param caFile   a PEM file of CA certificates trusted for {@code wss://} besides the JDK's; checked while parsing
 * @param dataDir  the data directory given by {@code --data-dir}; empty: {@link dev.tandem.client.store.DataDirectory#resolve()}
 */
public record CommandLine(Optional<String> server, Optional<String> user, Optional<String> password,
                          Action action, boolean createAccount, int windowOffset, Optional<Path> caFile,
                          Optional<Path> dataDir) {

    /** No data directory flag. */
    public CommandLine(Optional<String> server, Optional<String> user, Optional<String> password,
                       Action action, boolean createAccount, int windowOffset, Optional<Path> caFile) {
        this(server, user, password, action, createAccount, windowOffset, caFile, Optional.empty());
    }

    /** No CA file. */
    public CommandLine(Optional<String> server, Optional<String> user, Optional<String> password,
                       Action action, boolean createAccount, int windowOffset) {
        this(server, user, password, action, createAccount, windowOffset, Optional.empty());
    }

    /** Nothing to sign in with automatically, no offset: a plain window. */
    public CommandLine(Optional<String> server, Optional<String> user, Optional<String> password, Action action) {
        this(server, user, password, action, false, 0);
    }

    /** What to do: {@link DesktopOptions} answers --help and --version itself, so a window always runs. */
    public enum Action { RUN }

    /** True when the client should sign in without asking. */
    public boolean autoSignIn() {
        return user.isPresent() && password.isPresent();
    }

    /** Never print the password. */
    @Override
    public String toString() {
        return "CommandLine[server=" + server + ", user=" + user + ", password=" + (password.isPresent() ? "***" : "none")
                + ", action=" + action + ", createAccount=" + createAccount + ", windowOffset=" + windowOffset
                + ", caFile=" + caFile + ", dataDir=" + dataDir + "]";
    }
}
