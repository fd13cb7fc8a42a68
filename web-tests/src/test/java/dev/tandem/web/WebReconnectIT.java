package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.server.support.TestClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proxy restarts under a signed-in page: the page shows that it is reconnecting, keeps what is typed
 * meanwhile, resumes with its token (no password asked) once the proxy is back, and what was typed is
 * delivered once. A reload of the tab resumes the same way: the token is the tab's, in sessionStorage,
 * and never in the URL.
 */
@Timeout(180)
class WebReconnectIT {
    @RegisterExtension
    static final WebRig rig = new WebRig();
    static final String PASSWORD = "password-reconnect";
    static String user;
    static WebPage page;
    static TestClient observer;

    @BeforeAll
    static void signIn() {
        user = rig.userOn("s1", "back");
        // Straight to s2, not through the proxy: it sees the chat throughout the proxy's restart.
        observer = TestClient.signIn(rig.cluster().port(2), rig.userOn("s2", "watch"), PASSWORD);
        page = rig.browser().open(rig.url()).signIn(user, PASSWORD, true);
    }

    @AfterAll
    static void close() {
        if (observer != null) {
            observer.close();
        }
    }

    @Test
    void afterTheProxyRestartsThePageResumesAndWhatWasTypedMeanwhileIsDeliveredOnce() throws Exception {
        page.say("before the restart");
        observer.await(ChatMessage.class, m -> m.text().equals("before the restart"));

        rig.stopProxy();
        page.until("reconnecting", () -> page.status().startsWith("Reconnecting"));
        page.say("typed while the proxy was down");
        page.until("kept as pending", () -> page.pendingTexts().contains("typed while the proxy was down")
                && page.status().contains("1 waiting to be sent"));

        rig.startProxy();
        page.until("resumed", () -> page.status().equals("Connected to server s1"));
        assertThat(page.find("#signin").isDisplayed()).as("sign-in form shown").isFalse();
        page.until("the message typed offline acknowledged",
                () -> page.chatTexts().contains("typed while the proxy was down") && page.pendingTexts().isEmpty());

        page.say("after the restart");
        // Everything up to the marker, on another server: the offline message exactly once.
        long live = observer.untilMarker(m -> m instanceof ChatMessage c && c.text().equals("after the restart"),
                        m -> false).stream()
                .filter(m -> m instanceof ChatMessage c && c.text().equals("typed while the proxy was down")).count();
        assertThat(live).as("live deliveries of the offline message").isEqualTo(1);
        ChatMessage offline = null;
        int copies = 0;
        try (TestClient late = TestClient.signIn(rig.cluster().port(2), rig.userOn("s2", "late"), PASSWORD)) {
            for (ChatMessage m : late.welcome().history()) {
                if (m.text().equals("typed while the proxy was down")) {
                    offline = m;
                    copies++;
                }
            }
        }
        assertThat(copies).as("copies of the offline message in the history").isEqualTo(1);
        assertThat(offline.author()).isEqualTo(user);
        assertThat(page.chatTexts()).containsOnlyOnce("before the restart", "typed while the proxy was down",
                "after the restart");
    }

    @Test
    void aReloadedTabResumesWithItsTokenWhichLivesInSessionStorageOnly() {
        page.until("connected", () -> page.status().startsWith("Connected"));
        page.driver().navigate().refresh();
        page.until("resumed after the reload", () -> page.status().startsWith("Connected"));
        assertThat(page.find("#signin").isDisplayed()).isFalse();
        assertThat(page.find("#me").getText()).isEqualTo(user);

        Map<String, Object> session = page.js("return JSON.parse(sessionStorage.getItem('tandem.session'))");
        String token = (String) session.get("token");
        assertThat(token).startsWith(user + ".");
        assertThat(page.driver().getCurrentUrl()).doesNotContain(token);
        String local = page.js("return JSON.stringify(Object.assign({}, localStorage))");
        assertThat(local).doesNotContain(token);
        String cookies = page.js("return document.cookie");
        assertThat(cookies).doesNotContain(token);
    }

    @Test
    void aRefusedTokenBringsBackTheSignInFormAndThePasswordSignsInAgain() {
        page.until("connected", () -> page.status().startsWith("Connected"));
        page.js("const s = JSON.parse(sessionStorage.getItem('tandem.session'));"
                + " s.token = s.user + '.1764700000.forged'; sessionStorage.setItem('tandem.session', JSON.stringify(s))");
        page.driver().navigate().refresh();
        page.until("the sign-in form, saying why", () -> page.find("#signin").isDisplayed()
                && page.find("#signin-message").getText().equals("Your session has expired. Sign in again."));
        assertThat((Object) page.js("return sessionStorage.getItem('tandem.session')")).isNull();
        page.signIn(user, PASSWORD, false);
        assertThat(page.serverId()).isEqualTo("s1");
    }
}
