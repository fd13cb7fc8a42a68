package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;


import dev.tandem.model.ChatMessage;
import dev.tandem.server.support.TestClient;
import dev.tandem.system.client.FreezableRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page's link goes silent without closing (a {@link FreezableRelay} between the page and the proxy
 * stops moving bytes: a frozen server, a network that drops everything). As the desktop app: a message sent
 * then and not answered within 3 s turns the status to "Server s1 is not responding…"; after 10 s the page
 * gives the link up and reconnects; once bytes flow again it resumes and the message is delivered once.
 */
@Timeout(180)
class WebNotRespondingIT {
    @RegisterExtension
    static final WebRig rig = new WebRig();
    static final String PASSWORD = "password-frozen";

    @Test
    void aSilentLinkIsShownAsNotRespondingThenGivenUpAndResumedOnceItAnswers() throws Exception {
        String user = rig.userOn("s1", "frozen");
        try (FreezableRelay relay = new FreezableRelay(rig.proxyPort());
             TestClient observer = TestClient.signIn(rig.cluster().port(2), rig.userOn("s2", "watch"), PASSWORD)) {
            WebPage page = rig.browser().open("http://127.0.0.1:" + relay.port() + "/").signIn(user, PASSWORD, true);
            assertThat(page.serverId()).isEqualTo("s1");

            relay.freeze();
            long frozenAt = System.nanoTime();
            page.say("sent into the silence");
            page.until("not responding", () -> page.status().equals("Server s1 is not responding… · 1 waiting to be sent"));
            long shownAfterMs = (System.nanoTime() - frozenAt) / 1_000_000;
            assertThat(shownAfterMs).as("shown within a few seconds, not the 45 s of silence between pings")
                    .isLessThan(9_000);
            page.until("the link given up", () -> page.status().startsWith("Reconnecting"));
            assertThat(page.pendingTexts()).containsExactly("sent into the silence");

            relay.thaw();
            page.until("resumed", () -> page.status().equals("Connected to server s1"));
            page.until("the message acknowledged", () -> page.chatTexts().contains("sent into the silence")
                    && page.pendingTexts().isEmpty());
            page.say("after the silence");
            long copies = observer.untilMarker(m -> m instanceof ChatMessage c && c.text().equals("after the silence"),
                            m -> false).stream()
                    .filter(m -> m instanceof ChatMessage c && c.text().equals("sent into the silence")).count();
            assertThat(copies).as("deliveries of the message sent into the silence").isEqualTo(1);
            assertThat(page.find("#signin").isDisplayed()).isFalse();
        }
    }
}
