package dev.tandem.lb;

import dev.tandem.cli.ManifestVersion;

/** The proxy's version, from its jar's manifest ("dev" outside the jar). */
final class Version {
    private Version() {
    }

    static String get() {
        return ManifestVersion.of(Version.class);
    }
}
