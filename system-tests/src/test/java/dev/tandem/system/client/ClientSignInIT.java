package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.redis.RedisRunner;
import dev.tandem.server.support.TandemCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import javafx.scene.input.KeyCode;

/**
 * Signing in through the real sign-in view against a real server and Redis: "Sign in" and "Create account"
 * and each way they can fail.
 */
@Timeout(120)
class ClientSignInIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(1_000));
    @RegisterExtension
    final FreshWindow window = new FreshWindow();

    @Test
    void createAccountShowsTheMainWindowSaysAccountCreatedOnceAndNamesTheServer() {
        client().created(cluster.port(1), "ui-alice", "password-alice");
        assertThat(client().text("#status-line")).isEqualTo("Connected to server s1");
        assertThat(client().text("#current-user")).isEqualTo("ui-alice");
        assertThat(Fx.fx(() -> client().window().stage().getTitle())).isEqualTo("Tandem — ui-alice");
        assertThat(client().isShown("#signin-view")).isFalse();
        assertThat(client().isShown("#account-created")).isTrue();
        assertThat(client().text("#account-created-text")).isEqualTo("Account created for \"ui-alice\". Welcome to Tandem!");
        client().click("#account-created-close");
        until("the notice goes", () -> !client().isShown("#account-created"));

        // The next time it is a plain sign-in: no notice.
        client().click("#sign-out");
        until("back on the sign-in view", () -> client().isShown("#signin-view"));
        client().signedIn(cluster.port(1), "ui-alice", "password-alice");
        assertThat(client().isShown("#account-created")).isFalse();
    }

    @Test
    void signInWithANameThatHasNoAccountSaysSoAndCreatesNothing() {
        client().signIn(cluster.port(1), "ui-nobody-yet", "password-x1");
        until("the unknown-name message", () -> client().isShown("#signin-error"));
        assertThat(client().text("#signin-error"))
                .isEqualTo("There is no account \"ui-nobody-yet\". Check the spelling, or choose Create account.");
        assertThat(client().text("#signin-password")).isEqualTo("password-x1"); // kept: only the name was wrong
        assertThat(client().isShown("#main-view")).isFalse();

        // The same form, "Create account" this time: it exists from now on.
        client().click("#signin-create");
        until("created and signed in", () -> client().isShown("#main-view"));
        assertThat(client().isShown("#account-created")).isTrue();
    }

    @Test
    void createAccountWithATakenNameSaysItIsTaken() {
        client().created(cluster.port(1), "ui-taken", "password-first");
        client().click("#sign-out");
        until("back on the sign-in view", () -> client().isShown("#signin-view"));

        client().createAccount(cluster.port(1), "ui-taken", "password-other");
        until("the taken-name message", () -> client().isShown("#signin-error"));
        assertThat(client().text("#signin-error"))
                .isEqualTo("The name \"ui-taken\" is taken. If it is yours, choose Sign in; otherwise pick another name.");
        assertThat(client().isShown("#main-view")).isFalse();
    }

    @Test
    void anOldErrorGoesAsSoonAsTheNameChanges() {
        client().signIn(cluster.port(1), "Bad Name!", "password-x1");
        until("the invalid-name message", () -> client().isShown("#signin-error"));
        client().click("#signin-user").type(KeyCode.END).write("x");
        until("the message is gone", () -> !client().isShown("#signin-error"));
        assertThat(client().text("#signin-error")).isEmpty();
    }

    @Test
    void enterSignsInAndEnterOnCreateAccountCreates() {
        client().created(cluster.port(1), "ui-keys", "password-keys");
        client().click("#sign-out");
        until("back on the sign-in view", () -> client().isShown("#signin-view"));
        // The name is remembered and the cursor waits in the password field: type it and press Enter.
        until("the password field has the focus", () -> client().node("#signin-password").isFocused());
        client().write("password-keys").type(KeyCode.ENTER);
        until("signed in by Enter", () -> client().isShown("#main-view"));
        assertThat(client().isShown("#account-created")).isFalse();

        client().click("#sign-out");
        until("back on the sign-in view", () -> client().isShown("#signin-view"));
        client().fill("#signin-user", "ui-keys-new").paste("#signin-password", "password-keys");
        client().type(KeyCode.TAB); // from the password: "Sign in", then "Create account"
        until("Sign in has the focus", () -> client().node("#signin-submit").isFocused());
        client().type(KeyCode.TAB);
        until("Create account has the focus", () -> client().node("#signin-create").isFocused());
        client().type(KeyCode.ENTER);
        until("created by Enter on Create account", () -> client().isShown("#main-view"));
        assertThat(client().text("#current-user")).isEqualTo("ui-keys-new");
        assertThat(client().isShown("#account-created")).isTrue();
    }

    @Test
    void theThemeSwitchesAndTheAboutDialogShowsTheVersion() {
        client().created(cluster.port(1), "ui-theo", "password-theo");
        client().click("#theme-toggle");
        until("the dark theme applies", () -> javafx.application.Application.getUserAgentStylesheet().contains("primer-dark"));
        client().click("#theme-toggle");
        until("the light theme applies", () -> javafx.application.Application.getUserAgentStylesheet().contains("primer-light"));

        client().click("#about-button");
        until("the about dialog shows", () -> !robot().lookup("#about-version").queryAll().isEmpty());
        assertThat(Fx.fx(() -> robot().lookup("#about-version").queryLabeled().getText()))
                .isEqualTo("Version " + dev.tandem.client.app.AppVersion.get());
        Fx.fx(() -> {
            ((javafx.stage.Stage) robot().lookup("#about-dialog").query().getScene().getWindow()).close();
            return null;
        });
    }

    private static org.testfx.api.FxRobot robot() {
        return new org.testfx.api.FxRobot();
    }

    @Test
    void aWrongPasswordSaysSoAndStaysOnTheSignInView() {
        client().created(cluster.port(1), "ui-wanda", "password-right");
        client().click("#sign-out");
        until("back on the sign-in view", () -> client().isShown("#signin-view"));
        assertThat(client().text("#signin-user")).isEqualTo("ui-wanda"); // remembered

        client().signIn(cluster.port(1), "ui-wanda", "password-wrong");
        until("the wrong-password message", () -> client().isShown("#signin-error"));
        assertThat(client().text("#signin-error"))
                .isEqualTo("Wrong password for \"ui-wanda\".");
        assertThat(client().text("#signin-password")).isEmpty();
        assertThat(client().isShown("#main-view")).isFalse();
    }

    @Test
    void anInvalidNameIsRefusedWithTheRules() {
        client().signIn(cluster.port(1), "Bad Name!", "password-x1");
        until("the invalid-name message", () -> client().isShown("#signin-error"));
        assertThat(client().text("#signin-error")).startsWith("\"Bad Name!\" is not a valid user name")
                .contains("lowercase letters, digits");
    }

    @Test
    void anUnreachableServerSaysSo() throws Exception {
        int closedPort = RedisRunner.freePort();
        client().signIn(closedPort, "ui-nobody", "password-x1");
        until("the unreachable message", () -> client().isShown("#signin-error"));
        assertThat(client().text("#signin-error")).startsWith("Can't reach ws://127.0.0.1:" + closedPort + "/ws")
                .contains("Check the address and that the server is running.");
    }

    private ClientDriver client() {
        return window.driver();
    }
}
