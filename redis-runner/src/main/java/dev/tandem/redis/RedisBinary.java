package dev.tandem.redis;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import redis.embedded.core.ExecutableProvider;

/** Finds a redis-server to run: one on PATH, else the binary that embedded-redis ships inside its jar. */
final class RedisBinary {
    private RedisBinary() {
    }

    static Path find(Path extractInto) throws IOException {
        Optional<Path> onPath = onPath();
        if (onPath.isPresent()) {
            return onPath.get();
        }
        Files.createDirectories(extractInto);
        File binary = ExecutableProvider.newJarResourceProvider(extractInto::toFile).get();
        if (!binary.canExecute() && !binary.setExecutable(true)) {
            throw new IOException("cannot make " + binary + " executable");
        }
        return binary.toPath();
    }

    static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
