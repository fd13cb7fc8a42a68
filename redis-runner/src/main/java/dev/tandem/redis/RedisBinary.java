package dev.tandem.redis;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The major version {@code redis-server --version} reports ("Redis server v=7.0.15 ..." is 7). */
    static int majorVersion(Path binary) throws IOException {
        Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + binary + " for its version", e);
        }
        Matcher matcher = Pattern.compile("v=(\\d+)\\.").matcher(output);
        if (!matcher.find()) {
            throw new IOException(binary + " --version said '" + output.strip() + "', not a Redis version");
        }
        return Integer.parseInt(matcher.group(1));
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
