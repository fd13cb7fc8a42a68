package dev.tandem.lb.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Last handler of a proxy-to-backend HTTP connection: hands everything to the client connection's
 * {@link ResponseForwarder}, which works on that connection's state. Threads: runs on the client connection's
 * event loop (the backend connection is registered there), like everything of that connection.
 */
final class BackendChannelHandler extends ChannelInboundHandlerAdapter {
    private final ResponseForwarder owner;

    BackendChannelHandler(ResponseForwarder owner) {
        this.owner = owner;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        owner.onBackendMessage(ctx.channel(), msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        owner.onBackendReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        owner.onBackendWritabilityChanged(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        owner.onBackendClosed(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        owner.onBackendError(ctx.channel(), cause);
    }
}
