package dev.tandem.lb.http;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.routing.AffinityKey;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Where each request head of one client connection goes: refused ({@link HeadCheck}), answered by the proxy
 * ({@code /lb/status}, or 503 when no backend is healthy), or routed by its own affinity key to a backend, on
 * the kept-alive backend connection when it routes where the previous request went, else on a new one. A
 * refused connection marks the backend down and the same request is routed again, skipping it.
 * <p>
 * Threads: one instance per client connection, part of its {@link ClientConnection}; it runs on that
 * connection's event loop only (the backend connections it opens are registered on the same loop, so their
 * connect callbacks arrive there too). Its only state is the connection's.
 */
final class BackendDispatch {
    private static final Logger log = LoggerFactory.getLogger(BackendDispatch.class);
    static final String STATUS_PATH = "/lb/status";

    private final ClientConnection conn;
    private final ProxyServices services;

    BackendDispatch(ClientConnection conn) {
        this.conn = conn;
        this.services = conn.services;
    }

    /** A new request head: validate, answer locally or route it. */
    void begin(HttpRequest req) {
        conn.headTimeout.disarm();
        services.stats().requestStarted();
        Optional<HeadCheck.Refusal> refusal = HeadCheck.check(req, services.config());
        if (refusal.isPresent()) {
            conn.begin(new Exchange(req, null, false, false), false);
            conn.rejectAndClose(refusal.get().response(), refusal.get().reason());
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req) && !services.isDraining();
        boolean upgrade = ProxyHeaders.isUpgrade(req);
        Optional<AffinityKey> key = AffinityKey.of(req, services.config().affinityCookie());
        conn.begin(new Exchange(req, key.map(AffinityKey::value).orElse(null), upgrade, keepAlive), true);
        if (isStatusRequest(req)) {
            respondLocally(Responses.json(HttpResponseStatus.OK, services.status().toJson()));
            return;
        }
        ProxyHeaders.forBackend(req, conn.ctx.channel().remoteAddress(), upgrade,
                conn.ctx.pipeline().get(SslHandler.class) != null);
        route();
    }

    /** Chooses a backend for the current request (again, after a refused connection) and sends it there. */
    private void route() {
        Exchange ex = conn.current();
        ClientConnection.BackendLink link = conn.link();
        Optional<Backend> choice;
        if (ex.key != null) {
            choice = services.router().forKey(ex.key, ex.tried);
        } else if (link != null && link.backend().isHealthy() && !ex.tried.contains(link.backend())) {
            choice = Optional.of(link.backend()); // keyless on a kept-alive connection: stay where it is
        } else {
            choice = services.router().leastLoaded(ex.tried);
        }
        if (choice.isEmpty()) {
            // Per request at debug: the health checker already logged each backend going down.
            log.debug("no healthy backend for {} {} (key {})", ex.request.method(), ex.request.uri(), ex.key);
            services.stats().errorResponse(Responses.Failure.NO_HEALTHY_BACKEND.status.code());
            respondLocally(Responses.error(Responses.Failure.NO_HEALTHY_BACKEND,
                    "no backend is available, try again shortly"));
            return;
        }
        Backend backend = choice.get();
        ex.setCookieToSet(ex.key == null ? services.router().mintKeyFor(backend) : null);
        backend.countRequest();
        if (link != null && link.backend() == backend && link.channel().isActive()) {
            ex.forwarding(true);
            link.channel().write(ex.request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            conn.closeLink();
            connect(backend);
        }
    }

    /** Opens a new connection to {@code backend} for the current request (also its one replay). */
    void connect(Backend backend) {
        Exchange ex = conn.current();
        ex.connecting();
        BackendConnector.connect(conn.ctx.channel().eventLoop(), services, backend, conn.responses)
                .addListener((ChannelFuture f) -> onConnected(ex, backend, f));
    }

    private void onConnected(Exchange ex, Backend backend, ChannelFuture f) {
        if (!f.isSuccess()) {
            if (ex != conn.current() || conn.closing()) {
                return;
            }
            log.warn("backend {} refused a connection ({}); retrying elsewhere", backend, f.cause().toString());
            services.health().reportConnectionRefused(backend, f.cause());
            ex.tried.add(backend);
            route();
            conn.pump();
            conn.readIfWanted();
            return;
        }
        Channel ch = f.channel();
        if (ex != conn.current() || conn.closing()) {
            ch.close();
            return;
        }
        backend.trackConnection(ch);
        conn.linkTo(backend, ch);
        ex.forwarding(false);
        ex.progress();
        ch.write(ex.request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        conn.pump();
        ch.flush();
        conn.readIfWanted();
    }

    /** Answers the current request from the proxy itself; the request body, if any, is read and dropped. */
    private void respondLocally(FullHttpResponse res) {
        Exchange ex = conn.current();
        ex.answeredLocally();
        // A client waiting for 100-continue will not send its body after a final answer: answer and close
        // instead of waiting for it. Any other body is read and dropped by pump(), keeping the connection.
        boolean bodyWithheld = !ex.requestDone() && HttpUtil.is100ContinueExpected(ex.request)
                && !conn.requestEndQueued();
        ex.closeAfterIf(services.isDraining() || bodyWithheld);
        Responses.setConnection(res, ex.closeAfter(), ex.request.protocolVersion());
        conn.ctx.writeAndFlush(res);
        if (bodyWithheld) {
            ex.requestEnded();
            conn.complete();
        }
        // Otherwise pump() goes on discarding the body and calls complete() at its end.
    }

    private static boolean isStatusRequest(HttpRequest req) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        boolean readOnly = HttpMethod.GET.equals(req.method()) || HttpMethod.HEAD.equals(req.method());
        return readOnly && path.equals(STATUS_PATH);
    }
}
