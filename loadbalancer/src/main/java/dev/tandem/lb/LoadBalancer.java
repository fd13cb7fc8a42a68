package dev.tandem.lb;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.handback.Handback;
import dev.tandem.lb.health.HealthChecker;
import dev.tandem.lb.http.DrainSignal;
import dev.tandem.lb.http.FrontendInitializer;
import dev.tandem.lb.http.ProxyServices;
import dev.tandem.lb.routing.Router;
import dev.tandem.lb.metrics.ProxyMetrics;
import dev.tandem.lb.status.ProxyStats;
import dev.tandem.lb.status.StatusReport;
import dev.tandem.lb.tls.TlsListener;
import dev.tandem.lb.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The proxy: a listening socket, event loops, the backends' health checker, and graceful shutdown.
 * <pre>{@code
 * LoadBalancer lb = LoadBalancer.start(config);
 * int port = lb.port();
 * lb.stop();
 * }</pre>
 * With TLS ({@link TlsListener}) a second listener serves HTTPS and WSS through the same routing; both
 * share the event loops and counters.
 * <p>
 * Threads: one acceptor thread; {@code ioThreads} event loops each own their client connections and the
 * backend connections opened for them; the health checker has one event loop thread of its own, on which a
 * returning backend's handback is planned (its closes then run on the tunnels' own event loops).
 * {@link #start}, {@link #stop} and {@link #status} may be called from any thread.
 */
public final class LoadBalancer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoadBalancer.class);

    private final LbConfig config;
    private final Transport transport;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final EventLoopGroup healthLoop;
    private final List<Backend> backends;
    private final ProxyMetrics metrics;
    private final HealthChecker health;
    private final ProxyServices services;
    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final Channel listener;
    private final Channel tlsListener;
    private int failedPort; // the port being bound, for the message if it fails (constructor only)
    private final AtomicBoolean stopped = new AtomicBoolean();

    private LoadBalancer(LbConfig config, TlsListener tls) throws InterruptedException {
        this.config = config;
        this.transport = Transport.best();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("lb-accept"),
                transport.ioHandlerFactory());
        this.workers = new MultiThreadIoEventLoopGroup(config.listen().ioThreads(), new DefaultThreadFactory("lb-io"),
                transport.ioHandlerFactory());
        this.backends = config.backends().stream().map(Backend::new).toList();
        // Checks get a thread of their own: on a saturated relay loop a check would time out on the proxy's
        // own backlog and report a healthy backend down.
        this.healthLoop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("lb-health"),
                transport.ioHandlerFactory());
        Router router = new Router(backends);
        Handback handback = new Handback(router, config.handback().enabled(), config.handback().spread());
        this.health = new HealthChecker(backends, config.health(), healthLoop.next(), transport, handback::backendUp);
        ProxyStats stats = new ProxyStats();
        this.metrics = new ProxyMetrics(backends, stats);
        this.services = new ProxyServices(config, router, health, stats, transport, new AtomicBoolean());
        Channel plain = null;
        Channel secure = null;
        try {
            if (tls == null || tls.config().plain()) {
                plain = bind(config.listen().port(), new FrontendInitializer(services, clients));
            }
            if (tls != null) {
                secure = bind(tls.config().port(), new FrontendInitializer(services, clients, tls.context()));
            }
        } catch (Exception e) {
            // Bind failures arrive as checked IOExceptions (BindException, epoll's NativeIoException) thrown
            // through sync(). Whatever it was, release the loops: their threads would keep the JVM alive.
            if (plain != null) {
                plain.close();
            }
            acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            healthLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new ListenException(config.listen().host(), failedPort, e);
        }
        this.listener = plain;
        this.tlsListener = secure;
        health.start();
        log.info("tandem-lb listening on {} ({}), backends {}", describeListeners(), transport.name(), backends);
    }

    private Channel bind(int port, FrontendInitializer initializer) throws InterruptedException {
        failedPort = port;
        return new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false) // http.ClientConnection reads on demand
                .childHandler(initializer)
                .bind(config.listen().host(), port)
                .sync()
                .channel();
    }

    private String describeListeners() {
        String plain = listener == null ? "" : config.listen().host() + ":" + port();
        String secure = tlsListener == null ? "" : config.listen().host() + ":" + tlsPort() + " (TLS)";
        return plain.isEmpty() ? secure : secure.isEmpty() ? plain : plain + " and " + secure;
    }

    /**
     * Binds the port and starts health checks; returns once the proxy accepts connections.
     *
     * @throws ListenException if the address cannot be bound (nothing is left running then)
     */
    public static LoadBalancer start(LbConfig config) throws InterruptedException {
        return new LoadBalancer(config, null);
    }

    /**
     * The same with a TLS listener beside (or, with {@code plain} off, instead of) the plain one.
     *
     * @param tls the loaded certificate and where to serve it; null for plain HTTP only
     */
    public static LoadBalancer start(LbConfig config, TlsListener tls) throws InterruptedException {
        return new LoadBalancer(config, tls);
    }

    /** The plain port actually bound (useful with port 0). */
    public int port() {
        if (listener == null) {
            throw new IllegalStateException("the plain listener is off (TLS only)");
        }
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The TLS port actually bound. */
    public int tlsPort() {
        if (tlsListener == null) {
            throw new IllegalStateException("TLS is off");
        }
        return ((InetSocketAddress) tlsListener.localAddress()).getPort();
    }

    /** The proxy's meters (Main serves them on --metrics-port; tests read them). */
    public ProxyMetrics metrics() {
        return metrics;
    }

    public LbConfig config() {
        return config;
    }

    /** The same data {@code GET /lb/status} answers. */
    public StatusReport status() {
        return services.status();
    }

    /**
     * Graceful shutdown, bounded by the drain time: stop accepting, close idle connections, let open
     * requests finish (their connections close after the response), then close everything left, tunnels
     * included (their clients reconnect elsewhere). Idempotent; blocks until done.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        log.info("tandem-lb stopping: draining {} request(s) for at most {} ms",
                services.stats().inFlight(), config.limits().drainTimeout().toMillis());
        services.draining().set(true);
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (tlsListener != null) {
            tlsListener.close().syncUninterruptibly();
        }
        health.stop();
        for (Channel ch : clients) {
            ch.eventLoop().execute(() -> ch.pipeline().fireUserEventTriggered(DrainSignal.INSTANCE));
        }
        long deadline = System.nanoTime() + config.limits().drainTimeout().toNanos();
        try {
            while (services.stats().inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20); // shutdown path, not a test: poll the counter until drained or out of time
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = services.stats().inFlight();
        if (left > 0) {
            log.warn("drain time over with {} request(s) still open; closing them", left);
        }
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        healthLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        log.info("tandem-lb stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
