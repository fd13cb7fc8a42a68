package dev.tandem.bench;

import dev.tandem.bench.report.ReportCommands;
import java.util.Arrays;

/** Command line entry: parse flags, run one scenario, print a table, write JSON. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("hotspots")) {
            System.exit(ReportCommands.hotspots(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("summarize")) {
            System.exit(ReportCommands.summarize(Arrays.copyOfRange(args, 1, args.length)));
        }
        BenchOptions.Parsed parsed = BenchOptions.parse(args, System::getenv);
        if (parsed.exit() != null) {
            (parsed.exit().code() == 0 ? System.out : System.err).println(parsed.exit().text().stripTrailing());
            System.exit(parsed.exit().code());
            return;
        }
        BenchOptions options = parsed.options();
        try {
            BenchRun run = BenchRun.execute(options);
            System.out.print(run.table());
            if (options.json != null) {
                run.writeJson(options.json);
                System.out.println("  results written to " + options.json);
            }
        } catch (Exception e) {
            System.err.println("tandem-bench: " + options.scenario + " failed: " + e);
            System.exit(1);
        }
        System.exit(0);
    }
}
