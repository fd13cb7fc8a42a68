package dev.tandem.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * Serves the browser client (plain ES modules and CSS in the jar's {@code /web}) at {@code /}, every file
 * with the security headers below. The page loads nothing but its own files and talks to nothing but its
 * own origin's WebSocket, so the policy can be this strict; a script injected by a chat message could
 * neither run inline nor load from elsewhere.
 * Stateless: configuration only.
 */
public final class WebClient {
    /**
     * No inline script or style (attributes included), nothing from another origin, no plugins, no framing,
     * no forms posted anywhere; the WebSocket (ws: or wss:, whatever scheme the proxy is reached by).
     */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self' ws: wss:",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "object-src 'none'");

    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            // Revalidate every time: a new server version's modules must never mix with an old cached one.
            "Cache-Control", "no-cache");

    private WebClient() {
    }

    /** Registers the static files of the web client on {@code cfg}. */
    public static void serve(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
    }
}
