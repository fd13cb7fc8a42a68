package dev.tandem.server;

import dev.tandem.cli.ManifestVersion;

/** The server's version, from its jar's manifest ("dev" outside the jar). */
public final class Version {
    private static final String VERSION = ManifestVersion.of(Version.class);

    private Version() {
    }

    public static String get() {
        return VERSION;
    }
}
