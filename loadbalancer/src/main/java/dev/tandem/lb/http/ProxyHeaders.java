package dev.tandem.lb.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Header rewriting at the proxy boundary (RFC 9110 section 7.6.1): hop-by-hop headers belong to one
 * connection and are removed, except the Connection/Upgrade pair of a protocol upgrade, which the backend
 * must see to answer 101. {@code Transfer-Encoding} and {@code Content-Length} stay: Netty's codec re-frames
 * the body with them on the other connection.
 */
public final class ProxyHeaders {
    /** Always connection-specific. */
    private static final List<String> HOP_BY_HOP = List.of(
            "keep-alive", "proxy-connection", "te", "trailer", "proxy-authenticate", "proxy-authorization");

    /** Never removed because a client named them in Connection: the proxy needs them to frame and route. */
    private static final List<String> PROTECTED = List.of("host", "content-length", "transfer-encoding");

    private ProxyHeaders() {
    }

    /** True for a request asking to switch protocols (WebSocket): {@code Connection: upgrade} plus {@code Upgrade}. */
    public static boolean isUpgrade(HttpRequest req) {
        HttpHeaders h = req.headers();
        return h.contains(HttpHeaderNames.UPGRADE) && connectionTokens(h).contains("upgrade");
    }

    /** Rewrites a plain-HTTP client request for the backend: strips hop-by-hop headers and adds X-Forwarded-*. */
    public static void forBackend(HttpRequest req, SocketAddress client, boolean upgrade) {
        forBackend(req, client, upgrade, false);
    }

    /** The same for a request that came over TLS ({@code tls}): X-Forwarded-Proto says https then. */
    public static void forBackend(HttpRequest req, SocketAddress client, boolean upgrade, boolean tls) {
        HttpHeaders h = req.headers();
        strip(h, upgrade);
        String clientIp = client instanceof InetSocketAddress isa ? isa.getAddress().getHostAddress() : "unknown";
        String prior = h.get("X-Forwarded-For");
        h.set("X-Forwarded-For", prior == null || prior.isBlank() ? clientIp : prior + ", " + clientIp);
        h.set("X-Forwarded-Proto", tls ? "https" : "http");
        String host = h.get(HttpHeaderNames.HOST);
        if (host != null) {
            h.set("X-Forwarded-Host", host);
        }
    }

    /** Rewrites a backend response for the client: strips hop-by-hop headers (the 101 keeps its upgrade pair). */
    public static void forClient(HttpResponse res, boolean upgrade) {
        strip(res.headers(), upgrade);
    }

    private static void strip(HttpHeaders h, boolean keepUpgrade) {
        List<String> named = connectionTokens(h);
        for (String token : named) {
            if (!(keepUpgrade && token.equals("upgrade")) && !PROTECTED.contains(token)) {
                h.remove(token);
            }
        }
        HOP_BY_HOP.forEach(h::remove);
        h.remove(HttpHeaderNames.CONNECTION);
        if (keepUpgrade) {
            h.set(HttpHeaderNames.CONNECTION, "Upgrade");
        } else {
            h.remove(HttpHeaderNames.UPGRADE);
        }
    }

    /** The lower-cased, comma-separated tokens of every Connection header. */
    static List<String> connectionTokens(HttpHeaders h) {
        List<String> tokens = new ArrayList<>();
        for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
            for (String t : value.split(",")) {
                String s = t.trim().toLowerCase(Locale.ROOT);
                if (!s.isEmpty()) {
                    tokens.add(s);
                }
            }
        }
        return tokens;
    }
}
