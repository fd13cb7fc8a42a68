package dev.tandem.bench;

/** Command line entry: parse flags, run one scenario, print a table, write JSON. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("hotspots")) {
            dev.tandem.bench.report.Hotspots.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("summarize")) {
            dev.tandem.bench.report.Summary.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
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
