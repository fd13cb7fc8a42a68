package dev.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.Cli;
import dev.tandem.cli.Flag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bench/README.md's flag table ("## Flags": flag | environment | default | meaning) lists exactly the flags,
 * twins and defaults that --help prints. The same rules as the shared {@code ReadmeFlags} (cli's test jar),
 * which reads the top-level README's Configuration table; the bench documents its flags in its own README.
 */
class ReadmeFlagsTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void theReadmeDocumentsEveryFlagOfTheBench() throws IOException {
        Map<String, Flag> readme = readmeFlags();
        Map<String, Flag> actual = new LinkedHashMap<>();
        Flag.of(Cli.command(new BenchOptions(), name -> null).getCommandSpec()).forEach(f -> actual.put(f.name(), f));
        assertThat(readme.keySet()).as("flags in bench/README.md's ## Flags table vs --help")
                .containsExactlyElementsOf(actual.keySet());
        for (Flag flag : actual.values()) {
            Flag row = readme.get(flag.name());
            assertThat(row.env()).as("environment twin of %s in the README", flag.name()).isEqualTo(flag.env());
            if (flag.defaultValue() != null) {
                assertThat(row.defaultValue()).as("default of %s in the README", flag.name())
                        .matches(Pattern.quote(flag.defaultValue()) + "([ ,(].*)?");
            }
        }
    }

    /** The table's rows by flag; the first {@code `...`} of the flag and environment cells counts. */
    private static Map<String, Flag> readmeFlags() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Flags");
        assertThat(start).as("bench/README.md has a ## Flags section").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        Map<String, Flag> flags = new LinkedHashMap<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            String[] cells = line.split("(?<!\\\\)\\|");
            if (cells.length < 5) {
                continue;
            }
            String flag = firstCode(cells[1]);
            if (flag == null || !flag.startsWith("--")) {
                continue; // the header and its rule
            }
            String name = flag.split("[ =]")[0];
            Flag previous = flags.put(name, new Flag(name, firstCode(cells[2]), cells[3].strip(), cells[4].strip()));
            assertThat(previous).as("README lists %s once", name).isNull();
        }
        return flags;
    }

    private static String firstCode(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.find() ? m.group(1).strip() : null;
    }
}
