package dev.tandem.bench.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The two lines of the desktop app's StartupTrace, as slf4j-simple prints them: the contract with the app. */
class StartupLineTest {

    @Test
    void readsTheFirstContentLineOfARestoredStart() {
        String line = "[JavaFX Application Thread] INFO dev.tandem.client.app.StartupTrace - startup: first content"
                + " after 5339 ms (main screen, 100 messages, 100 todos)";
        assertThat(StartupLine.parse(line)).contains(new StartupLine.FirstContent(5339, "main", 100, 100));
        assertThat(((StartupLine.FirstContent) StartupLine.parse(line).orElseThrow()).mainScreen()).isTrue();
    }

    @Test
    void readsTheFirstContentLineOfTheSignInScreen() {
        String line = "[JavaFX Application Thread] INFO dev.tandem.client.app.StartupTrace - startup: first content"
                + " after 2734 ms (sign-in screen, 0 messages, 0 todos)";
        StartupLine.FirstContent first = (StartupLine.FirstContent) StartupLine.parse(line).orElseThrow();
        assertThat(first).isEqualTo(new StartupLine.FirstContent(2734, "sign-in", 0, 0));
        assertThat(first.mainScreen()).isFalse();
    }

    @Test
    void readsTheUpToDateLine() {
        String line = "[JavaFX Application Thread] INFO dev.tandem.client.app.StartupTrace - startup: up to date after"
                + " 5514 ms (100 messages, 7 todos)";
        assertThat(StartupLine.parse(line)).contains(new StartupLine.UpToDate(5514, 100, 7));
    }

    @Test
    void ignoresEveryOtherLine() {
        assertThat(StartupLine.parse("[tandem-connection] INFO dev.tandem.client.connection.ConnectionService -"
                + " resumed as bench-d1 on server s2")).isEmpty();
        assertThat(StartupLine.parse("WARNING: Unsupported JavaFX configuration: classes were loaded from"
                + " 'unnamed module @69eee410'")).isEmpty();
        assertThat(StartupLine.parse("startup: first content after soon (main screen, 1 messages, 1 todos)")).isEmpty();
        assertThat(StartupLine.parse("startup: first content after 12 ms (about screen, 1 messages, 1 todos)")).isEmpty();
        assertThat(StartupLine.parse("")).isEmpty();
    }
}
