package dev.tandem.lb.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One direction of a WebSocket tunnel after the 101: moves raw bytes from its channel to the peer channel,
 * unchanged, so frames of any size and kind pass byte-identical.
 * <p>
 * Backpressure: when the peer's outbound buffer passes its high water mark ({@code !peer.isWritable()}) this
 * side stops reading ({@code autoRead=false}); when this side's own channel drains below its low water mark
 * it re-enables reading on the peer. Memory per tunnel is therefore bounded by the water marks, whatever the
 * speed difference between client and backend.
 * <p>
 * Hot path without allocation: each chunk is written with the peer's {@link Channel#voidPromise()}, not a
 * fresh promise plus listener (that promise was the proxy's main allocation under load). A failed write on a
 * void promise is fired as {@code exceptionCaught} in the peer's pipeline, where the peer's own relay closes
 * the peer; its {@code channelInactive} then closes this side. So a write error still ends the whole tunnel,
 * as {@code CLOSE_ON_FAILURE} did. Backpressure needs no per-write listener either: it runs on
 * {@code isWritable()} after each write and on {@code channelWritabilityChanged}.
 * <p>
 * Threading: the two channels of a tunnel share one event loop (the backend channel is registered on the
 * client channel's loop), so the two handlers never race.
 */
public final class RelayHandler extends ChannelInboundHandlerAdapter {
    private final Channel peer;

    public RelayHandler(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes;
        if (msg instanceof ByteBuf buf) {
            bytes = buf;
        } else if (msg instanceof HttpContent content) {
            // The HTTP decoder may hand over the (empty) end of the 101 or leftover bytes wrapped as content.
            bytes = content.content();
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!bytes.isReadable() || !peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        peer.write(bytes, peer.voidPromise());
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeOnFlush(ctx.channel());
    }

    /** Closes after whatever is already queued has been written, so the last frames (e.g. a close frame) arrive. */
    public static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
