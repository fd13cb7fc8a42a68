package dev.tandem.client.signin;

import dev.tandem.client.connection.Connection;
import dev.tandem.client.connection.ServerAddress;
import dev.tandem.client.connection.SignInFailure;
import dev.tandem.model.Limits;
import dev.tandem.model.UserNames;
import java.net.URI;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The sign-in form: checks what can be checked locally (address, name rules, password length) with
 * specific messages, then asks the connection to sign in and shows the outcome. The password lives only
 * in {@link #passwordProperty()} until the attempt ends. "Sign in" needs the account to exist, "Create
 * account" registers the name; an old message goes as soon as the form changes.
 *
 * <p>Threads: UI thread only (the connection's outcomes arrive through the app's UI executor).
 */
public final class SignInViewModel {
    private final Connection connection;

    private final StringProperty server = new SimpleStringProperty(this, "server", ServerAddress.DEFAULT);
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper busyDetail = new ReadOnlyStringWrapper(this, "busyDetail", "");
    private final ReadOnlyStringWrapper createdAccount = new ReadOnlyStringWrapper(this, "createdAccount", "");
    private final BooleanBinding canSubmit;
    /** The address of the attempt under way, as the person typed it (normalised). */
    private String attempted = "";

    public SignInViewModel(Connection connection) {
        this.connection = connection;
        canSubmit = Bindings.createBooleanBinding(
                () -> !busy.get() && !server.get().isBlank() && !user.get().isBlank() && !password.get().isEmpty(),
                busy, server, user, password);
        // A message is about what was typed; once that changes, it no longer applies.
        server.addListener((obs, old, now) -> clearMessage());
        user.addListener((obs, old, now) -> clearMessage());
        password.addListener((obs, old, now) -> clearMessage());
    }

    // ---- state ----

    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    /** True while an attempt is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the last attempt failed, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }

    /**
     * What the attempt under way is doing and why it may take a while (the view shows it once an attempt
     * is slow); empty while idle.
     */
    public ReadOnlyStringProperty busyDetailProperty() {
        return busyDetail.getReadOnlyProperty();
    }

    /** The name of the account the last sign-in created, until {@link #dismissCreatedAccount()}; else empty. */
    public ReadOnlyStringProperty createdAccountProperty() {
        return createdAccount.getReadOnlyProperty();
    }

    // ---- commands ----

    /** "Sign in": checks the form and signs in to an existing account. False (with a message) if the form is not valid. */
    public boolean submit() {
        return start(false);
    }

    /** "Create account": checks the form and registers the name with this password. */
    public boolean createAccount() {
        return start(true);
    }

    /** The "account created" notice has been read. */
    public void dismissCreatedAccount() {
        createdAccount.set("");
    }

    private boolean start(boolean create) {
        if (busy.get()) {
            return false;
        }
        URI uri;
        try {
            uri = ServerAddress.parse(server.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
        String name = UserNames.normalize(user.get());
        if (!UserNames.isValid(name)) {
            message.set(name.isEmpty() ? "Enter a user name."
                    : "\"" + user.get().strip() + "\" is not a valid user name: use 1 to 32 lowercase letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit.");
            return false;
        }
        String secret = password.get();
        if (secret.length() < Limits.MIN_PASSWORD || secret.length() > Limits.MAX_PASSWORD) {
            message.set("The password must be " + Limits.MIN_PASSWORD + " to " + Limits.MAX_PASSWORD
                    + " characters long.");
            return false;
        }
        user.set(name);
        server.set(uri.toString());
        message.set("");
        createdAccount.set("");
        busyDetail.set(create
                ? "Creating your account… The server stores your password with a deliberately slow hash, "
                + "so that stolen account data is hard to crack. This can take a few seconds."
                : "Checking your password… The server checks it with a deliberately slow hash, "
                + "so that stolen account data is hard to crack. This can take a few seconds.");
        busy.set(true);
        attempted = uri.toString();
        connection.signIn(uri, name, secret, create);
        return true;
    }

    // ---- outcomes ----

    /** Signed in: forget the password. */
    public void succeeded() {
        succeeded(false);
    }

    /** Signed in, {@code registered} when the server created the account just now: forget the password. */
    public void succeeded(boolean registered) {
        busy.set(false);
        busyDetail.set("");
        password.set("");
        message.set("");
        createdAccount.set(registered ? user.get() : "");
    }

    public void failed(SignInFailure failure) {
        busy.set(false);
        busyDetail.set("");
        createdAccount.set("");
        String text = describe(failure, user.get(), attempted.isEmpty() ? server.get() : attempted);
        if (failure.kind() == SignInFailure.Kind.WRONG_PASSWORD || failure.kind() == SignInFailure.Kind.NAME_TAKEN
                || failure.kind() == SignInFailure.Kind.SESSION_EXPIRED) {
            password.set(""); // before the message: changing the form clears it
        }
        message.set(text);
    }

    private void clearMessage() {
        if (!busy.get()) {
            message.set("");
        }
    }

    /** The sentence for a failure, as the person at the keyboard should read it. */
    static String describe(SignInFailure failure, String user, String server) {
        String detail = failure.detail();
        return switch (failure.kind()) {
            case WRONG_PASSWORD -> "Wrong password for \"" + user + "\".";
            case UNKNOWN_USER -> "There is no account \"" + user + "\". Check the spelling, or choose Create account.";
            case NAME_TAKEN -> "The name \"" + user + "\" is taken. If it is yours, choose Sign in; otherwise pick another name.";
            case UNREACHABLE -> "Can't reach " + server + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + ". Check the address and that the server is running.";
            case UNTRUSTED_CERTIFICATE -> "The certificate of " + server + " is not trusted"
                    + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + ". If the server uses its own CA (./tandem up --tls prints its file), start the app with --ca-file <that file>.";
            case NO_ANSWER -> "The server at " + server + " did not answer the sign-in" + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + ". Try again.";
            case CLOSED_EARLY -> "The server closed the connection before signing in" + (detail.isEmpty() ? "" : " (" + detail + ")") + ".";
            case REJECTED -> "The server refused the sign-in" + (detail.isEmpty() ? "." : ": " + detail);
            case SESSION_EXPIRED -> "Your session has expired. Please sign in again.";
        };
    }
}
