package dev.tandem.lb.http;

import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.routing.AffinityKey;
import dev.tandem.model.AffinityUser;
import dev.tandem.model.Protocol;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.util.Optional;

/**
 * The checks a request head must pass before it is routed, each failure with the proxy's own specific
 * answer: a head the codec could not read (431, 414, 400), HTTP/1.1 without {@code Host} (400), and a
 * request for the WebSocket path that names no valid single user (400, plain text). Every refusal closes
 * the connection. Stateless; called on the client connection's event loop.
 */
final class HeadCheck {
    /** The body of the 400 for a WebSocket-path request without its user. */
    static final String WS_NEEDS_USER = Protocol.WS_PATH + " needs ?user=<name> (one valid user name)";

    /** Why a head is refused: the answer to send, and the short reason for the debug log. */
    record Refusal(FullHttpResponse response, String reason) {
    }

    private HeadCheck() {
    }

    /** The refusal for {@code req}, or empty when it may be routed. Never throws. */
    static Optional<Refusal> check(HttpRequest req, LbConfig config) {
        if (req.decoderResult().isFailure()) {
            Throwable cause = req.decoderResult().cause();
            if (cause instanceof TooLongHttpHeaderException) {
                return error(Responses.Failure.HEADER_TOO_LARGE,
                        "request headers exceed " + config.limits().maxHeaderBytes() + " bytes");
            }
            if (cause instanceof TooLongHttpLineException || cause instanceof TooLongFrameException) {
                return error(Responses.Failure.REQUEST_LINE_TOO_LONG,
                        "request line exceeds " + config.limits().maxHeadLine() + " bytes");
            }
            return error(Responses.Failure.BAD_REQUEST, "malformed HTTP request");
        }
        if (req.protocolVersion().equals(HttpVersion.HTTP_1_1) && !req.headers().contains(HttpHeaderNames.HOST)) {
            return error(Responses.Failure.BAD_REQUEST, "HTTP/1.1 request without Host header");
        }
        if (AffinityKey.requiresUser(req) && AffinityUser.fromUri(req.uri()).isEmpty()) {
            // Never forwarded: without the URL's user the app server would refuse it anyway, and routing it
            // by anything else could split one user's windows over two servers.
            return Optional.of(new Refusal(Responses.text(HttpResponseStatus.BAD_REQUEST, WS_NEEDS_USER),
                    WS_NEEDS_USER));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> error(Responses.Failure failure, String message) {
        return Optional.of(new Refusal(Responses.error(failure, message), message));
    }
}
