package dev.tandem.client.app;

import dev.tandem.cli.ManifestVersion;

/** The client's version: the jar manifest's, as for every Tandem process ("dev" outside a jar). */
public final class AppVersion {
    private static final String VERSION = ManifestVersion.of(AppVersion.class);

    private AppVersion() {
    }

    public static String get() {
        return VERSION;
    }
}
