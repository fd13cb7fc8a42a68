package dev.tandem.system.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read the way systemd reads it, as far as these tests need: sections of
 * {@code Key=value} lines, a key possibly repeated (Environment=), comments and blank lines skipped.
 */
record UnitFile(Path path, Map<String, Map<String, List<String>>> sections) {

    static UnitFile read(Path path) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String raw : Files.readAllLines(path)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), s -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0) {
                throw new IllegalArgumentException(path + ": not a unit file line: " + raw);
            }
            current.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
        return new UnitFile(path, sections);
    }

    /** The last value of a key (a later line overrides an earlier one), or null. */
    String get(String section, String key) {
        List<String> values = all(section, key);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    List<String> all(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** {@code Environment=NAME=value} lines of [Service], in order. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String assignment : all("Service", "Environment")) {
            int eq = assignment.indexOf('=');
            env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return env;
    }

    /** A {@code NAME=value} file as systemd's EnvironmentFile= reads it (comments and blank lines skipped). */
    static Map<String, String> readEnvironmentFile(Path path) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(path)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return env;
    }
}
