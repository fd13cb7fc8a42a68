package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.support.TandemCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server whose password hashing is as slow as the highest work factor it accepts (seconds per hash, as the
 * default one is on a loaded machine): the sign-in card says why it is waiting instead of only spinning.
 */
@Timeout(120)
class ClientSlowSignInIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(10_000_000));
    @RegisterExtension
    final FreshWindow window = new FreshWindow();

    @Test
    void aSlowSignInSaysWhatTheServerIsDoing() {
        client().createAccount(cluster.port(1), "slow-sam", "password-sam");
        until("the spinner shows at once", () -> client().isShown("#signin-progress"));
        assertThat(client().isShown("#signin-slow")).isFalse(); // not in the first moment
        until("the wait is explained", () -> client().isShown("#signin-slow"));
        assertThat(client().text("#signin-slow")).startsWith("Creating your account…")
                .contains("deliberately slow hash").contains("This can take a few seconds.");
        until("created in the end", 60, () -> client().isShown("#main-view"));

        client().click("#sign-out");
        until("back on the sign-in view", () -> client().isShown("#signin-view"));
        assertThat(client().isShown("#signin-busy")).isFalse();
        client().signIn(cluster.port(1), "slow-sam", "password-sam");
        until("the wait is explained", () -> client().isShown("#signin-slow"));
        assertThat(client().text("#signin-slow")).startsWith("Checking your password…");
        until("signed in in the end", 60, () -> client().isShown("#main-view"));
    }

    private ClientDriver client() {
        return window.driver();
    }
}
