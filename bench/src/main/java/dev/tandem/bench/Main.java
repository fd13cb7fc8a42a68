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
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tandem-bench: " + e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
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
