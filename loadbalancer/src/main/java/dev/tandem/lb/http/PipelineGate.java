package dev.tandem.lb.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * Feeds the HTTP decoder only as fast as {@link HttpProxyHandler} asks for input, so pipelined requests are
 * decoded as fast as they are answered (issue 16). Without it one socket read (up to 64 KiB) is decoded at once:
 * about 1,500 small pipelined heads, each a decoded request object far larger than its bytes, which Netty's
 * codec refuses past 128 with a reset.
 * <p>
 * It sits just before the codec. Bytes from the socket are held here and passed on in slices of at most
 * {@link #SLICE} bytes (a few dozen heads at most), one slice per {@code read()} the proxy handler asks for.
 * The socket itself is read again only when everything held has been passed on, so what a connection can make
 * the proxy keep is one socket read of raw bytes plus one slice's decoded requests, however deep the client
 * pipelines. When the connection becomes a tunnel the gate is removed after the codec and hands what it
 * still holds to the relay, in order.
 * <p>
 * Threads: one instance per client connection; every call runs on that connection's event loop.
 */
final class PipelineGate extends ChannelDuplexHandler {
    static final int SLICE = 2048;

    /** Read from the socket but not yet given to the decoder, or null. */
    private ByteBuf held;
    /** The handler after the codec asked for more input. */
    private boolean wanted;
    /** Inside {@link #feed}: a read() asked for then is served by the running loop, not by recursion. */
    private boolean feeding;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (held == null) {
            held = buf;
        } else {
            ByteBuf both = ctx.alloc().buffer(held.readableBytes() + buf.readableBytes());
            both.writeBytes(held).writeBytes(buf);
            held.release();
            buf.release();
            held = both;
        }
        wanted = true; // this read was asked for
        feed(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Each slice fed is followed by its own read-complete (in feed), which is where the handlers after
        // the codec decide whether to ask for more; the socket's own one would only repeat that.
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (held == null) {
            ctx.read();
            return;
        }
        wanted = true;
        feed(ctx);
    }

    private void feed(ChannelHandlerContext ctx) {
        if (feeding) {
            return;
        }
        feeding = true;
        try {
            while (wanted && held != null) {
                wanted = false;
                ByteBuf slice = held.readRetainedSlice(Math.min(SLICE, held.readableBytes()));
                if (!held.isReadable()) {
                    held.release();
                    held = null;
                }
                ctx.fireChannelRead(slice);
                ctx.fireChannelReadComplete();
            }
        } finally {
            feeding = false;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (held != null) {
            ByteBuf rest = held;
            held = null;
            ctx.fireChannelRead(rest);
            ctx.fireChannelReadComplete();
        }
    }
}
