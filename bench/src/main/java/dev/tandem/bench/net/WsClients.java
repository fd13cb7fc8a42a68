package dev.tandem.bench.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import javax.net.ssl.SSLException;
import java.util.concurrent.TimeUnit;

/**
 * Opens many client WebSockets on one small Netty event-loop group: a few threads serve every
 * connection, so thousands of clients cost sockets and buffers, not threads.
 */
public final class WsClients implements AutoCloseable {
    /** Far above any message either protocol sends here; bigger frames are a peer bug worth seeing. */
    private static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 30_000;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final ClientAddresses addresses;
    private SslContext clientTls; // made on the first wss:// connect, under this object's lock

    /** {@code threads} event loops; client i connects from {@code addresses}' address for i. */
    public WsClients(int threads, ClientAddresses addresses) {
        this.addresses = addresses;
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    public EventLoopGroup group() {
        return group;
    }

    /**
     * Connects client number {@code client} to a ws:// URI (path and query included), from that client's
     * address ({@link ClientAddresses}). Every outcome ends in exactly one {@link WsListener#onClosed} call; a
     * successful handshake first calls {@link WsListener#onOpen}.
     */
    public void connect(URI uri, int client, WsListener listener) {
        boolean tls = "wss".equals(uri.getScheme());
        if (!tls && !"ws".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only ws:// and wss:// URLs are supported, got " + uri);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        SslContext ssl = tls ? clientTls() : null;
        WsFrameHandler frames = new WsFrameHandler(listener);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                .handleCloseFrames(false)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                // The generator reads only ASCII probes; validating UTF-8 of every frame was a visible
                // share of its profile, CPU taken from the servers it measures on the same machine.
                .withUTF8Validator(false)
                .build();
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
                }
                ch.pipeline().addLast(
                        new HttpClientCodec(),
                        new HttpObjectAggregator(64 * 1024),
                        new WebSocketClientProtocolHandler(config),
                        new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
                        frames);
            }
        });
        InetSocketAddress source = addresses.source(client, uri.getHost());
        ChannelFuture future = source == null ? b.connect(uri.getHost(), port)
                : b.connect(new InetSocketAddress(uri.getHost(), port), source);
        future.addListener(f -> {
            if (!f.isSuccess()) {
                Channel ch = future.channel();
                ch.eventLoop().execute(() -> frames.connectFailed(f.cause()));
            }
        });
    }

    /**
     * The generator's TLS: the JDK provider, like the proxy's, and no certificate check. The bench measures what
     * TLS costs the proxy; it talks to a proxy it started itself, and checking the chain would only add CPU to
     * the generator, which shares the machine with what it measures.
     */
    private synchronized SslContext clientTls() {
        if (clientTls == null) {
            try {
                clientTls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                        .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot set up the client's TLS: " + e.getMessage(), e);
            }
        }
        return clientTls;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
