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
 * in {@link #passwordProperty()} until the attempt ends. UI thread only.
 */
public final class SignInViewModel {
    private final Connection connection;

    private final StringProperty server = new SimpleStringProperty(this, "server", ServerAddress.DEFAULT);
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanBinding canSubmit;

    public SignInViewModel(Connection connection) {
        this.connection = connection;
        canSubmit = Bindings.createBooleanBinding(
                () -> !busy.get() && !server.get().isBlank() && !user.get().isBlank() && !password.get().isEmpty(),
                busy, server, user, password);
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

    // ---- commands ----

    /** Checks the form and starts signing in. Returns false (with a message) when the form is not valid. */
    public boolean submit() {
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
        busy.set(true);
        connection.signIn(uri, name, secret);
        return true;
    }

    // ---- outcomes ----

    /** Signed in: forget the password. */
    public void succeeded() {
        busy.set(false);
        password.set("");
        message.set("");
    }

    public void failed(SignInFailure failure) {
        busy.set(false);
        message.set(failure.message());
        if (failure.kind() == SignInFailure.Kind.WRONG_PASSWORD || failure.kind() == SignInFailure.Kind.SESSION_EXPIRED) {
            password.set("");
        }
    }
}
