package dev.tandem.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResumeTokensTest {
    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private final ResumeTokens tokens = new ResumeTokens("a cluster secret of some length".getBytes(StandardCharsets.UTF_8));

    @Test
    void aMintedTokenVerifiesToItsUser() {
        String token = tokens.mint("alice", now, Duration.ofHours(1));
        assertThat(tokens.verify(token, now.plusSeconds(60))).contains("alice");
    }

    @Test
    void anotherClusterSecretRejectsIt() {
        String token = tokens.mint("alice", now, Duration.ofHours(1));
        ResumeTokens other = new ResumeTokens("another secret, also long enough".getBytes(StandardCharsets.UTF_8));
        assertThat(other.verify(token, now)).isEmpty();
    }

    @Test
    void expiredTamperedAndGarbageTokensAreRejected() {
        String token = tokens.mint("alice", now, Duration.ofHours(1));
        assertThat(tokens.verify(token, now.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(tokens.verify(token.replaceFirst("alice", "mallory"), now)).isEmpty();
        assertThat(tokens.verify("garbage", now)).isEmpty();
        assertThat(tokens.verify("a.b", now)).isEmpty();
        assertThat(tokens.verify(null, now)).isEmpty();
    }

    @Test
    void namesWithDotsResume() {
        for (String user : new String[] {"d.65053", "a.b.c", "x.", "j.doe_2"}) {
            if (UserNames.isValid(user)) {
                String token = tokens.mint(user, now, Duration.ofHours(1));
                assertThat(tokens.verify(token, now)).as(user).contains(user);
            }
        }
        String token = tokens.mint("d.65053", now, Duration.ofHours(1));
        assertThat(tokens.verify(token.replaceFirst("d\\.65053", "d.65054"), now)).isEmpty();
        assertThat(tokens.verify(token.replaceFirst("d\\.65053", "d"), now)).as("a shorter name, same rest").isEmpty();
        assertThat(tokens.verify(".123.sig", now)).isEmpty();
        assertThat(tokens.verify("alice..sig", now)).isEmpty();
    }
}
