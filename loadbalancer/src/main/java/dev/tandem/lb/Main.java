package dev.tandem.lb;

import dev.tandem.lb.config.CommandLine;
import dev.tandem.lb.config.ConfigException;

/** Command-line entry point of {@code tandem-lb.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // slf4j-simple reads these on first use: one line per event with time and thread.
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        CommandLine.Request request;
        try {
            request = CommandLine.parse(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("tandem-lb: " + e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        }
        if (request instanceof CommandLine.Help help) {
            System.out.print(help.text());
            return;
        }
        if (request instanceof CommandLine.Version) {
            System.out.println("tandem-lb " + Version.get());
            return;
        }
        CommandLine.Run run = (CommandLine.Run) request;
        LoadBalancer lb = LoadBalancer.start(run.config());
        // Graceful shutdown on SIGTERM / Ctrl-C: the hook blocks until drained (bounded by --drain-ms).
        Runtime.getRuntime().addShutdownHook(new Thread(lb::stop, "lb-shutdown"));
    }
}
