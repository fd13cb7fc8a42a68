package dev.tandem.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One flag as documented: what {@code --help} prints in a row, and what the README's configuration table
 * must say about it.
 *
 * @param name         the long name, e.g. {@code --port}
 * @param env          its environment twin, or null
 * @param defaultValue the default when neither is given, or null (none, or one computed from other flags)
 * @param description  one line of what it does
 */
public record Flag(String name, String env, String defaultValue, String description) {

    /** Every flag of a command but --help and --version, in declaration order. */
    public static List<Flag> of(CommandSpec spec) {
        return spec.options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(Flag::of)
                .toList();
    }

    private static Flag of(OptionSpec o) {
        // The declared default, not one the environment supplies: --help documents, it does not report.
        return new Flag(o.longestName(), EnvDefaults.twin(o).orElse(null), o.defaultValue(),
                String.join(" ", o.description()));
    }
}
