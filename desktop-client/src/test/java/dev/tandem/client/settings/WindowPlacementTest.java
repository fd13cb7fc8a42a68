package dev.tandem.client.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.settings.WindowPlacement.Area;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {
    private static final Area LAPTOP = new Area(0, 0, 1600, 1000);
    private static final Area RIGHT_MONITOR = new Area(1600, 0, 1920, 1080);

    @Test
    void aFirstWindowOpensAtASensibleSizeInTheMiddle() {
        WindowPlacement opened = WindowPlacement.opening(Optional.empty(), List.of(LAPTOP), 0);
        assertThat(opened).isEqualTo(new WindowPlacement(240, 120, 1120, 760, false));
    }

    @Test
    void furtherWindowsCascade() {
        WindowPlacement first = WindowPlacement.opening(Optional.empty(), List.of(LAPTOP), 0);
        WindowPlacement second = WindowPlacement.opening(Optional.empty(), List.of(LAPTOP), 1);
        assertThat(second.x() - first.x()).isEqualTo(WindowPlacement.CASCADE_STEP);
        assertThat(second.y() - first.y()).isEqualTo(WindowPlacement.CASCADE_STEP);
        assertThat(second.width()).isEqualTo(first.width());
        // Where the screen ends they stop at its edge, still inside it.
        WindowPlacement tenth = WindowPlacement.opening(Optional.empty(), List.of(LAPTOP), 10);
        assertThat(tenth.x() + tenth.width()).isEqualTo(1600);
        assertThat(tenth.y() + tenth.height()).isEqualTo(1000);
    }

    @Test
    void aSmallScreenGetsMostOfItButNeverLessThanTheMinimum() {
        WindowPlacement opened = WindowPlacement.opening(Optional.empty(), List.of(new Area(0, 0, 1024, 600)), 0);
        assertThat(opened.width()).isEqualTo(922); // 90 % of the screen
        assertThat(opened.height()).isEqualTo(540);
        WindowPlacement tiny = WindowPlacement.opening(Optional.empty(), List.of(new Area(0, 0, 820, 520)), 0);
        assertThat(tiny.width()).isEqualTo(WindowPlacement.MIN_WIDTH);
        assertThat(tiny.height()).isEqualTo(WindowPlacement.MIN_HEIGHT);
    }

    @Test
    void aRememberedPlacementOnAScreenIsKept() {
        WindowPlacement remembered = new WindowPlacement(1700, 50, 900, 700, true);
        assertThat(WindowPlacement.opening(Optional.of(remembered), List.of(LAPTOP, RIGHT_MONITOR), 3))
                .isEqualTo(remembered);
        // Partly off the right edge, but the title bar can be grabbed: the user's choice.
        WindowPlacement overhanging = new WindowPlacement(1300, 100, 900, 700, false);
        assertThat(WindowPlacement.opening(Optional.of(overhanging), List.of(LAPTOP), 0)).isEqualTo(overhanging);
    }

    @Test
    void aPlacementOffEveryScreenMovesBackToThePrimaryOne() {
        // The right monitor was unplugged.
        WindowPlacement remembered = new WindowPlacement(1700, 50, 900, 700, false);
        WindowPlacement opened = WindowPlacement.opening(Optional.of(remembered), List.of(LAPTOP), 0);
        assertThat(opened).isEqualTo(new WindowPlacement(350, 150, 900, 700, false));
        // The title bar above the top of the screen cannot be grabbed either.
        WindowPlacement above = new WindowPlacement(100, -20, 900, 700, false);
        assertThat(WindowPlacement.opening(Optional.of(above), List.of(LAPTOP), 0).y()).isEqualTo(150);
        // Only a sliver of the title bar on screen.
        WindowPlacement sliver = new WindowPlacement(-850, 100, 900, 700, false);
        assertThat(WindowPlacement.opening(Optional.of(sliver), List.of(LAPTOP), 0).x()).isEqualTo(350);
    }

    @Test
    void aRememberedSizeBiggerThanTheScreenShrinksToIt() {
        WindowPlacement huge = new WindowPlacement(0, 0, 2500, 1400, false);
        WindowPlacement opened = WindowPlacement.opening(Optional.of(huge), List.of(LAPTOP), 0);
        assertThat(opened).isEqualTo(new WindowPlacement(0, 0, 1600, 1000, false));
        WindowPlacement tooSmall = new WindowPlacement(10, 10, 300, 200, false);
        assertThat(WindowPlacement.opening(Optional.of(tooSmall), List.of(LAPTOP), 0))
                .isEqualTo(new WindowPlacement(10, 10, WindowPlacement.MIN_WIDTH, WindowPlacement.MIN_HEIGHT, false));
    }
}
