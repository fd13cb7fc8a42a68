package dev.tandem.lb.health;

import dev.tandem.lb.backend.Backend;
import dev.tandem.lb.health.HealthState.Failure;
import dev.tandem.lb.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One active health check: {@code GET <path>} on a fresh connection; any 2xx passes. A failure is
 * {@link Failure#TIMEOUT} when nothing came back in time (no connection within the timeout, or no answer),
 * and {@link Failure#HARD} for everything the backend actively said (another status, e.g. the app server's 503
 * without Redis; refused, reset, closed without an answer). Runs entirely on the given event loop.
 */
final class HealthProbe {
    /** The app server's header on a 503 that is due to the shared store (Redis), not to the server itself. */
    static final String SHARED_CAUSE = "X-Tandem-Shared-Cause";
    /** The app server's header on the 503 of a graceful stop: out of routing now, its windows close themselves. */
    static final String STOPPING = "X-Tandem-Stopping";

    /**
     * The outcome ({@code failure} is null when the check passed), a short reason for the log, and whether the
     * backend said its failure is due to a dependency every backend shares (header {@value #SHARED_CAUSE}).
     */
    record Result(Failure failure, String detail, boolean sharedCause, boolean stopping) {
        Result(Failure failure, String detail) {
            this(failure, detail, false, false);
        }

        static Result passed(String detail) {
            return new Result(null, detail);
        }

        boolean passed() {
            return failure == null;
        }
    }

    /**
     * What a failed connect says about the backend. Refused: it is gone ({@code HARD}). No answer in time,
     * or no route (a network blip): maybe only slow ({@code TIMEOUT}). Anything else — out of file
     * descriptors or local ports, say — is the proxy's own trouble, not the backend's: {@code null}, so a
     * passive report does not take a healthy backend down and close all its tunnels because of it.
     */
    static Failure connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException || cause instanceof NoRouteToHostException) {
            return Failure.TIMEOUT;
        }
        if (cause instanceof ConnectException && String.valueOf(cause.getMessage()).contains("refused")) {
            return Failure.HARD;
        }
        return null;
    }

    private HealthProbe() {
    }

    static Future<Result> run(EventLoop loop, Transport transport, Backend backend, String path, Duration timeout) {
        Promise<Result> result = loop.newPromise();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec());
                        ch.pipeline().addLast(new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<FullHttpResponse>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
                                int code = res.status().code();
                                String shared = res.headers().get(SHARED_CAUSE);
                                boolean stopping = res.headers().contains(STOPPING);
                                result.trySuccess(code >= 200 && code < 300
                                        ? Result.passed("status " + code)
                                        : new Result(Failure.HARD, "status " + code + (stopping ? ", stopping"
                                                : shared == null ? "" : ", shared cause: " + shared), shared != null, stopping));
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                result.trySuccess(new Result(Failure.HARD, "closed without an answer"));
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                result.trySuccess(new Result(Failure.HARD, cause.toString()));
                            }
                        });
                    }
                });
        ChannelFuture connect = bootstrap.connect(backend.address());
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                Failure failure = connectFailure(f.cause());
                // A failure on the proxy's side still fails the check, as "maybe slow", never as "gone".
                result.trySuccess(new Result(failure == null ? Failure.TIMEOUT : failure, "connect: " + f.cause()));
                return;
            }
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            req.headers().set(HttpHeaderNames.HOST, backend.spec().host() + ":" + backend.spec().port());
            req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            req.headers().set(HttpHeaderNames.USER_AGENT, "tandem-lb-health");
            f.channel().writeAndFlush(req);
        });
        ScheduledFuture<?> timer = loop.schedule(
                () -> result.trySuccess(new Result(Failure.TIMEOUT, "no answer within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.addListener(done -> {
            timer.cancel(false);
            connect.channel().close();
        });
        return result;
    }
}
