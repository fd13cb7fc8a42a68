package dev.tandem.bench.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The last handler of a client pipeline: turns Netty events into {@link WsListener} calls. Owned by the
 * channel's event loop; its fields are touched by no other thread.
 */
final class WsFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final WsListener listener;
    private WsConnection connection;
    private int closeCode = -1;
    private String closeReason = "";
    private Throwable failure;
    private boolean reported;

    WsFrameHandler(WsListener listener) {
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = new WsConnection(ctx.channel());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            listener.onOpen(connection);
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            failure = new IllegalStateException("WebSocket handshake timed out");
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            listener.onText(connection, frame.content());
        } else if (frame instanceof CloseWebSocketFrame close) {
            // Answer the close handshake ourselves so the peer's status code reaches the listener.
            closeCode = close.statusCode();
            closeReason = close.reasonText();
            ctx.writeAndFlush(new CloseWebSocketFrame(closeCode == -1 ? 1000 : closeCode, ""))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        // Binary frames carry nothing in either protocol; pings and pongs are handled by Netty.
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        report();
        super.channelInactive(ctx);
    }

    /** Reports the end once, whether the channel opened or not. */
    void report() {
        if (!reported) {
            reported = true;
            listener.onClosed(connection, closeCode, closeReason, failure);
        }
    }

    void connectFailed(Throwable cause) {
        failure = cause;
        report();
    }
}
