package dev.tandem.lb.http;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.routing.AffinityKey;
import dev.tandem.lb.tunnel.RelayHandler;
import dev.tandem.lb.tunnel.TunnelSplice;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * HTTP proxying for one client connection: parses every request head, refuses the ones {@link HeadCheck}
 * rejects (a {@code /ws} request without its user among them), routes the rest by their own affinity key,
 * streams the request to the chosen backend and the response back, and hands a connection over to a raw
 * {@link RelayHandler} pair once a backend accepts a WebSocket upgrade.
 * <p>
 * Threads: one instance per client connection; every field is owned by that connection's event loop.
 * Backend connections are registered on the same loop ({@code Bootstrap.group(ctx.channel().eventLoop())},
 * as in Netty's HexDumpProxy), so their callbacks arrive on this thread too and nothing here needs locks.
 * <p>
 * Flow control: the client channel runs with {@code autoRead=false}; this handler asks for more bytes only
 * when it can use them (waiting for a head, or streaming a body to a writable backend). Responses stop the
 * backend's reads while the client cannot keep up. Pipelined requests wait in {@code pending} until the
 * response before them is complete.
 * <p>
 * Deadlines: {@link HeadTimeout} guards the wait for a head. From the head on, {@link ExchangeDeadline} (one
 * idle timer per exchange, {@code --response-timeout-ms}) reports an exchange that makes no progress, and
 * {@link #deadlineExpired} ends it: 504 when the backend has not started its answer (or its 101), 408 when the
 * client stopped sending its body before any answer, otherwise both connections are closed. A spliced tunnel
 * has no deadline.
 */
public final class HttpProxyHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(HttpProxyHandler.class);
    static final String STATUS_PATH = "/lb/status";

    /** A kept-alive connection to one backend, reused while consecutive requests route to the same backend. */
    private record BackendLink(Backend backend, Channel channel) {
    }

    private final ProxyServices services;
    private ChannelHandlerContext ctx;
    private HeadTimeout headTimeout;
    private final ArrayDeque<HttpObject> pending = new ArrayDeque<>();
    private Exchange current;
    private BackendLink link;
    private boolean closing;
    private ExchangeDeadline deadline;

    HttpProxyHandler(ProxyServices services) {
        this.services = services;
    }

    // ---------------------------------------------------------------- client side events

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.headTimeout = ctx.pipeline().get(HeadTimeout.class);
        this.deadline = new ExchangeDeadline(ctx.executor(), services.config().limits().responseTimeout().toNanos(),
                this::deadlineExpired);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        services.stats().clientConnected();
        ctx.channel().closeFuture().addListener(f -> services.stats().clientDisconnected());
        ctx.channel().config().setAutoRead(false);
        if (services.isDraining()) {
            ctx.close();
            return;
        }
        headTimeout.arm(true);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing || !(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        HttpObject part = (HttpObject) msg;
        if (!(part instanceof HttpRequest) && part.decoderResult().isFailure()) {
            // A broken body (bad chunk, ...); the head was fine and may already be at the backend.
            ReferenceCountUtil.release(part);
            rejectAndClose(Responses.Failure.BAD_REQUEST, "malformed request body");
            return;
        }
        pending.add(part);
        pump();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readIfWanted();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // The client drained its buffer: let the backend send more of the response.
        if (ctx.channel().isWritable() && link != null) {
            link.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HeadTimeout.Expired expired) {
            if (current != null || closing) {
                return; // a head arrived just as the timer fired
            }
            if (expired == HeadTimeout.Expired.REQUEST_TIMEOUT) {
                rejectAndClose(Responses.Failure.REQUEST_TIMEOUT,
                        "request head not complete within " + services.config().limits().headTimeout().toMillis() + " ms");
            } else {
                closeNow();
            }
        } else if (evt instanceof DrainSignal) {
            if (current == null) {
                closeNow();
            } else {
                current.closeAfterResponse();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        releasePending();
        closeLink();
        endExchange();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The codec reports malformed input as decoder results, so this is I/O trouble (reset, broken pipe).
        log.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        closeNow();
    }

    // ---------------------------------------------------------------- the request side

    /** Moves pending request parts forward as far as the current state allows. */
    private void pump() {
        while (!closing) {
            if (current == null) {
                HttpObject next = pending.poll();
                if (next == null) {
                    break;
                }
                if (next instanceof HttpRequest req) {
                    begin(req);
                } else {
                    ReferenceCountUtil.release(next); // body of a request already answered and closed
                }
                continue;
            }
            if (current.requestDone() || current.state() == Exchange.State.CONNECTING) {
                break;
            }
            HttpObject part = pending.peek();
            if (part == null || part instanceof HttpRequest) {
                break;
            }
            pending.poll();
            boolean last = part instanceof LastHttpContent;
            current.progress(); // a body part, or the end that starts the response wait
            if (current.state() == Exchange.State.LOCAL) {
                ReferenceCountUtil.release(part);
            } else {
                if (part != LastHttpContent.EMPTY_LAST_CONTENT) {
                    current.bodySent();
                }
                link.channel().write(part).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
            if (last) {
                current.requestEnded();
                if (current.responseDone()) {
                    complete();
                }
            }
        }
        if (link != null) {
            link.channel().flush(); // also flushes a head written by route() on a reused connection
        }
    }

    /** A new request head: validate, answer locally or route it. */
    private void begin(HttpRequest req) {
        headTimeout.disarm();
        services.stats().requestStarted();
        Optional<HeadCheck.Refusal> refusal = HeadCheck.check(req, services.config());
        if (refusal.isPresent()) {
            current = new Exchange(req, null, false, false);
            rejectAndClose(refusal.get().response(), refusal.get().reason());
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req) && !services.isDraining();
        boolean upgrade = ProxyHeaders.isUpgrade(req);
        Optional<AffinityKey> key = AffinityKey.of(req, services.config().affinityCookie());
        current = new Exchange(req, key.map(AffinityKey::value).orElse(null), upgrade, keepAlive);
        deadline.start(current);
        if (isStatusRequest(req)) {
            respondLocally(Responses.json(HttpResponseStatus.OK, services.status().toJson()));
            return;
        }
        ProxyHeaders.forBackend(req, ctx.channel().remoteAddress(), upgrade, ctx.pipeline().get(SslHandler.class) != null);
        route();
    }

    /** Chooses a backend for the current request (again, after a refused connection) and sends it there. */
    private void route() {
        Exchange ex = current;
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
            closeLink();
            connect(backend);
        }
    }

    private void connect(Backend backend) {
        Exchange ex = current;
        ex.connecting();
        BackendConnector.connect(ctx.channel().eventLoop(), services, backend, this)
                .addListener((ChannelFuture f) -> onConnected(ex, backend, f));
    }

    private void onConnected(Exchange ex, Backend backend, ChannelFuture f) {
        if (!f.isSuccess()) {
            if (ex != current || closing) {
                return;
            }
            log.warn("backend {} refused a connection ({}); retrying elsewhere", backend, f.cause().toString());
            services.health().reportConnectionRefused(backend, f.cause());
            ex.tried.add(backend);
            route();
            pump();
            readIfWanted();
            return;
        }
        Channel ch = f.channel();
        if (ex != current || closing) {
            ch.close();
            return;
        }
        backend.trackConnection(ch);
        link = new BackendLink(backend, ch);
        ex.forwarding(false);
        ex.progress();
        ch.write(ex.request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        pump();
        ch.flush();
        readIfWanted();
    }

    // ---------------------------------------------------------------- the response side

    void onBackendMessage(Channel ch, Object msg) {
        if (link == null || link.channel() != ch || current == null || current.state() != Exchange.State.FORWARDING) {
            // A response nobody asked for (or after the client left): drop it and the connection.
            ReferenceCountUtil.release(msg);
            ch.close();
            return;
        }
        Exchange ex = current;
        ex.progress();
        if (!(msg instanceof HttpObject)) {
            // Raw bytes: the backend switched protocols (101) on a request that did not ask to upgrade.
            ReferenceCountUtil.release(msg);
            log.warn("backend {} switched protocols without an upgrade request", link.backend());
            if (ex.responseStarted()) {
                closeNow();
            } else {
                badGateway("backend switched protocols unasked");
            }
            return;
        }
        if (((HttpObject) msg).decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            log.warn("backend {} sent a malformed response: {}", link.backend(),
                    ((HttpObject) msg).decoderResult().cause().toString());
            if (ex.responseStarted()) {
                closeNow(); // cut the client off rather than pass on a broken body
            } else {
                badGateway("backend sent a malformed response");
            }
            return;
        }
        if (msg instanceof HttpResponse res) {
            int code = res.status().code();
            if (code == 101) {
                if (ex.upgrade) {
                    switchToTunnel(res);
                } else {
                    log.warn("backend {} answered 101 to a request that did not ask to upgrade", link.backend());
                    badGateway("backend switched protocols unasked");
                }
                return;
            }
            if (code >= 100 && code < 200) {
                ex.interimStarted();
                ProxyHeaders.forClient(res, false);
                ctx.write(res);
                return;
            }
            beginResponse(ex, res);
            ctx.write(res);
        }
        if (msg instanceof HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            if (ex.interimPart(last)) {
                ctx.write(content);
                return;
            }
            ctx.write(content).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            if (!ctx.channel().isWritable()) {
                ch.config().setAutoRead(false); // resumes in channelWritabilityChanged
            }
            if (last) {
                ex.responseEnded();
                if (!ex.backendKeepAlive()) {
                    closeLink();
                }
                complete();
            }
        }
    }

    private void beginResponse(Exchange ex, HttpResponse res) {
        ex.responseStarted(HttpUtil.isKeepAlive(res));
        int code = res.status().code();
        boolean delimited = HttpUtil.isContentLengthSet(res) || HttpUtil.isTransferEncodingChunked(res)
                || code == 204 || code == 304 || HttpMethod.HEAD.equals(ex.request.method());
        ex.closeAfterIf(!delimited || services.isDraining());
        ProxyHeaders.forClient(res, false);
        Responses.setConnection(res, ex.closeAfter(), ex.request.protocolVersion());
        Responses.addAffinityCookie(res, services.config().affinityCookie(), ex.cookieToSet());
    }

    void onBackendReadComplete() {
        ctx.flush();
    }

    void onBackendWritabilityChanged(Channel ch) {
        if (ch.isWritable() && link != null && link.channel() == ch) {
            readIfWanted();
        }
    }

    void onBackendClosed(Channel ch) {
        if (link == null || link.channel() != ch) {
            return;
        }
        Backend backend = link.backend();
        link = null;
        if (current != null && current.state() == Exchange.State.FORWARDING) {
            if (current.responseStarted()) {
                closeNow(); // the response is cut short; the client must see that, not a shorter body
            } else if (current.mayReplay()) {
                // The classic keep-alive race: the backend closed its idle connection just as this request
                // went out on it. Nothing was answered and only a bodiless idempotent head was sent, so
                // sending it again on a fresh connection is safe.
                log.debug("backend {} closed a reused connection under a request; retrying once", backend);
                if (current.replay()) {
                    pending.addFirst(LastHttpContent.EMPTY_LAST_CONTENT);
                }
                connect(backend);
            } else {
                badGateway("backend closed the connection before answering");
            }
        }
    }

    void onBackendError(Channel ch, Throwable cause) {
        log.debug("backend connection failed: {}", cause.toString());
        ch.close();
    }

    // ---------------------------------------------------------------- WebSocket hand-over

    /**
     * The backend accepted the upgrade: send the 101 on, then strip both pipelines down to raw byte relays
     * ({@link TunnelSplice}), all in this one event loop turn.
     */
    private void switchToTunnel(HttpResponse res) {
        Exchange ex = current;
        BackendLink tunnelLink = link;
        Channel client = ctx.channel();
        Channel backendCh = tunnelLink.channel();
        ProxyHeaders.forClient(res, true);
        Responses.addAffinityCookie(res, services.config().affinityCookie(), ex.cookieToSet());
        ctx.write(res);
        ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);

        deadline.cancel(); // idle tunnels stay open: the app's pings, not the proxy, keep them honest
        current = null;
        link = null;
        services.stats().requestEnded();
        releasePending();

        tunnelLink.backend().trackTunnel(client, ex.key); // counted before the 101 is flushed to the client
        TunnelSplice.splice(client, this, List.of(FrontendInitializer.HEAD_TIMEOUT, FrontendInitializer.CODEC, FrontendInitializer.GATE),
                backendCh, BackendConnector.HANDLER, BackendConnector.CODEC);
        if (!tunnelLink.backend().isHealthy()) {
            client.close(); // went down while the upgrade was in flight: same fate as its other tunnels
        }
        log.debug("tunnel {} <-> {} open", client.remoteAddress(), tunnelLink.backend());
    }

    // ---------------------------------------------------------------- endings

    /** Both halves of the current exchange are done. */
    private void complete() {
        Exchange ex = current;
        endExchange();
        if (ex.closeAfter() || services.isDraining()) {
            closing = true;
            releasePending();
            closeLink();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        headTimeout.arm(false);
        pump(); // a pipelined request may already be waiting
        readIfWanted();
    }

    private void endExchange() {
        deadline.cancel();
        if (current != null) {
            current = null;
            services.stats().requestEnded();
        }
    }

    /** Answers the current request from the proxy itself; the request body, if any, is read and dropped. */
    private void respondLocally(FullHttpResponse res) {
        Exchange ex = current;
        ex.answeredLocally();
        // A client waiting for 100-continue will not send its body after a final answer: answer and close
        // instead of waiting for it. Any other body is read and dropped by pump(), keeping the connection.
        boolean bodyWithheld = !ex.requestDone() && HttpUtil.is100ContinueExpected(ex.request)
                && pending.stream().noneMatch(o -> o instanceof LastHttpContent);
        ex.closeAfterIf(services.isDraining() || bodyWithheld);
        Responses.setConnection(res, ex.closeAfter(), ex.request.protocolVersion());
        ctx.writeAndFlush(res);
        if (bodyWithheld) {
            ex.requestEnded();
            complete();
        }
        // Otherwise pump() goes on discarding the body and calls complete() at its end.
    }

    // ---------------------------------------------------------------- the exchange deadline

    /** {@link ExchangeDeadline} says {@code ex} has been silent for the whole idle time: end it. */
    private void deadlineExpired(Exchange ex) {
        if (ex != current || closing) {
            return; // ended or replaced (a later exchange of this connection has its own timer)
        }
        long ms = services.config().limits().responseTimeout().toMillis();
        boolean backendStalled = ex.state() == Exchange.State.FORWARDING && link != null && !link.channel().isWritable();
        Backend backend = link != null ? link.backend() : null;
        switch (ExchangeDeadline.verdict(ex, backendStalled)) {
            case CLOSE -> {
                log.debug("{}: response from {} stalled for {} ms; closing", ctx.channel().remoteAddress(), backend, ms);
                closeNow();
            }
            case REQUEST_TIMEOUT -> rejectAndClose(Responses.Failure.REQUEST_TIMEOUT,
                    "request body stalled for " + ms + " ms");
            case GATEWAY_TIMEOUT -> {
                log.debug("backend {} did not answer {} {} within {} ms", backend, ex.request.method(),
                        ex.request.uri(), ms);
                rejectAndClose(Responses.Failure.GATEWAY_TIMEOUT, "backend did not answer within " + ms + " ms");
            }
        }
    }

    private void badGateway(String why) {
        rejectAndClose(Responses.Failure.BAD_GATEWAY, why);
    }

    /** Sends an error and closes: for input the connection cannot recover from. */
    private void rejectAndClose(Responses.Failure failure, String message) {
        rejectAndClose(Responses.error(failure, message), message);
    }

    /** Sends {@code res} (if nothing was answered yet) and closes; one debug line, never more. */
    private void rejectAndClose(FullHttpResponse res, String message) {
        int code = res.status().code();
        services.stats().errorResponse(code);
        boolean canRespond = current == null || !current.responseStarted();
        closing = true;
        endExchange();
        releasePending();
        closeLink();
        headTimeout.disarm();
        if (canRespond) {
            Responses.setClose(res);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            res.release();
            ctx.close();
        }
        log.debug("{} -> {} ({})", ctx.channel().remoteAddress(), code, message);
    }

    private void closeNow() {
        closing = true;
        releasePending();
        closeLink();
        ctx.close();
    }

    private void closeLink() {
        if (link != null) {
            link.channel().close();
            link = null;
        }
    }

    private void releasePending() {
        HttpObject o;
        while ((o = pending.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }

    private void readIfWanted() {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        boolean wanted;
        if (current == null) {
            wanted = true; // waiting for the next head
        } else if (current.requestDone()) {
            wanted = false; // waiting for the response; pipelined requests stay in the socket
        } else {
            wanted = switch (current.state()) {
                case LOCAL -> true; // discarding a body
                case ROUTING, CONNECTING -> false;
                case FORWARDING -> link != null && link.channel().isWritable();
            };
        }
        if (wanted) {
            ctx.read();
        }
    }

    private static boolean isStatusRequest(HttpRequest req) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        boolean readOnly = HttpMethod.GET.equals(req.method()) || HttpMethod.HEAD.equals(req.method());
        return readOnly && path.equals(STATUS_PATH);
    }
}
