package dev.tandem.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalWindowsTest {
    private static final long LINGER = LocalWindows.LINGER.toNanos();
    private final LocalWindows local = new LocalWindows();

    @Test
    void aUserIsHereUntilTheirLastWindowClosesAndForTheLingerAfter() {
        TestWindow first = new TestWindow("w1");
        TestWindow second = new TestWindow("w2");
        assertThat(local.add("dave", first)).isTrue();
        assertThat(local.add("dave", second)).isTrue();
        assertThat(local.windows("dave")).isEqualTo(2);

        assertThat(local.remove(first, 0)).isTrue();
        assertThat(local.users(LINGER * 10)).as("one window left: no linger involved").containsExactly("dave");
        assertThat(local.remove(second, 100)).isTrue();
        assertThat(local.windows("dave")).isZero();
        assertThat(local.users(100 + LINGER - 1)).containsExactly("dave");
        assertThat(local.users(100 + LINGER)).isEmpty();
    }

    @Test
    void aWindowOpeningWithinTheLingerKeepsTheUserWithoutABreak() {
        TestWindow first = new TestWindow("w1");
        local.add("erin", first);
        local.remove(first, 0);
        TestWindow again = new TestWindow("w2");
        local.add("erin", again);
        assertThat(local.users(LINGER * 5)).containsExactly("erin");
        local.remove(again, LINGER * 5);
        assertThat(local.users(LINGER * 6)).as("the linger counts from the last close").isEmpty();
    }

    @Test
    void windowsAreToldApartByIdentityNotByEquality() {
        // Two windows that are equal (same id) are still two windows.
        local.add("erin", new TestWindow("same"));
        TestWindow other = new TestWindow("same");
        local.add("erin", other);
        local.remove(other, 0);
        assertThat(local.windows("erin")).isEqualTo(1);
    }

    @Test
    void aWindowCountedTwiceOrClosedUncountedChangesNothing() {
        TestWindow window = new TestWindow("w");
        assertThat(local.add("frank", window)).isTrue();
        assertThat(local.add("frank", window)).as("counted once").isFalse();
        assertThat(local.windows("frank")).isEqualTo(1);
        assertThat(local.remove(new TestWindow("never counted"), 0)).isFalse();
        assertThat(local.remove(window, 0)).isTrue();
        assertThat(local.remove(window, 0)).as("a second close").isFalse();
        assertThat(local.users(LINGER)).isEmpty();
    }

    @Test
    void anUndoneSignInLeavesNoLinger() {
        TestWindow window = new TestWindow("w");
        local.add("gina", window);
        local.undo(window);
        assertThat(local.users(0)).isEmpty();
    }
}
