package dev.tandem.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalWindowsTest {
    private final LocalWindows local = new LocalWindows();

    @Test
    void aUserIsHereUntilTheirLastWindowCloses() {
        TestWindow first = new TestWindow("w1");
        TestWindow second = new TestWindow("w2");
        assertThat(local.add("dave", first)).isTrue();
        assertThat(local.add("dave", second)).isTrue();
        assertThat(local.windows("dave")).isEqualTo(2);

        assertThat(local.remove(first)).isTrue();
        assertThat(local.users()).containsExactly("dave");
        assertThat(local.remove(second)).isTrue();
        assertThat(local.users()).isEmpty();
        assertThat(local.windows("dave")).isZero();
    }

    @Test
    void windowsAreToldApartByIdentityNotByEquality() {
        // Two windows that are equal (same id) are still two windows.
        local.add("erin", new TestWindow("same"));
        TestWindow other = new TestWindow("same");
        local.add("erin", other);
        local.remove(other);
        assertThat(local.windows("erin")).isEqualTo(1);
    }

    @Test
    void aWindowCountedTwiceOrClosedUncountedChangesNothing() {
        TestWindow window = new TestWindow("w");
        assertThat(local.add("frank", window)).isTrue();
        assertThat(local.add("frank", window)).as("counted once").isFalse();
        assertThat(local.windows("frank")).isEqualTo(1);
        assertThat(local.remove(new TestWindow("never counted"))).isFalse();
        assertThat(local.remove(window)).isTrue();
        assertThat(local.remove(window)).as("a second close").isFalse();
        assertThat(local.users()).isEmpty();
    }
}
