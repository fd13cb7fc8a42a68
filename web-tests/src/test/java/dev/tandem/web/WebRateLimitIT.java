package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.model.ChatMessage;
import dev.tandem.server.limits.Rate;
import dev.tandem.server.support.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page over the servers' per-user rate (issue 16): each server runs with a tight one (0.5 a second,
 * burst 3, over all of a user's windows), so a person who types quickly is refused {@code rate_limited} with
 * a {@code retryAfterMs}. The page says so plainly ("Sending too fast — retrying in 2 s"), sends nothing
 * before the wait is over, then sends each refused chat message and todo edit again with its clientId, and
 * every one of them arrives exactly once. What the page sent and received is read from its own socket
 * ({@link WebPage#recordFrames()}), with the page's clock, so the wait is checked where it is kept.
 */
@Timeout(180)
class WebRateLimitIT {
    static final String PASSWORD = "password-web";
    static final Rate USER_RATE = new Rate(0.5, 3);
    static final Path SHOTS = WebLayoutIT.SHOTS;
    /** The page's clock notes a frame a moment after the connection read it. */
    static final long CLOCK_SLACK_MS = 20;

    @RegisterExtension
    static final WebRig rig = new WebRig(config -> config.withLimits(config.limits().withUser(USER_RATE)));

    @Test
    void chatTypedTooFastIsToldAndResentAfterTheWaitExactlyOnce() throws Exception {
        String user = rig.userOn("s1", "quick");
        try (TestClient desk = TestClient.signIn(rig.proxyPort(), rig.userOn("s2", "desk"), PASSWORD)) {
            typedTooFast(user, desk);
        }
    }

    private static void typedTooFast(String user, TestClient desk) throws Exception {
        WebPage page = rig.browser().open(rig.url()).signIn(user, PASSWORD, true);
        page.recordFrames();
        List<String> texts = IntStream.range(0, 6).mapToObj(i -> "quick " + i + " from " + user).toList();
        texts.forEach(page::say);

        page.until("told it is sending too fast", () -> page.status().startsWith("Sending too fast — retrying in "));
        assertThat(page.status()).matches("Sending too fast — retrying in \\d+ s( · \\d+ waiting to be sent)?");
        // The server's "this one was dropped" is not shown: the page sends it again (a new account's welcome
        // may be in the notice).
        assertThat(page.find("#notice-text").getText()).as("no alarming notice: the status line says it")
                .doesNotContain("dropped").doesNotContain("too many");

        List<String> delivered = new ArrayList<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!delivered.containsAll(texts)) {
            assertThat(System.nanoTime()).as("all delivered to the desktop client within 60 s; got %s; the page's frames: %s",
                    delivered, page.recordedFrames()).isLessThan(deadline);
            if (desk.poll(200) instanceof ChatMessage m && m.author().equals(user)) {
                delivered.add(m.text());
            }
        }
        page.until("every message acknowledged", () -> page.chatTexts().containsAll(texts) && page.pendingTexts().isEmpty());
        page.until("the status back to connected", () -> page.status().startsWith("Connected to server "));
        assertThat(page.chatTexts()).as("each posted once").containsOnlyOnce(texts.toArray(String[]::new));
        assertThat(delivered).as("each delivered once").containsOnlyOnce(texts.toArray(String[]::new));
        assertWaitsHonoured(page, "chat.send");
    }

    @Test
    void todoEditsMadeTooFastAreResentAfterTheWaitExactlyOnce() throws Exception {
        String user = rig.userOn("s1", "busy");
        WebPage page = rig.browser().open(rig.url()).signIn(user, PASSWORD, true);
        page.recordFrames();
        List<String> titles = IntStream.range(0, 4).mapToObj(i -> "task " + i).toList();
        titles.forEach(page::addTodo);
        page.until("every todo added", () -> page.todoTitles().equals(titles));
        titles.forEach(page::toggleTodo);
        page.until("every todo completed", () -> page.completedTitles().equals(titles));
        page.until("the status back to connected", () -> page.status().startsWith("Connected to server "));
        assertThat(page.todoTitles()).as("each added once").isEqualTo(titles);
        assertWaitsHonoured(page, "todo.");
    }

    @Test
    void theStatusLineWhileSendingTooFastLightAndDark() throws Exception {
        String user = rig.userOn("s1", "shots");
        WebPage page = rig.browser().open(rig.url()).signIn(user, PASSWORD, true);
        page.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 860));
        for (String theme : new String[] {"light", "dark"}) {
            if (!theme.equals(page.js("return document.documentElement.dataset.theme"))) {
                page.find("#theme-toggle").click();
            }
            Path shot = SHOTS.resolve("screenshot-web-too-fast-" + theme + ".png");
            // The line shows for as long as the server's wait: shoot while it does (again if it ended first).
            boolean shown = false;
            for (int attempt = 0; attempt < 3 && !shown; attempt++) {
                for (int i = 0; i < 5; i++) {
                    page.say(theme + " " + attempt + "." + i);
                }
                page.until("told it is sending too fast", () -> page.status().startsWith("Sending too fast"));
                page.screenshot(1280, 860, shot);
                shown = page.status().startsWith("Sending too fast");
            }
            assertThat(shown).as("the %s screenshot shows the line", theme).isTrue();
            assertThat(Files.size(shot)).isPositive();
            page.until("all sent", () -> page.pendingTexts().isEmpty());
        }
    }

    /**
     * In the page's own record: every rate_limited answer to a request of {@code typePrefix} carried a
     * retryAfterMs; the page sent no frame at all until it was over; then it sent that request again with the
     * same clientId; and it never sent a request while an older one waited to go again (so a person's
     * messages keep the order they were typed in, as far as the page decides it).
     */
    private static void assertWaitsHonoured(WebPage page, String typePrefix) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> frames = new ArrayList<>();
        json.readTree(page.recordedFrames()).forEach(frames::add);
        java.util.Map<String, Integer> made = new java.util.HashMap<>(); // clientId -> order of its first send
        java.util.Set<String> waiting = new java.util.HashSet<>();
        long holdUntil = 0;
        int refusals = 0;
        for (JsonNode frame : frames) {
            JsonNode message = json.readTree(frame.get("data").asText());
            long at = frame.get("t").asLong();
            String clientId = message.path("clientId").asText("");
            if (frame.get("out").asBoolean()) {
                assertThat(at).as("%s sent %d ms before the wait a refusal asked for was over", message, holdUntil - at)
                        .isGreaterThanOrEqualTo(holdUntil - CLOCK_SLACK_MS);
                if (!message.path("type").asText().startsWith(typePrefix) || clientId.isEmpty()) {
                    continue;
                }
                made.putIfAbsent(clientId, made.size());
                waiting.remove(clientId);
                int order = made.get(clientId);
                assertThat(waiting.stream().filter(older -> made.get(older) < order).toList())
                        .as("older requests waiting to go again when %s was sent", message).isEmpty();
            } else if ("rate_limited".equals(message.path("code").asText()) && message.hasNonNull("ref")) {
                long wait = message.path("retryAfterMs").asLong();
                assertThat(wait).as("rate_limited carries retryAfterMs: %s", message).isPositive();
                holdUntil = Math.max(holdUntil, at + wait);
                String ref = message.get("ref").asText();
                if (made.containsKey(ref)) {
                    waiting.add(ref);
                    refusals++;
                }
            }
        }
        assertThat(waiting).as("every refused request was sent again").isEmpty();
        assertThat(refusals).as("a %s was refused at least once (else this test shows nothing)", typePrefix).isPositive();
    }
}
