package dev.tandem.lb.routing;

import dev.tandem.model.AffinityUser;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.util.Locale;
import java.util.Optional;

/**
 * The affinity key of a request: what decides which backend serves it.
 * <ul>
 *   <li>On the WebSocket path ({@link WsPath}) the key is the URL's user and nothing else:
 *       {@link AffinityUser#fromUri}, the parser the app server uses to decide who may sign in on the
 *       connection, so the proxy and the server can never read one URL as two users. No header, no cookie:
 *       without a valid single user there is no key, and the caller refuses the request
 *       ({@link #requiresUser}).</li>
 *   <li>Elsewhere, in order: the URL's user (the same parser: split on {@code &} only, exactly one
 *       {@code user}, trimmed, lower-cased, a valid name), else the {@code X-Tandem-User} header (trimmed and
 *       lower-cased), else the affinity cookie; none of them means least-loaded routing.</li>
 * </ul>
 *
 * @param value  the key that is hashed
 * @param source where it came from, for logs and tests
 */
public record AffinityKey(String value, Source source) {

    public static final String USER_HEADER = "X-Tandem-User";

    public enum Source { QUERY, HEADER, COOKIE }

    /** Extracts the key, or empty when the request carries none. Never throws on odd input. */
    public static Optional<AffinityKey> of(HttpRequest request, String cookieName) {
        Optional<String> fromUrl = AffinityUser.fromUri(request.uri());
        if (fromUrl.isPresent()) {
            return Optional.of(new AffinityKey(fromUrl.get(), Source.QUERY));
        }
        if (requiresUser(request)) {
            return Optional.empty();
        }
        String header = normalizeUser(request.headers().get(USER_HEADER));
        if (header != null) {
            return Optional.of(new AffinityKey(header, Source.HEADER));
        }
        for (String cookieHeader : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decodeAll(cookieHeader)) {
                if (c.name().equals(cookieName) && !c.value().isBlank()) {
                    return Optional.of(new AffinityKey(c.value(), Source.COOKIE));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * True when only the URL's user may route this request: it is for the WebSocket path. Such a request
     * without a valid single {@code ?user=} must be refused, never routed by anything else.
     */
    public static boolean requiresUser(HttpRequest request) {
        return WsPath.matches(request.uri());
    }

    private static String normalizeUser(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        return s.isEmpty() ? null : s;
    }
}
