package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.limits.AbuseLimits;
import dev.tandem.server.limits.Rate;
import dev.tandem.server.support.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;

/**
 * Signing in as the desktop app does it: the form checks names and passwords by the protocol's rules (the
 * fields take any length, so nothing is cut short without a word) and says why the server refused, in the
 * desktop app's words. The servers here slow down password guessing quickly (one free failure, then 10 s)
 * and take one resume of a user per 20 s, so the page meets {@code rate_limited} with a {@code retryAfterMs}
 * at sign-in and at resume: it holds (the form's buttons, the next resume) for exactly that long, counting
 * down, and sends nothing before. What the page sent and when is read from its own socket
 * ({@link WebPage#recordFrames()}).
 */
@Timeout(240)
class WebSignInIT {
    static final String PASSWORD = "password-signin";
    static final Duration FAILURE_DELAY = Duration.ofSeconds(10);
    /**
     * One resume per user per 20 s: longer than the 10 s a resume waits for an answer plus a backoff step, so
     * a page that ignored retryAfterMs would resume too early.
     */
    static final Rate RESUMES = new Rate(1 / 20.0, 1);
    static final Path SHOTS = WebLayoutIT.SHOTS;
    /** The page's clock notes a frame a moment after the connection read it. */
    static final long CLOCK_SLACK_MS = 20;

    @RegisterExtension
    static final WebRig rig = new WebRig(config -> config.withLimits(config.limits()
            .withFailures(new AbuseLimits.Failures(1, FAILURE_DELAY, FAILURE_DELAY, Duration.ofMinutes(15)))
            .withResumes(RESUMES)));

    @Test
    void theFormChecksNamesAndPasswordsAsTheServerDoesAndSaysWhyASignInWasRefused() {
        String taken = rig.userOn("s1", "taken");
        String mistyped = rig.userOn("s1", "mistyped");
        TestClient.signIn(rig.proxyPort(), taken, PASSWORD).close();
        TestClient.signIn(rig.proxyPort(), mistyped, PASSWORD).close();
        WebPage page = rig.browser().open(rig.url());

        assertThat(page.signInRefused("Ana Smith", PASSWORD, true)).isEqualTo("\"Ana Smith\" is not a valid user name: "
                + "use 1 to 32 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.");
        // 33 characters: refused, not cut to 32 (which would sign in to, or create, another account).
        String tooLong = "a".repeat(33);
        assertThat(page.signInRefused(tooLong, PASSWORD, true)).startsWith("\"" + tooLong + "\" is not a valid user name");
        assertThat(page.find("#signin-user").getAttribute("value")).isEqualTo(tooLong);
        assertThat(page.signInRefused("ana", "short", true)).isEqualTo("The password must be 8 to 256 characters long.");
        // 257 characters: refused, not cut to 256 (an account the desktop app could then never sign in to).
        assertThat(page.signInRefused("ana", "p".repeat(257), true)).isEqualTo("The password must be 8 to 256 characters long.");

        String nobody = rig.userOn("s1", "nobody");
        assertThat(page.signInRefused(nobody, PASSWORD, false))
                .isEqualTo("There is no account \"" + nobody + "\". Check the spelling, or choose Create account.");
        assertThat(page.signInRefused(taken, "another-password", true))
                .isEqualTo("The name \"" + taken + "\" is taken. If it is yours, choose Sign in; otherwise pick another name.");
        assertThat(page.signInRefused(mistyped, "not-the-password", false)).isEqualTo("Wrong password for \"" + mistyped + "\".");
        assertThat(page.find("#signin-password").getAttribute("value")).as("a wrong password is cleared").isEmpty();
        assertThat(page.find("#signin-button").isEnabled()).isTrue();
    }

    @Test
    void aSignInRefusedAsTooManyAttemptsHoldsTheFormForTheServersWaitCountingDown() throws Exception {
        String user = rig.userOn("s1", "held");
        TestClient.signIn(rig.proxyPort(), user, PASSWORD).close();
        WebPage page = rig.browser().open(rig.url());
        page.recordFrames();
        // One failure is free; the second makes the account wait FAILURE_DELAY before its next attempt.
        assertThat(page.signInRefused(user, "wrong-password-1", false)).isEqualTo("Wrong password for \"" + user + "\".");
        assertThat(page.signInRefused(user, "wrong-password-2", false)).isEqualTo("Wrong password for \"" + user + "\".");

        String held = page.signInRefused(user, PASSWORD, false);
        assertThat(held).matches("Too many sign-in attempts for \"" + user + "\" just now \\(the server slows down "
                + "password guessing\\)\\. You can try again in \\d+ s\\.");
        assertThat(seconds(held)).isBetween(2, (int) FAILURE_DELAY.toSeconds());
        assertThat(page.find("#signin-button").isEnabled()).isFalse();
        assertThat(page.find("#create-button").isEnabled()).isFalse();
        assertThat(page.find("#signin-password").getAttribute("value")).as("kept: it was not checked").isEqualTo(PASSWORD);
        // Enter in the password field does not go around the disabled buttons.
        page.find("#signin-password").sendKeys(Keys.ENTER);
        for (String theme : new String[] {"light", "dark"}) {
            page.systemTheme(theme);
            page.screenshot(1280, 800, SHOTS.resolve("screenshot-web-signin-held-" + theme + ".png"));
            page.screenshot(390, 844, SHOTS.resolve("screenshot-web-signin-held-phone-" + theme + ".png"));
        }
        page.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        page.systemTheme("light");
        // It counts down: a smaller number shows before the wait is over.
        int first = seconds(held);
        page.until("the countdown moves", () -> {
            String now = page.find("#signin-message").getText();
            return now.equals("You can try again now.") || now.contains("try again in") && seconds(now) < first;
        });
        page.until("the wait is over", () -> page.find("#signin-message").getText().equals("You can try again now."));
        assertThat(page.find("#signin-button").isEnabled()).isTrue();

        page.find("#signin-button").click();
        page.until("signed in", () -> page.find("#app").isDisplayed() && page.status().startsWith("Connected"));

        // In the page's own record: the refusal's wait, and no sign_in sent before it was over.
        JsonNode refusal = null;
        List<Long> signInsAfter = new ArrayList<>();
        for (JsonNode frame : new ObjectMapper().readTree(page.recordedFrames())) {
            JsonNode message = new ObjectMapper().readTree(frame.get("data").asText());
            if (!frame.get("out").asBoolean() && "rate_limited".equals(message.path("code").asText())) {
                refusal = frame;
                assertThat(message.path("retryAfterMs").asLong()).isPositive();
            } else if (frame.get("out").asBoolean() && "sign_in".equals(message.path("type").asText()) && refusal != null) {
                signInsAfter.add(frame.get("t").asLong());
            }
        }
        assertThat(refusal).as("a rate_limited answer to the sign-in").isNotNull();
        long wait = new ObjectMapper().readTree(refusal.get("data").asText()).get("retryAfterMs").asLong();
        assertThat(signInsAfter).as("sign-ins after the refusal: only the one made once the form allowed it").hasSize(1);
        assertThat(signInsAfter.get(0)).isGreaterThanOrEqualTo(refusal.get("t").asLong() + wait - CLOCK_SLACK_MS);
    }

    @Test
    void aResumeRefusedAsTooManyWaitsTheServersRetryAfterCountingDownThenResumes() throws Exception {
        String user = rig.userOn("s1", "resumer");
        WebPage page = rig.browser().open(rig.url()).signIn(user, PASSWORD, true);
        page.recordFrames();
        Map<String, Object> session = page.js("return JSON.parse(sessionStorage.getItem('tandem.session'))");

        rig.stopProxy();
        page.until("reconnecting", () -> page.status().startsWith("Reconnecting"));
        // Another window of the user resumes meanwhile (straight to s1): the user's one resume per 20 s is used.
        try (TestClient other = TestClient.connect(rig.cluster().port(1), user)) {
            other.send(new ClientMessage.Resume(Protocol.VERSION, (String) session.get("token")));
            other.next(ServerMessage.Welcome.class);
        }
        rig.startProxy();

        // Refused: the page counts the server's wait down, longer than any backoff step it is at.
        AtomicInteger longest = new AtomicInteger();
        page.until("a countdown of the server's wait", () -> {
            String status = page.status();
            if (status.matches("Reconnecting in \\d+ s.*")) {
                longest.accumulateAndGet(seconds(status), Math::max);
            }
            return longest.get() >= 5;
        });
        page.until("resumed", () -> page.status().equals("Connected to server s1"));
        assertThat(page.find("#signin").isDisplayed()).isFalse();

        JsonNode refusal = null;
        long resumedAt = -1;
        for (JsonNode frame : new ObjectMapper().readTree(page.recordedFrames())) {
            JsonNode message = new ObjectMapper().readTree(frame.get("data").asText());
            boolean out = frame.get("out").asBoolean();
            if (!out && "rate_limited".equals(message.path("code").asText())) {
                refusal = frame;
            } else if (out && "resume".equals(message.path("type").asText()) && refusal != null && resumedAt < 0) {
                resumedAt = frame.get("t").asLong();
            }
        }
        assertThat(refusal).as("a rate_limited answer to a resume").isNotNull();
        long wait = new ObjectMapper().readTree(refusal.get("data").asText()).get("retryAfterMs").asLong();
        assertThat(wait).isPositive();
        long refusedAt = refusal.get("t").asLong();
        assertThat(resumedAt).as("the next resume, after the wait and promptly").isBetween(
                refusedAt + wait - CLOCK_SLACK_MS, refusedAt + wait + 2_000);
    }

    @Test
    void aTokenTheServerWillNeverTakeEndsTheSessionInsteadOfRetryingForever() {
        String user = rig.userOn("s2", "unreadable");
        WebPage page = rig.browser().open(rig.url()).signIn(user, PASSWORD, true);
        // Longer than a server reads (512): refused as invalid, and the connection is kept.
        page.js("const s = JSON.parse(sessionStorage.getItem('tandem.session'));"
                + " s.token = 'x'.repeat(600); sessionStorage.setItem('tandem.session', JSON.stringify(s))");
        page.driver().navigate().refresh();
        page.until("the sign-in form, saying why", () -> page.find("#signin").isDisplayed()
                && page.find("#signin-message").getText().equals("Your session has expired. Sign in again."));
        assertThat((Object) page.js("return sessionStorage.getItem('tandem.session')")).isNull();
        page.signIn(user, PASSWORD, false);
    }

    /** The first number in {@code text} ("… in 7 s." → 7). */
    private static int seconds(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) s").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no seconds in " + text);
        }
        return Integer.parseInt(m.group(1));
    }
}
