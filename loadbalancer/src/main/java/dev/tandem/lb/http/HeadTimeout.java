package dev.tandem.lb.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Slowloris guard, first in the client pipeline: while armed, a request head must be complete before the
 * timer fires. {@link HttpProxyHandler} arms it when it waits for a head and disarms it when one is decoded.
 * On expiry it fires an {@link Expired} event: {@code REQUEST_TIMEOUT} when the client opened the connection
 * or started a head and did not finish it (answered 408), {@code IDLE} when a kept-alive connection simply
 * sent nothing more (closed quietly, like HAProxy's http-keep-alive timeout).
 * <p>
 * Threading: all state is owned by the connection's event loop (handler callbacks and the scheduled task
 * both run there).
 */
public final class HeadTimeout extends ChannelInboundHandlerAdapter {

    /** The user event fired on expiry. */
    public enum Expired { REQUEST_TIMEOUT, IDLE }

    private final long timeoutMillis;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private boolean expectingFirstRequest;
    private boolean sawBytes;

    public HeadTimeout(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (timer != null && msg instanceof ByteBuf buf && buf.isReadable()) {
            sawBytes = true;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    /** Starts waiting for a head; {@code firstRequest} marks a new connection (silence then earns a 408). */
    void arm(boolean firstRequest) {
        disarm();
        expectingFirstRequest = firstRequest;
        sawBytes = false;
        timer = ctx.executor().schedule(this::expire, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire() {
        timer = null;
        ctx.fireUserEventTriggered(expectingFirstRequest || sawBytes ? Expired.REQUEST_TIMEOUT : Expired.IDLE);
    }
}
