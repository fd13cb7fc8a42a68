package dev.tandem.lb.http;

import dev.tandem.lb.tunnel.RelayHandler;
import dev.tandem.lb.tunnel.TunnelSplice;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The end of HTTP on a connection: a backend accepted the WebSocket upgrade, so the 101 goes to the client and
 * both pipelines become raw {@link RelayHandler}s ({@link TunnelSplice}). The exchange ends here without a
 * deadline (idle tunnels stay open) and the backend counts the tunnel for health and handback.
 * <p>
 * Threads: stateless; called on the client connection's event loop, which the backend connection shares, so the
 * whole hand-over happens in one event loop turn and no byte of either side can slip in between.
 */
final class TunnelHandover {
    private static final Logger log = LoggerFactory.getLogger(TunnelHandover.class);

    /** The client's HTTP-only handlers besides the proxy handler, removed in this order. */
    private static final List<String> CLIENT_HTTP_STAGES =
            List.of(FrontendInitializer.HEAD_TIMEOUT, FrontendInitializer.CODEC, FrontendInitializer.GATE);

    private TunnelHandover() {
    }

    /** Sends the 101 {@code res} on for {@code conn}'s current exchange and splices the connection pair. */
    static void switchToTunnel(ClientConnection conn, HttpResponse res) {
        Exchange ex = conn.current();
        ClientConnection.BackendLink tunnelLink = conn.link();
        ChannelHandlerContext ctx = conn.ctx;
        Channel client = ctx.channel();
        Channel backendCh = tunnelLink.channel();
        ProxyHeaders.forClient(res, true);
        Responses.addAffinityCookie(res, conn.services.config().affinityCookie(), ex.cookieToSet());
        ctx.write(res);
        ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);

        conn.handedOver(); // no deadline: idle tunnels stay open, the app's pings keep them honest

        tunnelLink.backend().trackTunnel(client, ex.key); // counted before the 101 is flushed to the client
        TunnelSplice.splice(client, ctx.handler(), CLIENT_HTTP_STAGES,
                backendCh, BackendConnector.HANDLER, BackendConnector.CODEC);
        if (!tunnelLink.backend().isHealthy()) {
            client.close(); // went down while the upgrade was in flight: same fate as its other tunnels
        }
        log.debug("tunnel {} <-> {} open", client.remoteAddress(), tunnelLink.backend());
    }
}
