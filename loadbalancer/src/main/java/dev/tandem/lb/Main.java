package dev.tandem.lb;

import dev.tandem.cli.Cli;
import dev.tandem.lb.config.ProxyOptions;
import dev.tandem.lb.metrics.MetricsEndpoint;
import dev.tandem.lb.tls.ReloadOnHangup;
import dev.tandem.lb.tls.TlsException;
import dev.tandem.lb.tls.TlsListener;
import java.io.IOException;

/**
 * Command-line entry point of {@code tandem-lb.jar}. Exit status: 0 after {@code --help}, {@code --version}
 * or a graceful stop; {@value #EXIT_BAD_CONFIG} for a bad flag or variable; {@value #EXIT_CANNOT_LISTEN}
 * when the address cannot be bound (at once, with one line on stderr). A TLS certificate or key that cannot be
 * used is bad configuration ({@value #EXIT_BAD_CONFIG}), found before anything listens.
 */
public final class Main {
    static final int EXIT_CANNOT_LISTEN = 1;
    static final int EXIT_BAD_CONFIG = Cli.EXIT_USAGE;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // slf4j-simple reads these on first use: one line per event with time and thread.
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        ProxyOptions.Request request = ProxyOptions.parse(args, System::getenv);
        if (request instanceof ProxyOptions.Exit exit) {
            // --help and --version on stdout (status 0); a bad flag or value on stderr (status 2).
            (exit.code() == 0 ? System.out : System.err).println(exit.text().stripTrailing());
            System.exit(exit.code());
            return;
        }
        ProxyOptions.Run run = (ProxyOptions.Run) request;
        TlsListener tls = null;
        if (run.tls() != null) {
            try {
                tls = TlsListener.load(run.tls());
            } catch (TlsException e) {
                // Before anything listens: a proxy that cannot serve its certificate must not look started.
                System.err.println("tandem-lb: " + e.getMessage()
                        + " (--tls-cert/TANDEM_LB_TLS_CERT, --tls-key/TANDEM_LB_TLS_KEY)");
                System.exit(EXIT_BAD_CONFIG);
                return;
            }
        }
        LoadBalancer lb;
        try {
            lb = LoadBalancer.start(run.config(), tls);
        } catch (ListenException e) {
            // One line, and out at once: ./tandem and systemd must see the failure, not a silent process.
            boolean tlsPort = tls != null && e.port() == tls.config().port()
                    && (!tls.config().plain() || e.port() != run.config().listen().port());
            String flags = tlsPort ? "--tls-port (or TANDEM_LB_TLS_PORT)" : "--port (or TANDEM_LB_PORT)";
            System.err.println("tandem-lb: " + e.getMessage() + (e.addressInUse()
                    ? "; stop what holds the port or choose another with " + flags
                    : "; check --host (TANDEM_LB_HOST) and " + flags));
            System.exit(EXIT_CANNOT_LISTEN);
            return;
        }
        if (tls != null) {
            ReloadOnHangup.install(tls.context());
        }
        MetricsEndpoint metrics = null;
        if (run.metricsPort() != null) {
            try {
                metrics = MetricsEndpoint.start(run.config().listen().host(), run.metricsPort(), lb.metrics()::scrape);
            } catch (IOException e) {
                System.err.println("tandem-lb: cannot serve metrics on port " + run.metricsPort() + ": " + e.getMessage()
                        + "; choose another with --metrics-port (or TANDEM_LB_METRICS_PORT)");
                lb.stop();
                System.exit(EXIT_CANNOT_LISTEN);
                return;
            }
        }
        MetricsEndpoint endpoint = metrics;
        // Graceful shutdown on SIGTERM / Ctrl-C: the hook blocks until drained (bounded by --drain-ms).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            lb.stop();
            if (endpoint != null) {
                endpoint.close();
            }
        }, "lb-shutdown"));
    }
}
