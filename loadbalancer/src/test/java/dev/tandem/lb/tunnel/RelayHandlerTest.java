package dev.tandem.lb.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's flow control and close propagation, on in-memory channels. */
class RelayHandlerTest {

    private static ByteBuf bytes(int n) {
        return Unpooled.wrappedBuffer(new byte[n]);
    }

    @Test
    void stopsReadingWhileThePeerCannotTakeMoreAndResumesWhenItDrains() {
        EmbeddedChannel client = new EmbeddedChannel();
        EmbeddedChannel backend = new EmbeddedChannel();
        backend.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 2048));
        client.pipeline().addLast(new RelayHandler(backend));
        backend.pipeline().addLast(new RelayHandler(client));

        client.pipeline().fireChannelRead(bytes(1000)); // below the high mark: keep reading
        assertThat(client.config().isAutoRead()).isTrue();
        client.pipeline().fireChannelRead(bytes(1000)); // queued bytes (+ per-entry overhead) > 2048: full
        assertThat(backend.isWritable()).isFalse();
        assertThat(client.config().isAutoRead()).as("client reads paused").isFalse();

        backend.flush(); // the backend's socket takes the bytes
        assertThat(backend.isWritable()).isTrue();
        assertThat(client.config().isAutoRead()).as("client reads resumed").isTrue();
        ByteBuf first = backend.readOutbound();
        ByteBuf second = backend.readOutbound();
        assertThat(first.readableBytes() + second.readableBytes()).isEqualTo(2000);
        first.release();
        second.release();
    }

    @Test
    void eitherSideClosingClosesTheOther() {
        EmbeddedChannel client = new EmbeddedChannel();
        EmbeddedChannel backend = new EmbeddedChannel();
        client.pipeline().addLast(new RelayHandler(backend));
        backend.pipeline().addLast(new RelayHandler(client));
        client.writeInbound(bytes(3));
        backend.close();
        assertThat(client.isOpen()).isFalse();
        ByteBuf relayed = backend.readOutbound();
        assertThat(relayed.readableBytes()).as("bytes sent before the close were delivered").isEqualTo(3);
        relayed.release();
    }

    @Test
    void aFailedWriteClosesBothSidesThoughTheRelayWritesWithoutAPromise() {
        EmbeddedChannel client = new EmbeddedChannel();
        EmbeddedChannel backend = new EmbeddedChannel();
        // The backend's socket is broken: every write fails (as a reset connection's would).
        backend.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                io.netty.util.ReferenceCountUtil.release(msg);
                promise.setFailure(new IOException("connection reset by peer"));
            }
        });
        client.pipeline().addLast(new RelayHandler(backend));
        backend.pipeline().addLast(new RelayHandler(client));

        ByteBuf chunk = bytes(10);
        client.writeInbound(chunk);

        assertThat(chunk.refCnt()).as("the failed chunk was released").isZero();
        assertThat(backend.isOpen()).as("the broken side closed").isFalse();
        assertThat(client.isOpen()).as("and with it the other side").isFalse();
    }
}
