package dev.tandem.client.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MentionsTest {

    @ParameterizedTest(name = "[{0}] mentions alice: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            @alice can you look?              | true
            thanks @alice                     | true
            thanks @alice.                    | true
            @Alice, @ALICE!                   | true
            (@alice) and 'x'                  | true
            hi @alice's cat                   | true
            line one\\n@alice                 | true
            mail alice@example.com            | false
            mail bob@alice.org                | false
            mail bob@alice                    | false
            @alice.smith is someone else      | false
            @alice-bot is a bot               | false
            @alice_2 too                      | false
            @alice@example.com                | false
            @@alice                           | false
            alice without an at               | false
            @al                               | false
            @                                 | false
            """)
    void aMentionIsTheNameAfterAnAtAsAWordOfItsOwn(String text, boolean expected) {
        assertThat(Mentions.mentions(text.replace("\\n", "\n"), "alice")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] mentions {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ping @a.b please     | a.b    | true
            ping @a.b.           | a.b    | true
            ping @axb            | a.b    | false
            hey @jo-ann          | jo-ann | true
            """)
    void namesWithDotsAndDashesAreMatchedLiterally(String text, String user, boolean expected) {
        assertThat(Mentions.mentions(text, user)).isEqualTo(expected);
    }
}
