package dev.tandem.server;

import dev.tandem.server.metrics.MetricsEndpoint;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar tandem-server.jar --port 7001 --redis-url redis://127.0.0.1:6379 --server-id s1}. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        ServerOptions.Parsed parsed = ServerOptions.parse(args, System::getenv);
        if (parsed.config() == null) {
            (parsed.exitCode() == 0 ? System.out : System.err).println(parsed.output());
            System.exit(parsed.exitCode());
            return;
        }
        if (!parsed.secretGiven()) {
            LOG.warn("no cluster secret set: using a random one, so resume tokens work on this server only");
        }
        TandemServer server;
        try {
            server = TandemServer.start(parsed.config());
        } catch (RuntimeException e) {
            LOG.error("could not start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        MetricsEndpoint metrics = null;
        if (parsed.metricsPort() != null) {
            try {
                metrics = MetricsEndpoint.start(parsed.config().host(), parsed.metricsPort(), server.metrics()::scrape);
                LOG.info("server={} metrics at http://{}:{}/metrics", server.serverId(), parsed.config().host(), metrics.port());
            } catch (IOException e) {
                LOG.error("could not serve metrics on port {}: {}", parsed.metricsPort(), e.getMessage());
                server.stop();
                System.exit(1);
                return;
            }
        }
        MetricsEndpoint endpoint = metrics;
        // SIGTERM / Ctrl-C: tell clients we are going away (1001), then stop.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            if (endpoint != null) {
                endpoint.close();
            }
        }, "shutdown"));
    }
}
