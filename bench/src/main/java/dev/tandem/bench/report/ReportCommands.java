package dev.tandem.bench.report;

import dev.tandem.cli.Cli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The bench jar's two reading commands, {@code summarize} and {@code hotspots}, on picocli like its scenarios
 * ({@link Cli}: {@code --help}, one-line errors with exit 2), so that a mistyped number is a usage line, not a
 * stack trace.
 * <p>Threads: parsed and run by the main thread, once.
 */
public final class ReportCommands {
    static final String PROGRAM = "tandem-bench";

    private ReportCommands() {
    }

    /** {@code summarize DIR [P99_LIMIT_MS]}: tables and ratios of a directory of results. */
    @Command(name = "summarize", mixinStandardHelpOptions = true, sortOptions = false,
            customSynopsis = "java -jar tandem-bench.jar summarize RESULTS_DIR [P99_LIMIT_MS]",
            header = "Reads a directory of bench JSON results: every run, the median per label and rate, the sustained rates.")
    static final class Summarize {
        @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "directory of the runs' JSON files")
        Path dir;

        @Parameters(index = "1", arity = "0..1", paramLabel = "P99_LIMIT_MS", defaultValue = "250",
                description = "p99 (ms) under which a rate counts as sustained (default 250)")
        double p99LimitMs;
    }

    /** {@code hotspots FILE.jfr [--skip S] [--top N]}: what a JFR recording says. */
    @Command(name = "hotspots", mixinStandardHelpOptions = true, sortOptions = false,
            customSynopsis = "java -jar tandem-bench.jar hotspots FILE.jfr [--skip S] [--top N]",
            header = "Reads a JFR recording: CPU by thread, hottest frames, allocation sites, GC pauses.")
    static final class HotspotsFlags {
        @Parameters(index = "0", paramLabel = "FILE.jfr", description = "the recording")
        Path file;

        @Option(names = "--skip", paramLabel = "S", defaultValue = "0",
                description = "seconds at the start of the recording left out (the warm-up)")
        double skipSeconds;

        @Option(names = "--top", paramLabel = "N", defaultValue = "25", description = "rows per table")
        int top;
    }

    /** Runs {@code summarize} with {@code args} (those after the command's name); returns the exit status. */
    public static int summarize(String[] args) throws IOException {
        Summarize flags = new Summarize();
        if (Cli.parse(PROGRAM + " summarize", Summary.class, flags, args, name -> null) instanceof Cli.Exit exit) {
            return print(exit);
        }
        if (!java.nio.file.Files.isDirectory(flags.dir)) {
            return print(Cli.Exit.usage(PROGRAM + " summarize", "RESULTS_DIR " + flags.dir + " is not a directory"));
        }
        if (!(flags.p99LimitMs > 0)) {
            return print(Cli.Exit.usage(PROGRAM + " summarize", "P99_LIMIT_MS must be a positive number of ms, got "
                    + flags.p99LimitMs));
        }
        Summary s = new Summary(flags.p99LimitMs);
        Map<String, Object> doc = s.summarize(flags.dir);
        System.out.print(s.render(doc));
        return 0;
    }

    /** Runs {@code hotspots} with {@code args} (those after the command's name); returns the exit status. */
    public static int hotspots(String[] args) throws IOException {
        HotspotsFlags flags = new HotspotsFlags();
        if (Cli.parse(PROGRAM + " hotspots", Hotspots.class, flags, args, name -> null) instanceof Cli.Exit exit) {
            return print(exit);
        }
        if (!java.nio.file.Files.isRegularFile(flags.file)) {
            return print(Cli.Exit.usage(PROGRAM + " hotspots", "no recording at " + flags.file));
        }
        if (flags.skipSeconds < 0 || flags.top < 1) {
            return print(Cli.Exit.usage(PROGRAM + " hotspots", "--skip must be 0 or more and --top at least 1, got "
                    + flags.skipSeconds + " and " + flags.top));
        }
        System.out.print(new Hotspots().read(flags.file, flags.skipSeconds).render(flags.top));
        return 0;
    }

    private static int print(Cli.Exit exit) {
        (exit.code() == 0 ? System.out : System.err).println(exit.text().stripTrailing());
        return exit.code();
    }
}
