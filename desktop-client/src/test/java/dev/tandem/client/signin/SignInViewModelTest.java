package dev.tandem.client.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.RecordingConnection;
import dev.tandem.client.connection.ManualScheduler;
import dev.tandem.client.connection.SignInFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInViewModelTest {
    private final RecordingConnection connection = new RecordingConnection();
    private final ManualScheduler timers = new ManualScheduler();
    private final SignInViewModel form = new SignInViewModel(connection, timers);

    @Test
    void aValidFormNormalisesTheNameAndSignsIn() {
        fill("localhost:7001", "  Alice ", "password1");
        assertThat(form.submit()).isTrue();
        assertThat(connection.signIns).containsExactly("ws://localhost:7001/ws alice");
        assertThat(form.busyProperty().get()).isTrue();
        assertThat(form.canSubmitProperty().get()).isFalse();
        assertThat(form.userProperty().get()).isEqualTo("alice");
    }

    @Test
    void createAccountIsItsOwnActionAndItsFailuresSayWhatToDo() {
        fill("localhost:7001", "alice", "password1");
        assertThat(form.createAccount()).isTrue();
        assertThat(connection.signIns).containsExactly("ws://localhost:7001/ws alice (create)");
        form.failed(new SignInFailure(SignInFailure.Kind.NAME_TAKEN, ""));
        assertThat(form.messageProperty().get())
                .isEqualTo("The name \"alice\" is taken. If it is yours, choose Sign in; otherwise pick another name.");
        assertThat(form.passwordProperty().get()).isEmpty();

        fill("localhost:7001", "alcie", "password1");
        form.submit();
        form.failed(new SignInFailure(SignInFailure.Kind.UNKNOWN_USER, ""));
        assertThat(form.messageProperty().get())
                .isEqualTo("There is no account \"alcie\". Check the spelling, or choose Create account.");
        assertThat(form.passwordProperty().get()).isEqualTo("password1"); // a typo in the name: keep the password
    }

    @Test
    void anInvalidNameSaysWhatNamesMayContain() {
        fill("ws://localhost:7001/ws", "al ice!", "password1");
        assertThat(form.submit()).isFalse();
        assertThat(form.messageProperty().get()).contains("\"al ice!\" is not a valid user name")
                .contains("lowercase letters, digits");
        assertThat(connection.signIns).isEmpty();
    }

    @Test
    void aShortPasswordAndABadAddressAreRefusedLocally() {
        fill("ws://localhost:7001/ws", "alice", "short");
        assertThat(form.submit()).isFalse();
        assertThat(form.messageProperty().get()).isEqualTo("The password must be 8 to 256 characters long.");

        fill("http://localhost", "alice", "password1");
        assertThat(form.submit()).isFalse();
        assertThat(form.messageProperty().get()).contains("ws://");
        assertThat(connection.signIns).isEmpty();
    }

    @Test
    void aWrongPasswordIsShownAndThePasswordCleared() {
        fill("ws://localhost:7001/ws", "alice", "password1");
        form.submit();
        form.failed(new SignInFailure(SignInFailure.Kind.WRONG_PASSWORD, ""));
        assertThat(form.busyProperty().get()).isFalse();
        assertThat(form.messageProperty().get()).isEqualTo("Wrong password for \"alice\".");
        assertThat(form.passwordProperty().get()).isEmpty();
        assertThat(form.userProperty().get()).isEqualTo("alice");
    }

    @Test
    void anUnreachableServerKeepsThePasswordForAnotherTry() {
        fill("ws://localhost:1/ws", "alice", "password1");
        form.submit();
        form.failed(new SignInFailure(SignInFailure.Kind.UNREACHABLE, "Connection refused"));
        assertThat(form.messageProperty().get())
                .isEqualTo("Can't reach ws://localhost:1/ws (Connection refused). Check the address and that the server is running.");
        assertThat(form.passwordProperty().get()).isEqualTo("password1");
        assertThat(form.canSubmitProperty().get()).isTrue();
    }

    @Test
    void anUntrustedCertificateSaysSoAndPointsAtTheCaFile() {
        fill("wss://localhost:8443/ws", "alice", "password1");
        form.submit();
        form.failed(new SignInFailure(SignInFailure.Kind.UNTRUSTED_CERTIFICATE, "not signed by a trusted CA"));
        assertThat(form.messageProperty().get()).isEqualTo("The certificate of wss://localhost:8443/ws is not trusted "
                + "(not signed by a trusted CA). If the server uses its own CA (./tandem up --tls prints its file), "
                + "start the app with --ca-file <that file>.");
        assertThat(form.busyProperty().get()).isFalse();
    }

    @Test
    void successForgetsThePassword() {
        fill("ws://localhost:7001/ws", "alice", "password1");
        form.submit();
        form.succeeded();
        assertThat(form.passwordProperty().get()).isEmpty();
        assertThat(form.busyProperty().get()).isFalse();
    }

    @Test
    void anOldMessageGoesAsSoonAsTheFormChanges() {
        fill("ws://localhost:7001/ws", "alice", "password1");
        form.submit();
        form.failed(new SignInFailure(SignInFailure.Kind.UNKNOWN_USER, ""));
        assertThat(form.messageProperty().get()).startsWith("There is no account");
        form.userProperty().set("alic");
        assertThat(form.messageProperty().get()).isEmpty();

        form.submit();
        form.failed(new SignInFailure(SignInFailure.Kind.WRONG_PASSWORD, "")); // clears the password itself
        assertThat(form.messageProperty().get()).isEqualTo("Wrong password for \"alic\".");
        form.passwordProperty().set("another1");
        assertThat(form.messageProperty().get()).isEmpty();

        form.submit();
        form.failed(new SignInFailure(SignInFailure.Kind.UNREACHABLE, ""));
        form.serverProperty().set("ws://localhost:7002/ws");
        assertThat(form.messageProperty().get()).isEmpty();

        form.userProperty().set("Bad Name");
        form.submit();
        assertThat(form.messageProperty().get()).contains("is not a valid user name");
        form.userProperty().set("good");
        assertThat(form.messageProperty().get()).isEmpty();
    }

    @Test
    void aSlowAttemptCanSayWhatItIsDoing() {
        fill("ws://localhost:7001/ws", "alice", "password1");
        assertThat(form.busyDetailProperty().get()).isEmpty();
        form.submit();
        assertThat(form.busyDetailProperty().get()).startsWith("Checking your password…")
                .contains("deliberately slow");
        form.failed(new SignInFailure(SignInFailure.Kind.WRONG_PASSWORD, ""));
        assertThat(form.busyDetailProperty().get()).isEmpty();

        fill("ws://localhost:7001/ws", "alice", "password1");
        form.createAccount();
        assertThat(form.busyDetailProperty().get()).startsWith("Creating your account…");
        form.succeeded(true);
        assertThat(form.busyDetailProperty().get()).isEmpty();
    }

    @Test
    void aRateLimitedSignInHoldsBothActionsForTheServersWaitCountingDownAndKeepsThePassword() {
        fill("ws://localhost:7001/ws", "alice", "password1");
        form.submit();
        form.failed(new SignInFailure(SignInFailure.Kind.RATE_LIMITED, "too many sign-ins", Duration.ofMillis(2_500)));

        assertThat(form.busyProperty().get()).isFalse();
        assertThat(form.heldProperty().get()).isTrue();
        assertThat(form.canSubmitProperty().get()).as("Sign in and Create account disabled").isFalse();
        assertThat(form.passwordProperty().get()).as("never checked: kept").isEqualTo("password1");
        assertThat(form.messageProperty().get()).isEqualTo("Too many sign-in attempts for \"alice\" just now "
                + "(the server slows down password guessing). You can try again in 3 s.");

        // Enter (or a click that got through) cannot get around it: nothing is sent.
        assertThat(form.submit()).isFalse();
        assertThat(form.createAccount()).isFalse();
        assertThat(connection.signIns).hasSize(1);

        // Typing does not clear the countdown, and it changes once a second.
        form.passwordProperty().set("password2");
        assertThat(form.messageProperty().get()).endsWith("You can try again in 3 s.");
        timers.advance(Duration.ofMillis(499));
        assertThat(form.messageProperty().get()).endsWith("You can try again in 3 s.");
        timers.advance(Duration.ofMillis(1));
        assertThat(form.messageProperty().get()).endsWith("You can try again in 2 s.");
        timers.advance(Duration.ofSeconds(1));
        assertThat(form.messageProperty().get()).endsWith("You can try again in 1 s.");
        assertThat(form.submit()).isFalse();
        timers.advance(Duration.ofMillis(999));
        assertThat(form.heldProperty().get()).isTrue();

        timers.advance(Duration.ofMillis(1));
        assertThat(form.heldProperty().get()).isFalse();
        assertThat(form.canSubmitProperty().get()).isTrue();
        assertThat(form.messageProperty().get()).isEqualTo("You can try again now.");
        assertThat(timers.nextDelay()).as("no timer left").isNull();
        assertThat(form.submit()).isTrue();
        assertThat(connection.signIns).hasSize(2);
    }

    @Test
    void aLongHoldCountsInMinutesAndALaterFailureEndsIt() {
        fill("ws://localhost:7001/ws", "alice", "password1");
        form.createAccount();
        form.failed(new SignInFailure(SignInFailure.Kind.RATE_LIMITED, "", Duration.ofMinutes(10)));
        assertThat(form.messageProperty().get()).endsWith("You can try again in 10 min.");
        timers.advance(Duration.ofMinutes(8));
        assertThat(form.messageProperty().get()).endsWith("You can try again in 2 min.");
        timers.advance(Duration.ofSeconds(1));
        assertThat(form.messageProperty().get()).endsWith("You can try again in 119 s.");
        timers.advance(Duration.ofSeconds(119));
        assertThat(form.messageProperty().get()).isEqualTo("You can try again now.");

        assertThat(form.submit()).isTrue();
        form.failed(new SignInFailure(SignInFailure.Kind.RATE_LIMITED, "", Duration.ofSeconds(4)));
        assertThat(form.messageProperty().get()).endsWith("You can try again in 4 s.");
        // What a saved session's end reports meanwhile says its own thing, and the countdown does not come back.
        form.failed(new SignInFailure(SignInFailure.Kind.SESSION_EXPIRED, "bad_token"));
        assertThat(form.heldProperty().get()).isFalse();
        assertThat(form.messageProperty().get()).isEqualTo("Your session has expired. Please sign in again.");
        timers.advance(Duration.ofSeconds(10));
        assertThat(form.messageProperty().get()).isEqualTo("Your session has expired. Please sign in again.");
    }

    @Test
    void aCreatedAccountIsAnnouncedUntilDismissed() {
        fill("ws://localhost:7001/ws", "alice", "password1");
        form.createAccount();
        form.succeeded(true);
        assertThat(form.createdAccountProperty().get()).isEqualTo("alice");
        form.dismissCreatedAccount();
        assertThat(form.createdAccountProperty().get()).isEmpty();

        fill("ws://localhost:7001/ws", "alice", "password1");
        form.submit();
        form.succeeded(false);
        assertThat(form.createdAccountProperty().get()).isEmpty();
    }

    private void fill(String server, String user, String password) {
        form.serverProperty().set(server);
        form.userProperty().set(user);
        form.passwordProperty().set(password);
    }
}
