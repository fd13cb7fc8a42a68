package dev.tandem.lb.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;

import java.nio.charset.StandardCharsets;

/**
 * Responses the proxy writes itself (short JSON bodies with a stable error code, and one plain-text answer: a
 * {@code /ws} request without its user, see {@link HeadCheck}), and the headers the proxy sets on any response
 * it sends a client, its own or a backend's: {@code Connection} and the affinity cookie. Stateless.
 */
public final class Responses {

    /**
     * Every error the proxy answers itself, with its status and the stable code in the body's {@code "error"}
     * field: one table, so a status never travels with two codes.
     */
    public enum Failure {
        BAD_REQUEST(HttpResponseStatus.BAD_REQUEST, "bad_request"),
        REQUEST_TIMEOUT(HttpResponseStatus.REQUEST_TIMEOUT, "request_timeout"),
        REQUEST_LINE_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request_line_too_long"),
        HEADER_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header_too_large"),
        BAD_GATEWAY(HttpResponseStatus.BAD_GATEWAY, "bad_gateway"),
        NO_HEALTHY_BACKEND(HttpResponseStatus.SERVICE_UNAVAILABLE, "no_healthy_backend"),
        GATEWAY_TIMEOUT(HttpResponseStatus.GATEWAY_TIMEOUT, "gateway_timeout");

        final HttpResponseStatus status;
        final String code;

        Failure(HttpResponseStatus status, String code) {
            this.status = status;
            this.code = code;
        }
    }

    private Responses() {
    }

    /** {@code {"error":"<code>","message":"<message>"}}; the message is ours, never user input. */
    public static FullHttpResponse error(Failure failure, String message) {
        return json(failure.status, "{\"error\":\"" + failure.code + "\",\"message\":\"" + message + "\"}");
    }

    /** A short plain-text answer (UTF-8, one line); the text is ours, never user input. */
    public static FullHttpResponse text(HttpResponseStatus status, String text) {
        return full(status, "text/plain; charset=utf-8", text + "\n");
    }

    public static FullHttpResponse json(HttpResponseStatus status, String json) {
        return full(status, HttpHeaderValues.APPLICATION_JSON, json);
    }

    /** A complete answer of the proxy's own: never cached, since it speaks of this moment (status, errors). */
    private static FullHttpResponse full(HttpResponseStatus status, CharSequence contentType, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return res;
    }

    /**
     * Tells the client what becomes of its connection after {@code res}: {@code close} when the proxy closes it;
     * otherwise nothing for HTTP/1.1, whose default is to keep it, but an explicit {@code keep-alive} for an
     * HTTP/1.0 client ({@code requestVersion}), which would otherwise assume the connection ends here.
     */
    static void setConnection(HttpResponse res, boolean close, HttpVersion requestVersion) {
        if (close) {
            setClose(res);
        } else if (requestVersion.equals(HttpVersion.HTTP_1_0)) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /** {@code Connection: close}: the proxy closes the connection once {@code res} is written. */
    static void setClose(HttpResponse res) {
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }

    /**
     * Adds {@code Set-Cookie: <name>=<value>; Path=/; HTTPOnly; SameSite=Lax} for a minted affinity key
     * ({@code value} null: a request that had a key already, nothing to add).
     */
    static void addAffinityCookie(HttpResponse res, String name, String value) {
        if (value != null) {
            DefaultCookie cookie = new DefaultCookie(name, value);
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setSameSite(CookieHeaderNames.SameSite.Lax);
            res.headers().add(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(cookie));
        }
    }
}
