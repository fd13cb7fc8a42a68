package dev.tandem.lb.http;

import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.tls.TlsContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The client-side pipeline: {@code PipelineGate -> HeadTimeout -> HttpServerCodec -> HttpProxyHandler}. After a
 * WebSocket upgrade the handler replaces all four with a raw {@code RelayHandler}. On the TLS listener an
 * {@code SslHandler} comes first and stays for the connection's life (tunnels included); everything after it
 * sees plain bytes.
 */
public final class FrontendInitializer extends ChannelInitializer<SocketChannel> {
    static final String GATE = "pipeline-gate";
    static final String HEAD_TIMEOUT = "head-timeout";
    static final String CODEC = "http";
    static final String PROXY = "proxy";

    static final String TLS = "tls";

    private final ProxyServices services;
    private final ChannelGroup allClients;
    private final TlsContext tls;

    /** The plain-HTTP listener's pipeline. */
    public FrontendInitializer(ProxyServices services, ChannelGroup allClients) {
        this(services, allClients, null);
    }

    /** The TLS listener's pipeline ({@code tls} null: plain). */
    public FrontendInitializer(ProxyServices services, ChannelGroup allClients, TlsContext tls) {
        this.services = services;
        this.allClients = allClients;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        LbConfig cfg = services.config();
        allClients.add(ch);
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(cfg.limits().maxHeadLine())
                .setMaxHeaderSize(cfg.limits().maxHeaderBytes())
                .setMaxChunkSize(64 * 1024);
        if (tls != null) {
            // The handshake counts against the head timeout: a client that never finishes it is cut like a
            // slowloris. A new context after a reload is picked up here, per connection.
            ch.pipeline().addLast(TLS, tls.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast(GATE, new PipelineGate())
                .addLast(HEAD_TIMEOUT, new HeadTimeout(cfg.limits().headTimeout()))
                .addLast(CODEC, new HttpServerCodec(decoder))
                .addLast(PROXY, new HttpProxyHandler(services));
    }
}
