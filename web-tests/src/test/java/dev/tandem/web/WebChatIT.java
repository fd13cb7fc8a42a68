package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.server.http.WebClient;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TestClient;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page in a real Chromium, through the real proxy, chatting with a desktop-protocol client (the
 * server tests' {@link TestClient}: the JDK's WebSocket speaking shared-model's codec, as the desktop app's
 * Tyrus link does) whom the proxy places on the other server; markup in a message shown as text; the
 * Content-Security-Policy sent and enforced.
 */
@Timeout(180)
class WebChatIT {
    @RegisterExtension
    static final WebRig rig = new WebRig();
    static final String PASSWORD = "password-web";
    static String pageUser;
    static String deskUser;
    static WebPage page;
    static TestClient desk;

    @BeforeAll
    static void signIn() {
        pageUser = rig.userOn("s1", "page");
        deskUser = rig.userOn("s2", "desk");
        desk = TestClient.signIn(rig.proxyPort(), deskUser, PASSWORD);
        assertThat(desk.welcome().serverId()).isEqualTo("s2");
        page = rig.browser().open(rig.url()).signIn(pageUser, PASSWORD, true);
        assertThat(page.serverId()).isEqualTo("s1");
    }

    @AfterAll
    static void close() {
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void aMessageTypedInThePageReachesTheDesktopClientOnTheOtherServerAndBack() {
        page.say("hello from the browser");
        ChatMessage received = desk.await(ChatMessage.class, m -> m.text().equals("hello from the browser"));
        assertThat(received.author()).isEqualTo(pageUser);
        assertThat(received.serverId()).isEqualTo("s1");
        page.until("own message acknowledged", () -> page.chatTexts().contains("hello from the browser")
                && page.pendingTexts().isEmpty());

        desk.send(new ClientMessage.ChatSend(UUID.randomUUID().toString(), "hello from the desktop"));
        page.until("the desktop's message shown", () -> page.chatTexts().contains("hello from the desktop"));
        assertThat(page.chatTexts()).containsOnlyOnce("hello from the browser", "hello from the desktop");
    }

    @Test
    void markupAndScriptInAMessageAreShownAsTextAndNeverRun() {
        String attack = "<img src=x onerror=\"window.__xss='img'\"><script>window.__xss='script'</script>"
                + "<b>bold</b> <a href=\"javascript:window.__xss='link'\">link</a> &amp; ${1+1} {{7*7}}";
        // From the desktop side, so it crosses Redis and the other server before the page draws it...
        desk.send(new ClientMessage.ChatSend(UUID.randomUUID().toString(), attack));
        page.until("the desktop's markup shown", () -> page.chatTexts().contains(attack));
        // ...and typed in the page itself.
        page.say(attack + " again");
        page.until("the page's own markup shown", () -> page.chatTexts().contains(attack + " again"));

        Long injected = page.js("return document.querySelectorAll("
                + "'#message-list img, #message-list script, #message-list b, #message-list a').length");
        assertThat(injected).isZero();
        Long elementsInTexts = page.js("return [...document.querySelectorAll('#message-list .text')]"
                + ".reduce((n, p) => n + p.children.length, 0)");
        assertThat(elementsInTexts).isZero();
        assertThat((Object) page.js("return window.__xss")).isNull();
    }

    @Test
    void everyResponseOfThePageCarriesAContentSecurityPolicyThatForbidsInlineScript() {
        for (String path : new String[] {"/", "/index.html", "/js/main.js", "/css/app.css"}) {
            HttpResponse<String> response = Http.get(rig.proxyPort(), path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as(path).isEqualTo(WebClient.CONTENT_SECURITY_POLICY)
                    .contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
        // The browser enforces it: a script element added at run time with inline code does not run, and the
        // page is told of the violation.
        String verdict = page.js("""
                return new Promise(resolve => {
                  document.addEventListener('securitypolicyviolation',
                      e => resolve(e.violatedDirective), {once: true});
                  const s = document.createElement('script');
                  s.textContent = "window.__inline = 'ran'";
                  document.body.append(s);
                  setTimeout(() => resolve('no violation'), 5000);
                }).then(directive => (window.__inline ?? 'blocked') + ' ' + directive);
                """);
        assertThat(verdict).startsWith("blocked script-src");
    }
}
