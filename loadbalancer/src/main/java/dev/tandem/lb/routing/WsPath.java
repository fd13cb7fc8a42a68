package dev.tandem.lb.routing;

import dev.tandem.model.Protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Whether a request target names the app's WebSocket endpoint ({@link Protocol#WS_PATH}), the one path where
 * the affinity key must be the URL's own user. It errs on the side of "yes": the path is compared the way a
 * lenient server might read it (absolute-form {@code http://host/ws}, percent-escapes, {@code ;params},
 * {@code //}, {@code .} and {@code ..} segments, a trailing {@code /}, any case), so no spelling of
 * {@code /ws} that the app server could still map to its endpoint slips past the rule. A false "yes" costs
 * only a 400 on a path the app does not serve anyway. Stateless and thread-safe.
 */
public final class WsPath {
    private static final String WS = Protocol.WS_PATH.toLowerCase(Locale.ROOT);

    private WsPath() {
    }

    /** True when {@code uri} (a request target as sent) addresses the WebSocket path. Never throws. */
    public static boolean matches(String uri) {
        String path = pathOf(uri);
        if (path == null) {
            return false;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String raw : decode(path).split("/", -1)) {
            int params = raw.indexOf(';');
            String segment = params < 0 ? raw : raw.substring(0, params);
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment.toLowerCase(Locale.ROOT));
            }
        }
        return ("/" + String.join("/", segments)).equals(WS);
    }

    /** The path of an origin-form ({@code /ws?..}) or absolute-form ({@code http://h/ws?..}) target, else null. */
    private static String pathOf(String uri) {
        if (uri == null) {
            return null;
        }
        String path = uri;
        int scheme = uri.indexOf("://");
        if (!uri.startsWith("/") && scheme > 0) {
            int slash = uri.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : uri.substring(slash);
        }
        if (!path.startsWith("/")) {
            return null; // "*" or authority-form: not a path at all
        }
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return path.substring(0, end);
    }

    /**
     * Percent-decodes the whole path before it is split, so an escaped {@code /} or {@code ;} counts as one too
     * (over-inclusive on purpose). A malformed escape leaves the path as sent; a {@code +} stays a {@code +}.
     */
    private static String decode(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return path;
        }
    }
}
