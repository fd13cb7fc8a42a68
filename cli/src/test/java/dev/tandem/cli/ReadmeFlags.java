package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The READMEs' flag tables, for the modules' README tests: what they say of a process must be what its
 * picocli spec (and so its --help) has. Two tables are read:
 * <ul>
 *   <li>the top README's "## Configuration" table (process | flag | environment | default | meaning), the
 *       rows of one process ({@link #assertDocuments});</li>
 *   <li>a module README's table headed {@link #MODULE_HEADER} (flag | environment | default | meaning), in the
 *       order of --help ({@link #assertModuleReadmeDocuments}).</li>
 * </ul>
 * One row per flag; the first {@code `...`} of the flag and environment cells counts, and a flag cell may
 * carry its value after a space or '=' ({@code `--backend id=http://host:port`}).
 */
public final class ReadmeFlags {
    /** The header of a module README's flag table. */
    public static final String MODULE_HEADER = "| flag | environment | default | meaning |";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private ReadmeFlags() {
    }

    /** The top README's rows for {@code process}, by flag name. Run from a module directory: reads ../README.md. */
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
            put(flags, new Flag(name(flag), firstCode(cells[3]), cells[4].strip(), cells[5].strip()), "README.md");
        }
        return flags;
    }

    /** The rows of the module README's first table headed {@link #MODULE_HEADER}, by flag name, in order. */
    public static Map<String, Flag> ofModuleReadme() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf(MODULE_HEADER);
        assertThat(start).as("the module's README.md has a table headed %s", MODULE_HEADER).isNotNegative();
        Map<String, Flag> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("(?<!\\\\)\\|");
            put(rows, new Flag(name(firstCode(cells[1])), firstCode(cells[2]), cells[3].strip(), cells[4].strip()),
                    "the module's README.md");
        }
        return rows;
    }

    /**
     * Asserts that the top README documents exactly the flags of {@code spec} for {@code process}, each with its
     * environment twin, and with its default where the spec has one.
     */
    public static void assertDocuments(String process, CommandSpec spec) throws IOException {
        Map<String, Flag> readme = of(process);
        List<Flag> actual = Flag.of(spec);
        assertThat(readme.keySet()).as("flags of %s in the README's Configuration table vs its --help", process)
                .containsExactlyInAnyOrderElementsOf(actual.stream().map(Flag::name).toList());
        assertRows(readme, actual, "README.md (" + process + ")");
    }

    /** Asserts that the module README's flag table lists exactly the flags of {@code spec}, in --help's order. */
    public static void assertModuleReadmeDocuments(CommandSpec spec) throws IOException {
        Map<String, Flag> readme = ofModuleReadme();
        List<Flag> actual = Flag.of(spec);
        assertThat(List.copyOf(readme.keySet())).as("flags in the module's README.md table vs --help")
                .containsExactlyElementsOf(actual.stream().map(Flag::name).toList());
        assertRows(readme, actual, "the module's README.md");
    }

    private static void assertRows(Map<String, Flag> readme, List<Flag> actual, String where) {
        for (Flag flag : actual) {
            Flag row = readme.get(flag.name());
            assertThat(row.env()).as("environment twin of %s in %s", flag.name(), where).isEqualTo(flag.env());
            if (flag.defaultValue() != null) {
                assertThat(row.defaultValue()).as("default of %s in %s", flag.name(), where)
                        .matches(Pattern.quote(flag.defaultValue()) + "([ ,(].*)?");
            }
        }
    }

    private static void put(Map<String, Flag> rows, Flag flag, String where) {
        Flag previous = rows.put(flag.name(), flag);
        assertThat(previous).as("%s lists %s once", where, flag.name()).isNull();
    }

    private static String name(String flagCell) {
        return flagCell.split("[ =]")[0];
    }

    private static String firstCode(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.find() ? m.group(1).strip() : null;
    }
}
