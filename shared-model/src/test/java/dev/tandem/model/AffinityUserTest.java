package dev.tandem.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What user a WebSocket URL names, as both the proxy and the server read it. */
class AffinityUserTest {
    @Test
    void theOneUserParameterNormalised() {
        assertThat(AffinityUser.fromQuery("user=alice")).contains("alice");
        assertThat(AffinityUser.fromQuery("x=1&user=%20Alice%20")).contains("alice");
        assertThat(AffinityUser.fromQuery("user=d.65053")).contains("d.65053");
        assertThat(AffinityUser.fromUri("/ws?user=bob#frag")).contains("bob");
    }

    @Test
    void aSemicolonDoesNotSeparateParameters() {
        // The attack that split one user over two servers: the proxy read "bob", the server "alice".
        assertThat(AffinityUser.fromQuery("x=1;user=bob&user=alice")).contains("alice");
        assertThat(AffinityUser.fromQuery("user=bob;user=alice")).isEmpty();
    }

    @Test
    void missingRepeatedMalformedOrInvalidNamesNobody() {
        assertThat(AffinityUser.fromQuery(null)).isEmpty();
        assertThat(AffinityUser.fromQuery("")).isEmpty();
        assertThat(AffinityUser.fromUri("/ws")).isEmpty();
        assertThat(AffinityUser.fromQuery("user=")).isEmpty();
        assertThat(AffinityUser.fromQuery("user")).isEmpty();
        assertThat(AffinityUser.fromQuery("user=alice&user=bob")).isEmpty();
        assertThat(AffinityUser.fromQuery("user=alice&user=alice")).isEmpty();
        assertThat(AffinityUser.fromQuery("user=%zz")).isEmpty();
        assertThat(AffinityUser.fromQuery("user=-dash")).isEmpty();
        assertThat(AffinityUser.fromQuery("user=" + "a".repeat(33))).isEmpty();
        assertThat(AffinityUser.fromQuery("us%65r=carol")).contains("carol");
    }
}
