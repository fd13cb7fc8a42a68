package dev.tandem.lb.support;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP + WebSocket backend for the proxy's tests, written with Netty:
 * <ul>
 *   <li>{@code GET /health}: 200 {@code {"serverId":"<id>"}}, or 503 after {@link #setHealthy(boolean) setHealthy(false)},
 *       or no answer at all after {@link #setHealthHangs(boolean) setHealthHangs(true)} (a backend too busy to
 *       answer, while its WebSockets keep working);</li>
 *   <li>{@code /ws}: WebSocket echo (text and binary, frames up to 4 MB, echoed frame by frame); sub-paths such as
 *       {@code /ws/other} too, which the proxy routes like any path but the app's {@code /ws};</li>
 *   <li>{@code /echo}: answers the request body unchanged;</li>
 *   <li>{@code /stall}: starts a chunked 200 ({@code partial}) and never finishes it;</li>
 *   <li>anything else: a JSON line of {@code id}, method, uri and the request headers it received.</li>
 * </ul>
 * After {@link #setHangs(boolean) setHangs(true)} every request but {@code /health} (WebSocket upgrades included)
 * is read and never answered, on a connection that stays open: a server whose workers are stuck while its
 * health endpoint still answers.
 * Every response carries {@code X-Backend-Id}. {@link #stopAccepting()} closes only the listening socket
 * (connections already open stay up), so tests can tell the proxy's actions from the backend's.
 */
public final class TestBackend implements AutoCloseable {
    public static final String ID_HEADER = "X-Backend-Id";

    private final String id;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private volatile String sharedCause;
    private final AtomicInteger openWebSockets = new AtomicInteger();
    private final AtomicInteger healthChecks = new AtomicInteger();
    private final AtomicBoolean healthHangs = new AtomicBoolean();
    private final AtomicBoolean hangs = new AtomicBoolean();
    private final AtomicInteger swallowedRequests = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long lastHealthCheckNanos;
    private volatile Channel listener;
    private volatile int port;

    private TestBackend(String id) {
        this.id = id;
    }

    /** Starts on a free port. */
    public static TestBackend start(String id) throws InterruptedException {
        TestBackend b = new TestBackend(id);
        b.listen(0);
        return b;
    }

    public String id() {
        return id;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** While set, an unhealthy {@code /health} names this shared cause, as an app server without Redis does. */
    public void setSharedCause(String cause) {
        sharedCause = cause;
    }

    public void setHealthy(boolean up) {
        healthy.set(up);
    }

    /** While true, {@code /health} requests are read and never answered (the prober must time out). */
    public void setHealthHangs(boolean hang) {
        healthHangs.set(hang);
    }

    /** While true, every request but {@code /health} is read and never answered (the connection stays open). */
    public void setHangs(boolean hang) {
        hangs.set(hang);
    }

    /** Request heads read and left unanswered because of {@link #setHangs(boolean)}. */
    public int swallowedRequests() {
        return swallowedRequests.get();
    }

    /** Request heads received other than {@code /health} (upgrades included): what the proxy forwarded. */
    public int requests() {
        return requests.get();
    }

    /** Client connections (the proxy's backend connections) open right now. */
    public int openConnections() {
        return children.size();
    }

    /** {@code System.nanoTime()} when the last {@code /health} request arrived (0 before the first). */
    public long lastHealthCheckNanos() {
        return lastHealthCheckNanos;
    }

    /** WebSocket connections open right now, as seen by this backend. */
    public int openWebSockets() {
        return openWebSockets.get();
    }

    public int healthChecks() {
        return healthChecks.get();
    }

    /** Closes the listening socket only: new connections are refused, open ones stay. */
    public void stopAccepting() {
        listener.close().syncUninterruptibly();
    }

    /** Listens again on the same port. */
    public void resumeAccepting() throws InterruptedException {
        listen(port);
    }

    private void listen(int onPort) throws InterruptedException {
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        children.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new Hang());
                        ch.pipeline().addLast(new HttpObjectAggregator(4 * 1024 * 1024));
                        ch.pipeline().addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                .websocketPath("/ws")
                                .checkStartsWith(true)
                                .maxFramePayloadLength(4 * 1024 * 1024)
                                .build()));
                        ch.pipeline().addLast(new EchoFrames());
                        ch.pipeline().addLast(new Requests());
                    }
                })
                .bind("127.0.0.1", onPort).sync().channel();
        port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        children.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /** Swallows requests while {@link #hangs} is set. {@code swallowing} is owned by the channel's event loop. */
    private final class Hang extends ChannelInboundHandlerAdapter {
        private boolean swallowing;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest req) {
                boolean health = req.uri().split("\\?", 2)[0].equals("/health");
                if (!health) {
                    requests.incrementAndGet();
                }
                swallowing = hangs.get() && !health;
                if (swallowing) {
                    swallowedRequests.incrementAndGet();
                }
            }
            if (swallowing) {
                ReferenceCountUtil.release(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    private final class EchoFrames extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                openWebSockets.incrementAndGet();
                ctx.channel().closeFuture().addListener(f -> openWebSockets.decrementAndGet());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            ctx.writeAndFlush(frame.retain());
        }
    }

    private final class Requests extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // e.g. the proxy cut a half-sent request: expected in timeout tests, nothing to log
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            FullHttpResponse res;
            String path = req.uri().split("\\?", 2)[0];
            if (path.equals("/health")) {
                lastHealthCheckNanos = System.nanoTime();
                healthChecks.incrementAndGet();
                if (healthHangs.get()) {
                    return; // read, never answered: the connection stays open until the prober gives up
                }
                boolean up = healthy.get();
                res = text(up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "{\"serverId\":\"" + id + "\",\"status\":\"" + (up ? "up" : "down") + "\"}");
                if (!up && sharedCause != null) {
                    res.headers().set("X-Tandem-Shared-Cause", sharedCause);
                }
            } else if (path.equals("/slow")) {
                // Answers after ?ms= milliseconds: an in-flight request for the graceful-shutdown test.
                long ms = Long.parseLong(new io.netty.handler.codec.http.QueryStringDecoder(req.uri())
                        .parameters().get("ms").get(0));
                FullHttpResponse late = text(HttpResponseStatus.OK, "{\"id\":\"" + id + "\",\"slow\":" + ms + "}");
                late.headers().set(ID_HEADER, id);
                late.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, late.content().readableBytes());
                ctx.executor().schedule(() -> ctx.writeAndFlush(late), ms, TimeUnit.MILLISECONDS);
                return;
            } else if (path.equals("/stream")) {
                // A chunked response of ?bytes= bytes (byte i = i % 251), written in 64 KB chunks at once.
                int total = Integer.parseInt(new io.netty.handler.codec.http.QueryStringDecoder(req.uri())
                        .parameters().get("bytes").get(0));
                io.netty.handler.codec.http.HttpResponse head = new io.netty.handler.codec.http.DefaultHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(ID_HEADER, id);
                HttpUtil.setTransferEncodingChunked(head, true);
                ctx.write(head);
                for (int off = 0; off < total; off += 65536) {
                    int n = Math.min(65536, total - off);
                    ByteBuf chunk = ctx.alloc().buffer(n);
                    for (int i = 0; i < n; i++) {
                        chunk.writeByte((off + i) % 251);
                    }
                    ctx.write(new io.netty.handler.codec.http.DefaultHttpContent(chunk));
                }
                ctx.writeAndFlush(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT);
                return;
            } else if (path.equals("/stall")) {
                // A chunked response that starts ("partial") and never goes on: a backend stuck mid-answer.
                io.netty.handler.codec.http.HttpResponse head = new io.netty.handler.codec.http.DefaultHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(ID_HEADER, id);
                HttpUtil.setTransferEncodingChunked(head, true);
                ctx.write(head);
                ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(
                        Unpooled.copiedBuffer("partial", StandardCharsets.UTF_8)));
                return;
            } else if (path.equals("/hangup")) {
                // Answers as if the connection stayed open, then closes it: a backend's idle timeout firing.
                FullHttpResponse res1 = text(HttpResponseStatus.OK, "{\"id\":\"" + id + "\"}");
                res1.headers().set(ID_HEADER, id);
                res1.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res1.content().readableBytes());
                ctx.writeAndFlush(res1).addListener(ChannelFutureListener.CLOSE);
                return;
            } else if (path.equals("/echo")) {
                res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        req.content().retainedDuplicate());
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
            } else {
                Map<String, String> headers = new TreeMap<>();
                req.headers().forEach(e -> headers.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + "|" + b));
                StringBuilder json = new StringBuilder("{\"id\":\"").append(id).append("\",\"method\":\"")
                        .append(req.method()).append("\",\"uri\":\"").append(escape(req.uri()))
                        .append("\",\"headers\":{");
                boolean first = true;
                for (Map.Entry<String, String> e : headers.entrySet()) {
                    json.append(first ? "" : ",").append('"').append(escape(e.getKey())).append("\":\"")
                            .append(escape(e.getValue())).append('"');
                    first = false;
                }
                res = text(HttpResponseStatus.OK, json.append("}}").toString());
            }
            res.headers().set(ID_HEADER, id);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        ByteBuf buf = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        return res;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
