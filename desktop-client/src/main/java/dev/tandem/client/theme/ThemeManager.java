package dev.tandem.client.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;

/**
 * Applies the AtlantaFX theme (Primer light or dark) as the user-agent stylesheet and adds Tandem's own
 * stylesheet, which uses only the theme's looked-up colours so both looks work. UI thread only.
 */
public final class ThemeManager {
    /** Tandem's additions to the theme. */
    public static final String STYLESHEET =
            ThemeManager.class.getResource("tandem.css").toExternalForm();

    private ThemeManager() {
    }

    /** Follows {@code choice} for the whole application, starting now. */
    public static void follow(ObservableValue<ThemeChoice> choice) {
        apply(choice.getValue());
        choice.addListener((obs, old, now) -> apply(now));
    }

    /** Adds Tandem's stylesheet to a scene (every window and dialog). */
    public static void style(Scene scene) {
        if (!scene.getStylesheets().contains(STYLESHEET)) {
            scene.getStylesheets().add(STYLESHEET);
        }
    }

    private static void apply(ThemeChoice choice) {
        String css = choice == ThemeChoice.DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet();
        Application.setUserAgentStylesheet(css);
    }
}
