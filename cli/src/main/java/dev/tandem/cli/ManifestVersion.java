package dev.tandem.cli;

/**
 * The one version source: {@code Implementation-Version} in the manifest of the jar a class was loaded from
 * (the parent pom has maven-jar-plugin write it; the shaded jars keep it). Outside a jar (an IDE, a module's
 * own tests on target/classes) there is no manifest, and the version is "dev".
 */
public final class ManifestVersion {
    private ManifestVersion() {
    }

    public static String of(Class<?> type) {
        String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
