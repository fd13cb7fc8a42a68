package dev.tandem.bench.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/** A client WebSocket connection: a thin, allocation-light wrapper over its Netty channel. */
public final class WsConnection {
    private final Channel channel;

    WsConnection(Channel channel) {
        this.channel = channel;
    }

    /** Sends one text message (and flushes). Safe from any thread; Netty hands it to the event loop. */
    public ChannelFuture send(String text) {
        return channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    /** The event loop that owns this connection: schedule per-connection work here. */
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Asks for a normal close (1000); the peer's answer or a timeout ends the connection. */
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "bench done"))
                    .addListener(f -> channel.close());
        } else {
            channel.close();
        }
    }
}
