package dev.tandem.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void aHashMatchesItsPasswordOnlyAndIsSalted() {
        String hash = hasher.hash("correct horse");
        assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct horse");
        assertThat(hasher.matches("correct horse", hash)).isTrue();
        assertThat(hasher.matches("correct horsf", hash)).isFalse();
        assertThat(hasher.hash("correct horse")).isNotEqualTo(hash);
    }

    @Test
    void hashesKeepTheirOwnWorkFactor() {
        String old = new PasswordHasher(2_000).hash("pw-123456");
        assertThat(hasher.matches("pw-123456", old)).isTrue();
    }

    @Test
    void malformedStoredValuesNeverMatch() {
        assertThat(hasher.matches("x", "garbage")).isFalse();
        assertThat(hasher.matches("x", "pbkdf2-sha256$abc$!!$!!")).isFalse();
    }
}
