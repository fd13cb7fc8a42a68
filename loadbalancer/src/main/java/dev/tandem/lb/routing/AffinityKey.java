package dev.tandem.lb.routing;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The affinity key of a request: what decides which backend serves it.
 * In order: the {@code user} query parameter, else the {@code X-Tandem-User} header, else the affinity cookie.
 * User names are trimmed and lower-cased the way the app normalises them, so "Alice" and "alice" are one user.
 *
 * @param value  the key that is hashed
 * @param source where it came from, for logs and tests
 */
public record AffinityKey(String value, Source source) {

    public static final String USER_PARAM = "user";
    public static final String USER_HEADER = "X-Tandem-User";

    public enum Source { QUERY, HEADER, COOKIE }

    /** Extracts the key, or empty when the request carries none. Never throws on odd input. */
    public static Optional<AffinityKey> of(HttpRequest request, String cookieName) {
        String fromQuery = queryUser(request.uri());
        if (fromQuery != null) {
            return Optional.of(new AffinityKey(fromQuery, Source.QUERY));
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

    private static String queryUser(String uri) {
        if (uri.indexOf('?') < 0) {
            return null;
        }
        try {
            List<String> users = new QueryStringDecoder(uri).parameters().get(USER_PARAM);
            return users == null || users.isEmpty() ? null : normalizeUser(users.get(0));
        } catch (IllegalArgumentException badEscape) {
            // A malformed %-escape: the request still goes through, routed by its other keys.
            return null;
        }
    }

    private static String normalizeUser(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        return s.isEmpty() ? null : s;
    }
}
