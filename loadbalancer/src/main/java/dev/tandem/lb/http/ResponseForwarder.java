package dev.tandem.lb.http;

import dev.tandem.lb.backend.Backend;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend side of one client connection: what its backend connections deliver (through their
 * {@link BackendChannelHandler}) goes to the client. A final response gets the client's {@code Connection}
 * header and the affinity cookie; a 1xx is passed on before it; a 101 to an upgrade hands the pair over to the
 * tunnel ({@link TunnelHandover}); anything malformed or unasked ends the exchange (502 if nothing was answered
 * yet, else a close). A kept-alive backend connection that closes under a request is retried once when that
 * is safe. Backpressure: the backend stops being read while the client cannot take more.
 * <p>
 * Threads: one instance per client connection, part of its {@link ClientConnection}; its backend connections
 * are registered on that connection's event loop, so every call arrives on that one thread.
 */
final class ResponseForwarder {
    private static final Logger log = LoggerFactory.getLogger(ResponseForwarder.class);

    private final ClientConnection conn;
    private final ChannelHandlerContext ctx;

    ResponseForwarder(ClientConnection conn) {
        this.conn = conn;
        this.ctx = conn.ctx;
    }

    void onBackendMessage(Channel ch, Object msg) {
        ClientConnection.BackendLink link = conn.link();
        Exchange ex = conn.current();
        if (link == null || link.channel() != ch || ex == null || ex.state() != Exchange.State.FORWARDING) {
            // A response nobody asked for (or after the client left): drop it and the connection.
            ReferenceCountUtil.release(msg);
            ch.close();
            return;
        }
        ex.progress();
        if (!(msg instanceof HttpObject)) {
            // Raw bytes: the backend switched protocols (101) on a request that did not ask to upgrade.
            ReferenceCountUtil.release(msg);
            log.warn("backend {} switched protocols without an upgrade request", link.backend());
            fail(ex, "backend switched protocols unasked");
            return;
        }
        if (((HttpObject) msg).decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            log.warn("backend {} sent a malformed response: {}", link.backend(),
                    ((HttpObject) msg).decoderResult().cause().toString());
            fail(ex, "backend sent a malformed response");
            return;
        }
        if (msg instanceof HttpResponse res) {
            int code = res.status().code();
            if (code == 101) {
                if (ex.upgrade) {
                    TunnelHandover.switchToTunnel(conn, res);
                } else {
                    log.warn("backend {} answered 101 to a request that did not ask to upgrade", link.backend());
                    conn.badGateway("backend switched protocols unasked");
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
                ch.config().setAutoRead(false); // resumes in HttpProxyHandler.channelWritabilityChanged
            }
            if (last) {
                ex.responseEnded();
                if (!ex.backendKeepAlive()) {
                    conn.closeLink();
                }
                conn.complete();
            }
        }
    }

    /** The exchange cannot go on: a 502 while nothing was answered, else cut the client off (a broken body). */
    private void fail(Exchange ex, String why) {
        if (ex.responseStarted()) {
            conn.closeNow(); // cut the client off rather than pass on a broken body
        } else {
            conn.badGateway(why);
        }
    }

    private void beginResponse(Exchange ex, HttpResponse res) {
        ex.responseStarted(HttpUtil.isKeepAlive(res));
        int code = res.status().code();
        boolean delimited = HttpUtil.isContentLengthSet(res) || HttpUtil.isTransferEncodingChunked(res)
                || code == 204 || code == 304 || HttpMethod.HEAD.equals(ex.request.method());
        ex.closeAfterIf(!delimited || conn.services.isDraining());
        ProxyHeaders.forClient(res, false);
        Responses.setConnection(res, ex.closeAfter(), ex.request.protocolVersion());
        Responses.addAffinityCookie(res, conn.services.config().affinityCookie(), ex.cookieToSet());
    }

    void onBackendReadComplete() {
        ctx.flush();
    }

    void onBackendWritabilityChanged(Channel ch) {
        ClientConnection.BackendLink link = conn.link();
        if (ch.isWritable() && link != null && link.channel() == ch) {
            conn.readIfWanted();
        }
    }

    void onBackendClosed(Channel ch) {
        Backend backend = conn.linkClosed(ch);
        if (backend == null) {
            return; // a connection this client connection no longer uses
        }
        Exchange ex = conn.current();
        if (ex != null && ex.state() == Exchange.State.FORWARDING) {
            if (ex.responseStarted()) {
                conn.closeNow(); // the response is cut short; the client must see that, not a shorter body
            } else if (ex.mayReplay()) {
                // The classic keep-alive race: the backend closed its idle connection just as this request
                // went out on it. Nothing was answered and only a bodiless idempotent head was sent, so
                // sending it again on a fresh connection is safe.
                log.debug("backend {} closed a reused connection under a request; retrying once", backend);
                if (ex.replay()) {
                    conn.requeueRequestEnd();
                }
                conn.dispatch.connect(backend);
            } else {
                conn.badGateway("backend closed the connection before answering");
            }
        }
    }

    void onBackendError(Channel ch, Throwable cause) {
        log.debug("backend connection failed: {}", cause.toString());
        ch.close();
    }
}
