package dev.tandem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static byte[] secret(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private final byte[] secretA = secret("secret A, the one before the rotation");
    private final byte[] secretB = secret("secret B, the one after the rotation");
    /** When the last token signed with A that the rotated cluster still trusts expires. */
    private final Instant aTrustedUntil = now.plus(ResumeTokens.DEFAULT_TTL).plus(Duration.ofHours(1));

    @Test
    void aRotatedClusterVerifiesTokensOfTheCurrentAndThePreviousSecret() {
        String underA = new ResumeTokens(secretA).mint("alice", now, ResumeTokens.DEFAULT_TTL);
        ResumeTokens rotated = new ResumeTokens(secretB).withPrevious(secretA, aTrustedUntil);

        assertThat(rotated.verify(underA, now.plusSeconds(60))).contains("alice");
        assertThat(rotated.verify(underA, now.plus(ResumeTokens.DEFAULT_TTL))).as("on its last day").contains("alice");
        assertThat(rotated.verify(underA, now.plus(ResumeTokens.DEFAULT_TTL).plusSeconds(1)))
                .as("after its own expiry").isEmpty();
        assertThat(new ResumeTokens(secretB).verify(underA, now)).as("B alone").isEmpty();
        assertThat(rotated.previousSecrets()).isEqualTo(1);
    }

    @Test
    void aRotatedClusterMintsWithTheCurrentSecretOnly() {
        ResumeTokens rotated = new ResumeTokens(secretB).withPrevious(secretA, aTrustedUntil);

        String minted = rotated.mint("bob", now, ResumeTokens.DEFAULT_TTL);

        assertThat(new ResumeTokens(secretB).verify(minted, now)).contains("bob");
        assertThat(new ResumeTokens(secretA).verify(minted, now)).as("A never signs a new token").isEmpty();
        assertThat(minted).isEqualTo(new ResumeTokens(secretB).mint("bob", now, ResumeTokens.DEFAULT_TTL));
    }

    @Test
    void thePreviousSecretVouchesOnlyForTokensThatExpireByItsDeadline() {
        ResumeTokens rotated = new ResumeTokens(secretB).withPrevious(secretA, aTrustedUntil);
        ResumeTokens a = new ResumeTokens(secretA);

        // Minted under A after the rotation (a leaked A, or a server still on A long after): it outlives A.
        String tooLong = a.mint("mallory", now.plus(Duration.ofDays(1)), ResumeTokens.DEFAULT_TTL);
        assertThat(rotated.verify(tooLong, now.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(a.verify(tooLong, now.plus(Duration.ofDays(1)))).as("A itself would take it").contains("mallory");

        String justInTime = a.mint("carol", now.plus(Duration.ofMinutes(59)), ResumeTokens.DEFAULT_TTL);
        assertThat(rotated.verify(justInTime, now.plus(Duration.ofDays(2)))).contains("carol");
        // The same limit does not apply to the current secret.
        String longUnderB = new ResumeTokens(secretB).mint("carol", now, Duration.ofDays(30));
        assertThat(rotated.verify(longUnderB, now.plus(Duration.ofDays(20)))).contains("carol");
    }

    @Test
    void aThirdSecretAndTamperedTokensAreStillRefused() {
        ResumeTokens rotated = new ResumeTokens(secretB).withPrevious(secretA, aTrustedUntil);
        String underA = new ResumeTokens(secretA).mint("d.65053", now, Duration.ofHours(1));

        assertThat(rotated.verify(tokens.mint("alice", now, Duration.ofHours(1)), now)).as("a third secret").isEmpty();
        assertThat(rotated.verify(underA.replaceFirst("d\\.65053", "d.65054"), now)).isEmpty();
        String aliceUnderA = new ResumeTokens(secretA).mint("alice", now, Duration.ofHours(1));
        String laterExpiry = aliceUnderA.replaceFirst("^alice\\.\\d+\\.",
                "alice." + now.plus(Duration.ofHours(2)).getEpochSecond() + ".");
        assertThat(laterExpiry).isNotEqualTo(aliceUnderA);
        assertThat(rotated.verify(aliceUnderA, now)).as("untouched").contains("alice");
        assertThat(rotated.verify(laterExpiry, now)).as("expiry moved").isEmpty();
        assertThat(rotated.verify("garbage", now)).isEmpty();
        assertThat(rotated.verify(null, now)).isEmpty();
    }

    @Test
    void severalRetiredSecretsEachKeepTheirOwnDeadline() {
        byte[] secretC = secret("secret C, two rotations ago, long ago");
        String underC = new ResumeTokens(secretC).mint("erin", now, ResumeTokens.DEFAULT_TTL);
        String underA = new ResumeTokens(secretA).mint("erin", now, ResumeTokens.DEFAULT_TTL);
        ResumeTokens rotated = new ResumeTokens(secretB)
                .withPrevious(secretC, now.minusSeconds(1))
                .withPrevious(secretA, aTrustedUntil);

        assertThat(rotated.verify(underA, now)).contains("erin");
        assertThat(rotated.verify(underC, now)).as("C trusts only tokens that expired already").isEmpty();
        assertThat(rotated.previousSecrets()).isEqualTo(2);
    }

    @Test
    void aShortRetiredSecretIsRefused() {
        assertThatThrownBy(() -> new ResumeTokens(secretB).withPrevious(secret("short"), aTrustedUntil))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16");
    }
}
