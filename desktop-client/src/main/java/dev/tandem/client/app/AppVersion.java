package dev.tandem.client.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The client's version, from the build (a filtered {@code version.properties}). */
public final class AppVersion {
    private static final String VERSION = load();

    private AppVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = AppVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty("version", "dev");
            return value.startsWith("${") ? "dev" : value;
        } catch (IOException e) {
            return "dev";
        }
    }
}
