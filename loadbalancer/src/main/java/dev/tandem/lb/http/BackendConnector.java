package dev.tandem.lb.http;

import dev.tandem.lb.backend.Backend;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;

/**
 * Opens proxy-to-backend HTTP connections: {@code HttpClientCodec -> BackendChannelHandler}, registered on
 * the client connection's event loop so the pair never needs cross-thread hand-offs.
 */
final class BackendConnector {
    static final String CODEC = "http";
    static final String HANDLER = "backend";

    private BackendConnector() {
    }

    static ChannelFuture connect(EventLoop clientLoop, ProxyServices services, Backend backend,
                                 ResponseForwarder owner) {
        return new Bootstrap()
                .group(clientLoop)
                .channel(services.transport().socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) services.config().limits().connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Backends are ours, so their heads may be larger than what clients may send.
                        HttpDecoderConfig cfg = new HttpDecoderConfig()
                                .setMaxInitialLineLength(16 * 1024)
                                .setMaxHeaderSize(64 * 1024)
                                .setMaxChunkSize(64 * 1024);
                        ch.pipeline().addLast(CODEC, new HttpClientCodec(cfg, false, false));
                        ch.pipeline().addLast(HANDLER, new BackendChannelHandler(owner));
                    }
                })
                .connect(backend.address());
    }
}
