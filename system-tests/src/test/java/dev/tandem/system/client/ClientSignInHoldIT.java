package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.limits.AbuseLimits;
import dev.tandem.server.limits.Rate;
import dev.tandem.server.support.TandemCluster;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A server that takes one password attempt from an address, then one every 30 s, refuses a quick second sign-in
 * as {@code rate_limited} with a {@code retryAfterMs}: the sign-in card holds both actions and counts down,
 * Enter does not get around it, the password stays, and once the wait is over Sign in works. A screenshot of
 * the held card at 800 × 500 goes to target/screenshots/signin-held.png. The 30 s are the margin for a loaded
 * machine: the sign-out and the second attempt must come before the address's next attempt is due.
 */
@Timeout(180)
class ClientSignInHoldIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(1_000)
            .withLimits(AbuseLimits.unlimited().withSignIns(new Rate(1.0 / 30, 1))));
    @RegisterExtension
    final FreshWindow window = new FreshWindow();

    @Test
    void aRateLimitedSignInHoldsTheCardUntilTheServersWaitIsOver() throws Exception {
        ClientDriver client = window.driver();
        client.resize(800, 500);
        client.created(cluster.port(1), "hold-alice", "password-alice"); // the address's one attempt
        client.click("#sign-out");
        until("back on the sign-in view", () -> client.isShown("#signin-view"));

        client.signIn(cluster.port(1), "hold-alice", "password-alice");
        until("the card holds", () -> client.text("#signin-error").contains("You can try again in"));
        assertThat(client.text("#signin-error")).matches("Too many sign-in attempts for \"hold-alice\" just now "
                + "\\(the server slows down password guessing\\)\\. You can try again in [1-9][0-9]? s\\.");
        assertThat(fx(() -> client.node("#signin-submit").isDisabled())).isTrue();
        assertThat(fx(() -> client.node("#signin-create").isDisabled())).isTrue();
        assertThat(client.text("#signin-password")).as("never checked: kept").isEqualTo("password-alice");
        Screenshots.save(client, "signin-held.png");
        assertThat(client.cutLabels()).as("nothing cut at 800x500").isEmpty();

        // Enter in the password field starts nothing while the hold runs.
        client.click("#signin-password").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> client.window().model().signIn().busyProperty().get())).isFalse();
        assertThat(client.text("#signin-error")).contains("You can try again in");

        until("the actions come back", 45, () -> !fx(() -> client.node("#signin-submit").isDisabled()));
        assertThat(client.text("#signin-error")).isEqualTo("You can try again now.");
        assertThat(fx(() -> client.node("#signin-create").isDisabled())).isFalse();
        client.click("#signin-submit");
        until("signed in", 30, () -> client.isShown("#main-view"));
    }
}
