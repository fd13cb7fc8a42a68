package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The README's configuration table ("## Configuration": process | flag | environment | default | meaning),
 * for the modules' README tests: what it says of one process must be what that process's picocli spec (and
 * so its --help) has. One row per flag; the first {@code `...`} of the flag and environment cells counts.
 */
public final class ReadmeFlags {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private ReadmeFlags() {
    }

    /** The README's rows for {@code process}, by flag name. Run from a module directory: reads ../README.md. */
    public static Map<String, Flag> of(String process) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Configuration");
        assertThat(start).as("README.md has a ## Configuration section").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        Map<String, Flag> flags = new LinkedHashMap<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            String[] cells = line.split("(?<!\\\\)\\|");
            if (cells.length < 6 || !cells[1].strip().equals(process)) {
                continue;
            }
            String flag = firstCode(cells[2]);
            if (flag == null || !flag.startsWith("--")) {
                continue; // a JVM property or a script's variable: no flag of the jar
            }
            String name = flag.split("[ =]")[0];
            String env = firstCode(cells[3]);
            String defaultText = cells[4].strip();
            Flag previous = flags.put(name, new Flag(name, env, defaultText, cells[5].strip()));
            assertThat(previous).as("README lists %s of %s once", name, process).isNull();
        }
        return flags;
    }

    /**
     * Asserts that the README documents exactly the flags of {@code spec}, each with its environment twin,
     * and with its default where the spec has one.
     */
    public static void assertDocuments(String process, CommandSpec spec) throws IOException {
        Map<String, Flag> readme = of(process);
        Map<String, Flag> actual = new LinkedHashMap<>();
        Flag.of(spec).forEach(f -> actual.put(f.name(), f));
        assertThat(readme.keySet()).as("flags of %s in the README's Configuration table vs its --help", process)
                .containsExactlyInAnyOrderElementsOf(actual.keySet());
        for (Flag flag : actual.values()) {
            Flag row = readme.get(flag.name());
            assertThat(row.env()).as("environment twin of %s %s in the README", process, flag.name())
                    .isEqualTo(flag.env());
            if (flag.defaultValue() != null) {
                assertThat(row.defaultValue()).as("default of %s %s in the README", process, flag.name())
                        .matches(Pattern.quote(flag.defaultValue()) + "([ ,(].*)?");
            }
        }
    }

    private static String firstCode(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.find() ? m.group(1).strip() : null;
    }
}
