package dev.tandem.lb.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * Responses the proxy writes itself: short JSON bodies with a stable error code, and one plain-text answer
 * (a {@code /ws} request without its user, see {@link HeadCheck}).
 */
public final class Responses {
    private Responses() {
    }

    /** {@code {"error":"<code>","message":"<message>"}}; code and message are ours, never user input. */
    public static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
        return json(status, "{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }

    /** A short plain-text answer (UTF-8, one line); the text is ours, never user input. */
    public static FullHttpResponse text(HttpResponseStatus status, String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return res;
    }

    public static FullHttpResponse json(HttpResponseStatus status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return res;
    }
}
