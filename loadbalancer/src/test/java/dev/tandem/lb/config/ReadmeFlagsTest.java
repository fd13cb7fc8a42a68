package dev.tandem.lb.config;

import dev.tandem.cli.Cli;
import dev.tandem.cli.Flag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flag table of this module's README (flag | environment | default | meaning) lists exactly the flags,
 * twins and defaults that --help prints, in the same order. (cli's {@code ReadmeFlags} reads the top README's
 * table, which has a process column; this one has none.)
 */
class ReadmeFlagsTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final String HEADER = "| flag | environment | default | meaning |";

    @Test
    void theReadmeDocumentsEveryFlagOfTheProxy() throws IOException {
        Map<String, Flag> readme = readmeRows();
        List<Flag> actual = Flag.of(Cli.command(new ProxyOptions(), name -> null).getCommandSpec());
        assertThat(List.copyOf(readme.keySet())).as("flags in loadbalancer/README.md's table vs --help")
                .containsExactlyElementsOf(actual.stream().map(Flag::name).toList());
        for (Flag flag : actual) {
            Flag row = readme.get(flag.name());
            assertThat(row.env()).as("environment twin of %s in the README", flag.name()).isEqualTo(flag.env());
            if (flag.defaultValue() != null) {
                assertThat(row.defaultValue()).as("default of %s in the README", flag.name())
                        .matches(Pattern.quote(flag.defaultValue()) + "([ ,(].*)?");
            }
        }
    }

    /** The rows of the first table with {@link #HEADER}, by flag name (the first {@code `...`} of a cell counts). */
    private static Map<String, Flag> readmeRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf(HEADER);
        assertThat(start).as("README.md has a table headed %s", HEADER).isNotNegative();
        Map<String, Flag> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("(?<!\\\\)\\|");
            String name = firstCode(cells[1]).split("[ =]")[0];
            Flag previous = rows.put(name, new Flag(name, firstCode(cells[2]), cells[3].strip(), cells[4].strip()));
            assertThat(previous).as("README lists %s once", name).isNull();
        }
        return rows;
    }

    private static String firstCode(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.find() ? m.group(1).strip() : null;
    }
}
