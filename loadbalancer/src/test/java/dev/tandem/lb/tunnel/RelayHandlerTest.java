package dev.tandem.lb.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

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
}
