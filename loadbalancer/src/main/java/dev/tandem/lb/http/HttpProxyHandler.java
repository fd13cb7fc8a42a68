package dev.tandem.lb.http;

import dev.tandem.lb.tunnel.RelayHandler;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP proxying for one client connection, last in its pipeline: parses every request head, refuses the ones
 * {@link HeadCheck} rejects (a {@code /ws} request without its user among them), routes the rest by their own
 * affinity key, streams the request to the chosen backend and the response back, and hands a connection over
 * to a raw {@link RelayHandler} pair once a backend accepts a WebSocket upgrade. This class takes the client
 * channel's events; the work is split along the request's path:
 * <ul>
 *   <li>{@link ClientConnection}: the connection's state (queued request parts, the current {@link Exchange},
 *       the kept-alive backend connection), how exchanges end, and what the client is asked to send;</li>
 *   <li>{@link BackendDispatch}: a head's destination (refusal, local answer, or a backend) and the connect;</li>
 *   <li>{@link ResponseForwarder}: the backend side, response to the client;</li>
 *   <li>{@link TunnelHandover}: the 101 and the splice into a tunnel.</li>
 * </ul>
 * <p>
 * Threads: one instance per client connection, with its one {@link ClientConnection}; everything of that
 * connection stays on its event loop. Backend connections are registered on the same loop
 * ({@code Bootstrap.group(ctx.channel().eventLoop())}, as in Netty's HexDumpProxy), so their callbacks arrive
 * on this thread too and nothing here needs locks.
 * <p>
 * Deadlines: {@link HeadTimeout} guards the wait for a head. From the head on, {@link ExchangeDeadline} (one
 * idle timer per exchange, {@code --response-timeout-ms}) reports an exchange that makes no progress and
 * decides what it gets: 504 when the backend has not started its answer (or its 101), 408 when the client
 * stopped sending its body before any answer, otherwise both connections are closed. A spliced tunnel has no
 * deadline.
 */
public final class HttpProxyHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(HttpProxyHandler.class);

    private final ProxyServices services;
    private ClientConnection conn;

    HttpProxyHandler(ProxyServices services) {
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.conn = new ClientConnection(ctx, services);
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
        conn.headTimeout.arm(true);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (conn.closing() || !(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        HttpObject part = (HttpObject) msg;
        if (!(part instanceof HttpRequest) && part.decoderResult().isFailure()) {
            // A broken body (bad chunk, ...); the head was fine and may already be at the backend.
            ReferenceCountUtil.release(part);
            conn.rejectAndClose(Responses.Failure.BAD_REQUEST, "malformed request body");
            return;
        }
        conn.received(part);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        conn.readIfWanted();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // The client drained its buffer: let the backend send more of the response.
        if (ctx.channel().isWritable() && conn.link() != null) {
            conn.link().channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HeadTimeout.Expired expired) {
            if (conn.current() != null || conn.closing()) {
                return; // a head arrived just as the timer fired
            }
            if (expired == HeadTimeout.Expired.REQUEST_TIMEOUT) {
                conn.rejectAndClose(Responses.Failure.REQUEST_TIMEOUT,
                        "request head not complete within " + services.config().limits().headTimeout().toMillis() + " ms");
            } else {
                conn.closeNow();
            }
        } else if (evt instanceof DrainSignal) {
            if (conn.current() == null) {
                conn.closeNow();
            } else {
                conn.current().closeAfterResponse();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        conn.clientClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The codec reports malformed input as decoder results, so this is I/O trouble (reset, broken pipe).
        log.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        conn.closeNow();
    }
}
