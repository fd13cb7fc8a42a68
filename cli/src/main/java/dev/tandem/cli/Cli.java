package dev.tandem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Parses a process's command line with picocli, the same way for every Tandem process: options are fields
 * annotated {@code @Option} (and {@link Env} for their environment twin) of an object the caller passes in;
 * the flag wins over the variable, the variable over the default. {@code --help} prints a table of flag,
 * variable, default and meaning (exit 0), {@code --version} prints "{@code <name> <version>}" from the jar's
 * manifest (exit 0), and a bad flag or value gets one line naming it (exit 2).
 * <pre>{@code
 * ServerOptions options = new ServerOptions();
 * if (Cli.parse("tandem-server", ServerOptions.class, options, args, System::getenv) instanceof Cli.Exit exit) ...
 * }</pre>
 */
public final class Cli {
    /** The exit status for a command line that cannot be run. */
    public static final int EXIT_USAGE = 2;

    /** What the command line asked for. */
    public sealed interface Outcome permits Run, Exit {
    }

    /** Run: the options object holds the parsed values. */
    public record Run() implements Outcome {
    }

    /** Print {@code text} (to stdout when {@code code} is 0, else stderr) and exit with {@code code}. */
    public record Exit(String text, int code) implements Outcome {
        /** A usage error: the message and a hint, exit 2. */
        public static Exit usage(String program, String message) {
            return new Exit(program + ": " + message + "\nTry --help.", EXIT_USAGE);
        }
    }

    private Cli() {
    }

    /** The picocli command for {@code options}, its defaults from {@code env}. */
    public static CommandLine command(Object options, Function<String, String> env) {
        CommandLine cmd = new CommandLine(options);
        cmd.setDefaultValueProvider(new EnvDefaults(env));
        // As the hand-written parsers did: a repeated flag's last value wins (scripts append overrides), and an
        // argument starting with '@' is a value, not a file of arguments to read.
        cmd.setOverwrittenOptionsAllowed(true);
        cmd.setExpandAtFiles(false);
        cmd.setHelpSectionMap(new java.util.LinkedHashMap<>(cmd.getHelpSectionMap()));
        cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, Cli::optionTable);
        return cmd;
    }

    /**
     * Parses {@code args} into {@code options}.
     *
     * @param program  the name --version and error messages start with, e.g. {@code tandem-server}
     * @param jarClass a class of the process's jar, whose manifest holds the version
     */
    public static Outcome parse(String program, Class<?> jarClass, Object options, String[] args,
                                Function<String, String> env) {
        CommandLine cmd = command(options, env);
        try {
            cmd.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return Exit.usage(program, e.getMessage());
        }
        if (cmd.isUsageHelpRequested()) {
            return new Exit(help(cmd), 0);
        }
        if (cmd.isVersionHelpRequested()) {
            return new Exit(program + " " + ManifestVersion.of(jarClass), 0);
        }
        return new Run();
    }

    /** The whole --help text. */
    public static String help(CommandLine cmd) {
        StringWriter out = new StringWriter();
        cmd.usage(new PrintWriter(out), Help.Ansi.OFF);
        return out.toString();
    }

    /** Flag, environment twin, default and meaning, one row each; then --help and --version. */
    private static String optionTable(Help help) {
        CommandSpec spec = help.commandSpec();
        List<Flag> flags = Flag.of(spec);
        StringBuilder out = new StringBuilder(String.format("  %-26s %-32s %-10s %s%n", "flag", "environment",
                "default", "meaning"));
        for (Flag f : flags) {
            String label = spec.findOption(f.name()).typeInfo().isBoolean() ? f.name()
                    : f.name() + " " + spec.findOption(f.name()).paramLabel();
            out.append(String.format("  %-26s %-32s %-10s %s%n", label, f.env() == null ? "" : f.env(),
                    f.defaultValue() == null ? "" : f.defaultValue(), f.description()));
        }
        out.append(String.format("  %-26s %-32s %-10s %s%n", "--help", "", "", "print this and exit"));
        out.append(String.format("  %-26s %-32s %-10s %s%n", "--version", "", "", "print the version and exit"));
        return out.toString();
    }
}
