package dev.tandem.client.signin;

import dev.tandem.client.connection.Connection;
import dev.tandem.client.connection.Scheduler;
import dev.tandem.client.connection.ServerAddress;
import dev.tandem.client.connection.SignInFailure;
import dev.tandem.model.Limits;
import dev.tandem.model.UserNames;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
 * <p>A sign-in refused as {@code rate_limited} (too many attempts for the name or from this address) holds the
 * form for the server's {@code retryAfterMs}: both actions refuse, the message counts down ("You can try again
 * in 5 s."), and the password stays, since it was never checked. An attempt before then would only be refused
 * again, and would count as one more.
 *
 * <p>Threads: UI thread only (the connection's outcomes arrive through the app's UI executor; the hold's timers
 * run on the UI thread too: the app's {@code FxScheduler}, a virtual clock in tests).
 */
public final class SignInViewModel {
    private final Connection connection;
    private final Scheduler timers;

    private final StringProperty server = new SimpleStringProperty(this, "server", ServerAddress.DEFAULT);
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper held = new ReadOnlyBooleanWrapper(this, "held");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper busyDetail = new ReadOnlyStringWrapper(this, "busyDetail", "");
    private final ReadOnlyStringWrapper createdAccount = new ReadOnlyStringWrapper(this, "createdAccount", "");
    private final BooleanBinding canSubmit;
    /** The address of the attempt under way, as the person typed it (normalised). */
    private String attempted = "";
    /** While {@link #held}: no attempt before this, the name the refusal was for, and the next countdown tick. */
    private Instant holdUntil;
    private String holdUser = "";
    private Scheduler.Cancellable holdTick;

    public SignInViewModel(Connection connection, Scheduler timers) {
        this.connection = connection;
        this.timers = timers;
        canSubmit = Bindings.createBooleanBinding(
                () -> !busy.get() && !held.get() && !server.get().isBlank() && !user.get().isBlank()
                        && !password.get().isEmpty(),
                busy, held, server, user, password);
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

    /**
     * True while the server refuses sign-ins for a while ({@code rate_limited}): neither action can start, and
     * the message counts down to the moment one can.
     */
    public ReadOnlyBooleanProperty heldProperty() {
        return held.getReadOnlyProperty();
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
        if (busy.get() || held.get()) {
            return false; // the buttons are disabled meanwhile; Enter in a field comes here too
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
        endHold();
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
        endHold();
        if (failure.kind() == SignInFailure.Kind.RATE_LIMITED) {
            hold(user.get(), failure.retryAfter());
            return;
        }
        String text = describe(failure, user.get(), attempted.isEmpty() ? server.get() : attempted);
        if (failure.kind() == SignInFailure.Kind.WRONG_PASSWORD || failure.kind() == SignInFailure.Kind.NAME_TAKEN
                || failure.kind() == SignInFailure.Kind.SESSION_EXPIRED) {
            password.set(""); // before the message: changing the form clears it
        }
        message.set(text);
    }

    private void clearMessage() {
        if (!busy.get() && !held.get()) { // a hold's countdown stays while the person types
            message.set("");
        }
    }

    private void hold(String who, Duration wait) {
        holdUser = who;
        holdUntil = timers.now().plus(wait);
        held.set(true);
        tick();
    }

    /** Says how long is left, and comes back when the number shown changes; at the end, lets go. */
    private void tick() {
        holdTick = null;
        long leftMs = Duration.between(timers.now(), holdUntil).toMillis();
        if (leftMs <= 0) {
            endHold();
            message.set("You can try again now.");
            return;
        }
        message.set("Too many sign-in attempts for \"" + holdUser + "\" just now (the server slows down password "
                + "guessing). You can try again in " + waitWords(leftMs) + ".");
        long seconds = (leftMs + 999) / 1000;
        holdTick = timers.schedule(Duration.ofMillis(leftMs - (seconds - 1) * 1000), this::tick);
    }

    private void endHold() {
        if (holdTick != null) {
            holdTick.cancel();
            holdTick = null;
        }
        holdUntil = null;
        held.set(false);
    }

    /**
     * "5 s", or "2 min" for a long wait (registrations from one address can be held for minutes): the web
     * client's words. Rounded up, so it never promises a moment sooner than the server will take an attempt.
     */
    static String waitWords(long ms) {
        long seconds = Math.max(1, (ms + 999) / 1000);
        return seconds < 120 ? seconds + " s" : (seconds + 59) / 60 + " min";
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
            case RATE_LIMITED -> "Too many sign-in attempts for \"" + user + "\" just now. Try again in a moment.";
            case REJECTED -> "The server refused the sign-in" + (detail.isEmpty() ? "." : ": " + detail);
            case SESSION_EXPIRED -> "Your session has expired. Please sign in again.";
        };
    }
}
