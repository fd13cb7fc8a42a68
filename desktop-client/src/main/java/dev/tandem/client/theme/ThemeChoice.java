package dev.tandem.client.theme;

/** The two looks; stored by name in the settings. */
public enum ThemeChoice {
    LIGHT, DARK;

    public ThemeChoice other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    public static ThemeChoice parse(String name) {
        return "DARK".equalsIgnoreCase(name) ? DARK : LIGHT;
    }
}
