package dev.tandem.lb.http;

import dev.tandem.lb.config.LbConfig;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The client-side pipeline: {@code HeadTimeout -> HttpServerCodec -> HttpProxyHandler}. After a WebSocket
 * upgrade the handler replaces all three with a raw {@code RelayHandler}.
 */
public final class FrontendInitializer extends ChannelInitializer<SocketChannel> {
    static final String HEAD_TIMEOUT = "head-timeout";
    static final String CODEC = "http";
    static final String PROXY = "proxy";

    private final ProxyServices services;
    private final ChannelGroup allClients;

    public FrontendInitializer(ProxyServices services, ChannelGroup allClients) {
        this.services = services;
        this.allClients = allClients;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        LbConfig cfg = services.config();
        allClients.add(ch);
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(cfg.maxHeadLine())
                .setMaxHeaderSize(cfg.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024);
        ch.pipeline()
                .addLast(HEAD_TIMEOUT, new HeadTimeout(cfg.headTimeout()))
                .addLast(CODEC, new HttpServerCodec(decoder))
                .addLast(PROXY, new HttpProxyHandler(services));
    }
}
