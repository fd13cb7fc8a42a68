package dev.tandem.model;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The user a WebSocket URL is opened for ({@code /ws?user=<name>}): the proxy's affinity key and the user
 * the server lets sign in on that connection. One parser for both, so they can never read one URL as two
 * users. The query is split on {@code &} only (not {@code ;}); the one {@code user} parameter is
 * percent-decoded as UTF-8, trimmed and lower-cased, and must be a valid user name. Missing, empty,
 * repeated, malformed or invalid gives nothing: the caller refuses the connection.
 */
public final class AffinityUser {
    private AffinityUser() {
    }

    /** From the raw query string (without the {@code ?}; null for none). Never throws. */
    public static Optional<String> fromQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        String found = null;
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!Protocol.USER_PARAM.equals(name)) {
                continue;
            }
            String value = eq < 0 ? null : decode(pair.substring(eq + 1));
            if (found != null || value == null) {
                return Optional.empty(); // Repeated or undecodable: which user is meant is not clear.
            }
            found = value;
        }
        if (found == null) {
            return Optional.empty();
        }
        String user = found.trim().toLowerCase(Locale.ROOT);
        return UserNames.isValid(user) ? Optional.of(user) : Optional.empty();
    }

    /** From a request target such as {@code /ws?user=alice}. */
    public static Optional<String> fromUri(String uri) {
        int query = uri == null ? -1 : uri.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        int fragment = uri.indexOf('#', query);
        return fromQuery(uri.substring(query + 1, fragment < 0 ? uri.length() : fragment));
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
