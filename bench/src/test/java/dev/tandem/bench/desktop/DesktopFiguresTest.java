package dev.tandem.bench.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Medians and ranges, the checks on what a start showed, and how the app is started: no app, no display. */
class DesktopFiguresTest {
    private final Expect expect = new Expect(100, 100);

    @Test
    void figureIsTheMedianWithItsRange() {
        assertThat(Figure.of(List.of(5.0, 1.0, 3.0))).isEqualTo(new Figure(3, 3, 1, 5));
        assertThat(Figure.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Figure(4, 2.5, 1, 4));
        assertThat(Figure.of(List.of())).isEqualTo(new Figure(0, 0, 0, 0));
        assertThat(new Figure(5, 2340, 2100, 2810).text()).isEqualTo("2,340 (2,100–2,810)");
    }

    @Test
    void figuresPerKindLeaveOutWhatAKindDoesNotHave() {
        DesktopResult result = new DesktopResult("ws://x/ws", seeded(), Map.of(), List.of(
                restore(1, 2000, 2200), restore(2, 2400, 2500), restore(3, 2100, 2400), cold(1, 1500)));
        Map<String, Figure> restore = result.figures().get(StartKind.restore);
        assertThat(restore.get("firstContentMs")).isEqualTo(new Figure(3, 2100, 2000, 2400));
        assertThat(restore.get("contentToUpToDateMs")).isEqualTo(new Figure(3, 200, 100, 300));
        assertThat(restore.get("cpuToFirstContentMs")).isEqualTo(new Figure(3, 1680, 1600, 1920));
        assertThat(result.figures().get(StartKind.cold)).containsOnlyKeys("firstContentMs", "spawnToFirstContentMs",
                "cpuToFirstContentMs");
        assertThat(result.figures()).doesNotContainKey(StartKind.signin);
        assertThat(result.startsTable()).contains("restore").contains("2,100 (2,000–2,400)");
    }

    @Test
    void aRestoreMustShowTheSavedCopyOnTheMainScreen() {
        expect.restore(restore(1, 2000, 2100));
        assertThatThrownBy(() -> expect.restore(new StartRun(StartKind.restore, 2, 1,
                new StartupLine.FirstContent(900, "sign-in", 0, 0), new StartupLine.UpToDate(1000, 100, 100),
                950, 1050, -1, 700, 760, "SIGTERM")))
                .hasMessageContaining("restore start (round 2): first content on the sign-in screen");
        assertThatThrownBy(() -> expect.restore(new StartRun(StartKind.restore, 3, 1,
                new StartupLine.FirstContent(900, "main", 0, 100), new StartupLine.UpToDate(1000, 100, 100),
                950, 1050, -1, 700, 760, "SIGTERM")))
                .hasMessageContaining("showed 0 messages and 100 todos, expected the saved copy: 100 messages");
    }

    @Test
    void coldAndPasswordStartsBeginAtTheSignInScreen() {
        expect.coldStart(cold(1, 1500));
        assertThatThrownBy(() -> expect.signIn(restore(1, 2000, 2100))).hasMessageContaining("expected the sign-in screen");
        assertThatThrownBy(() -> expect.signIn(new StartRun(StartKind.signin, 1, 1,
                new StartupLine.FirstContent(900, "sign-in", 0, 0), new StartupLine.UpToDate(3000, 99, 100),
                950, 3050, -1, 700, 900, "SIGTERM")))
                .hasMessageContaining("up to date with 99 messages and 100 todos, expected 100 and 100");
    }

    @Test
    void displayIsRequired() {
        assertThatThrownBy(() -> DesktopStartup.requireDisplay(Map.of())).hasMessageContaining("xvfb-run -a");
        assertThatThrownBy(() -> DesktopStartup.requireDisplay(Map.of("DISPLAY", " ")))
                .hasMessageContaining("neither DISPLAY nor WAYLAND_DISPLAY");
        DesktopStartup.requireDisplay(Map.of("DISPLAY", ":99"));
        DesktopStartup.requireDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"));
    }

    @Test
    void eachStartIsIsolatedAndTheAppsOwnVariablesAreReplaced() {
        AppCommand app = new AppCommand(Path.of("/jdk/bin/java"), Path.of("/x/tandem-desktop.jar"), List.of("-Xmx256m"),
                Path.of("/w/prefs"));
        assertThat(app.start(Path.of("/w/restore"), "tandem-bench/restore", List.of("--server", "ws://h:1/ws")))
                .containsExactly("/jdk/bin/java", "-Xmx256m", "-Djava.util.prefs.userRoot=/w/prefs",
                        "-Dtandem.prefs.node=tandem-bench/restore", "-Dtandem.data.dir=/w/restore", "-jar",
                        "/x/tandem-desktop.jar", "--server", "ws://h:1/ws");
        assertThat(app.version(List.of("-XX:+PrintCommandLineFlags"))).containsExactly("/jdk/bin/java",
                "-XX:+PrintCommandLineFlags", "-Xmx256m", "-jar", "/x/tandem-desktop.jar", "--version");
        Map<String, String> base = Map.of("PATH", "/bin", "DISPLAY", ":99", "TANDEM_USER", "someone",
                "TANDEM_SERVER", "ws://elsewhere/ws", "TANDEM_DATA_DIR", "/home/x");
        assertThat(AppCommand.environment(base, Optional.empty(), Optional.empty()))
                .containsOnlyKeys("PATH", "DISPLAY");
        assertThat(AppCommand.environment(base, Optional.of("bench-d1"), Optional.of(Path.of("/w/password"))))
                .containsEntry("TANDEM_USER", "bench-d1").containsEntry("TANDEM_PASSWORD_FILE", "/w/password")
                .doesNotContainKeys("TANDEM_SERVER", "TANDEM_DATA_DIR");
    }

    private static StartRun restore(int round, long first, long up) {
        return new StartRun(StartKind.restore, round, 1.5, new StartupLine.FirstContent(first, "main", 100, 100),
                new StartupLine.UpToDate(up, 100, 100), first + 50, up + 50, -1, first * 0.8, up * 0.8, "SIGTERM");
    }

    private static StartRun cold(int round, long first) {
        return new StartRun(StartKind.cold, round, 1.5, new StartupLine.FirstContent(first, "sign-in", 0, 0), null,
                first + 50, -1, -1, first * 0.9, -1, "SIGTERM");
    }

    private static AccountSeeder.Seeded seeded() {
        return new AccountSeeder.Seeded("bench-d1", "s1", 0, 100, 100, 33, 100, 20, 5);
    }
}
