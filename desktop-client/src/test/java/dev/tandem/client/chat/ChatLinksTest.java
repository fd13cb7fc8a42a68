package dev.tandem.client.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.chat.ChatLinks.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatLinksTest {

    @Test
    void plainTextIsOneSpan() {
        assertThat(ChatLinks.split("no links here, www.example.org neither"))
                .containsExactly(new Span("no links here, www.example.org neither", false));
        assertThat(ChatLinks.split("")).isEmpty();
    }

    @Test
    void httpAndHttpsAddressesAreLinks() {
        assertThat(ChatLinks.split("see https://example.org/a?b=1&c=2#top and http://x.io"))
                .containsExactly(new Span("see ", false), new Span("https://example.org/a?b=1&c=2#top", true),
                        new Span(" and ", false), new Span("http://x.io", true));
        assertThat(ChatLinks.split("HTTPS://EXAMPLE.ORG")).containsExactly(new Span("HTTPS://EXAMPLE.ORG", true));
    }

    @Test
    void sentencePunctuationAndUnopenedBracketsAreNotPartOfTheLink() {
        assertThat(ChatLinks.split("Read https://example.org/notes.")).containsExactly(
                new Span("Read ", false), new Span("https://example.org/notes", true), new Span(".", false));
        assertThat(ChatLinks.split("(see https://example.org/a)")).containsExactly(
                new Span("(see ", false), new Span("https://example.org/a", true), new Span(")", false));
        assertThat(linksIn("https://en.wikipedia.org/wiki/Tandem_(disambiguation), ok"))
                .containsExactly("https://en.wikipedia.org/wiki/Tandem_(disambiguation)");
        assertThat(linksIn("\"https://example.org/q\"")).containsExactly("https://example.org/q");
    }

    @Test
    void nothingElseIsInterpreted() {
        assertThat(linksIn("ftp://example.org javascript:alert(1) file:///etc/passwd mailto:a@b.c")).isEmpty();
        assertThat(linksIn("https:// nothing after it, https://... neither")).isEmpty();
        assertThat(linksIn("notahttps://example.org")).isEmpty(); // the scheme must start a word
        assertThat(linksIn("**https://example.org**")).containsExactly("https://example.org");
        assertThat(linksIn("<https://example.org/a>")).containsExactly("https://example.org/a");
    }

    @Test
    void theSpansJoinedAreTheMessageAgain() {
        String text = "a https://x.org/1, b (http://y.org) c https://z.org/p?q=(1) d.";
        assertThat(String.join("", ChatLinks.split(text).stream().map(Span::text).toList())).isEqualTo(text);
        assertThat(linksIn(text)).containsExactly("https://x.org/1", "http://y.org", "https://z.org/p?q=(1)");
    }

    private static List<String> linksIn(String text) {
        return ChatLinks.split(text).stream().filter(Span::link).map(Span::text).toList();
    }
}
