package dev.tandem.web;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.routing.RendezvousHash;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.support.TandemCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything a browser test needs, once per test class: real Redis and two real app servers
 * ({@link TandemCluster}, the server tests' own rig), the real proxy in this JVM on a port of its own (so
 * it can be stopped and started again on the same port, as a restart looks to a page), and one headless
 * Chromium ({@link Browser}).
 * <pre>{@code @RegisterExtension static final WebRig rig = new WebRig();}</pre>
 * <p>Threads: set up and torn down on JUnit's thread; the accessors are for the test thread.
 */
public final class WebRig implements BeforeAllCallback, AfterAllCallback {
    private final TandemCluster cluster;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private int proxyPort;
    private LoadBalancer proxy;
    private Browser browser;

    public WebRig() {
        this(UnaryOperator.identity());
    }

    /** As the default rig, each server's configuration changed by {@code tweak} (a higher rate limit, say). */
    public WebRig(UnaryOperator<ServerConfig> tweak) {
        // Low PBKDF2 work factor: sign-ins are quick, which is all these tests need of the hash.
        cluster = TandemCluster.of(2, config -> tweak.apply(config.withPbkdf2Iterations(1_000)));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster.beforeAll(context);
        proxyPort = freePort();
        startProxy();
        browser = Browser.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (browser != null) {
                browser.close();
            }
            stopProxy();
        } finally {
            cluster.afterAll(context);
        }
    }

    public Browser browser() {
        return browser;
    }

    public TandemCluster cluster() {
        return cluster;
    }

    public int proxyPort() {
        return proxyPort;
    }

    /** The page's address through the proxy. */
    public String url() {
        return "http://127.0.0.1:" + proxyPort + "/";
    }

    public void startProxy() throws InterruptedException {
        proxy = LoadBalancer.start(LbConfig.defaults(List.of(
                        new BackendSpec("s1", "127.0.0.1", cluster.port(1)),
                        new BackendSpec("s2", "127.0.0.1", cluster.port(2))))
                .withListen("127.0.0.1", proxyPort)
                .withHealth(Duration.ofMillis(200), Duration.ofSeconds(2), 2, 2)
                .withDrainTimeout(Duration.ofMillis(500)));
    }

    public void stopProxy() {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    /** A fresh user name that the proxy routes to {@code serverId} while both servers are healthy. */
    public String userOn(String serverId, String prefix) {
        for (int n = 0; ; n++) {
            String user = prefix + "-" + run + "-" + n;
            String winner = RendezvousHash.beats(user, "s2", "s1") ? "s2" : "s1";
            if (winner.equals(serverId)) {
                return user;
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
