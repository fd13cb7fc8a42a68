package dev.tandem.client.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What is remembered, on a test preferences node of its own. */
class SettingsTest {
    private final String path = "dev/tandem/test/" + UUID.randomUUID();
    private final Settings settings = Settings.at(path);

    @AfterEach
    void cleanUp() {
        settings.clear();
    }

    @Test
    void theWindowPlacementAndTheDividerAreRememberedPerNode() {
        assertThat(settings.windowPlacement()).isEmpty();
        assertThat(settings.dividerPosition(0.6)).isEqualTo(0.6);

        settings.rememberWindowPlacement(new WindowPlacement(12, 34, 900, 640, true));
        settings.rememberDividerPosition(0.7);

        Settings again = Settings.at(path);
        assertThat(again.windowPlacement()).contains(new WindowPlacement(12, 34, 900, 640, true));
        assertThat(again.dividerPosition(0.6)).isEqualTo(0.7);
        Settings other = Settings.at(path + "-other");
        try {
            assertThat(other.windowPlacement()).isEmpty();
        } finally {
            other.clear();
        }
    }

    @Test
    void aDividerOutsideTheSplitIsIgnored() {
        settings.rememberDividerPosition(1.5);
        assertThat(settings.dividerPosition(0.6)).isEqualTo(0.6);
    }
}
