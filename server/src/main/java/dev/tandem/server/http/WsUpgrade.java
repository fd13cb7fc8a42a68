package dev.tandem.server.http;

import dev.tandem.model.AffinityUser;
import dev.tandem.server.limits.ClientAddress;
import dev.tandem.server.limits.RefusalLog;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BiFunction;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;

/**
 * The {@code /ws} endpoint: checks a WebSocket handshake, refusing a bad one with a clear HTTP answer instead
 * of Jetty's (a 500 with a stack trace for a missing key, 405 for another version, any key accepted), and
 * upgrades a good one to the endpoint {@code endpoints} makes:
 * <ul>
 *   <li>it must be an upgrade to {@code websocket}: else 426 with {@code Upgrade: websocket};</li>
 *   <li>{@code Sec-WebSocket-Key} must be the base64 of 16 bytes (RFC 6455 4.2.1): else 400;</li>
 *   <li>{@code Sec-WebSocket-Version} must be 13: else 426 with {@code Sec-WebSocket-Version: 13} (4.4);</li>
 *   <li>the URL must name one valid user ({@code ?user=}, read by {@link AffinityUser} exactly as the proxy
 *       reads it): else 400, since a connection without it could split a user over two servers.</li>
 * </ul>
 * A servlet of Jetty's own WebSocket API rather than a Javalin {@code ws()} route: Javalin's WebSocket context
 * kept the servlet request, copies of its headers and an HTTP session for the connection's life (2 KiB of
 * heap per idle connection: PERFORMANCE.md, 2026-12-04); here the endpoint gets only the client address and
 * the query string.
 * Refusals are logged in summary ({@link RefusalLog}: one line per cause per interval, with a count): a client
 * sending thousands must not turn the log into an amplifier.
 * <p>Threads: runs on Jetty's request threads; holds nothing but its immutable settings and thread-safe parts.
 */
public final class WsUpgrade extends JettyWebSocketServlet {
    private static final String VERSION = "13";

    /** What Jetty applies to every connection it upgrades. */
    public record Transport(long maxMessageBytes, Duration idleTimeout) {
    }

    private final ClientAddress addresses;
    private final RefusalLog refusals;
    private final Transport transport;
    private final transient BiFunction<String, String, Object> endpoints;

    /**
     * @param endpoints makes the endpoint of an accepted upgrade from the client address and the query string
     */
    public WsUpgrade(ClientAddress addresses, RefusalLog refusals, Transport transport,
                     BiFunction<String, String, Object> endpoints) {
        this.addresses = addresses;
        this.refusals = refusals;
        this.transport = transport;
        this.endpoints = endpoints;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setMaxTextMessageSize(transport.maxMessageBytes());
        factory.setMaxBinaryMessageSize(transport.maxMessageBytes());
        factory.setIdleTimeout(transport.idleTimeout());
        factory.setCreator((request, response) -> endpoints.apply(
                clientAddress(request.getHttpServletRequest()), request.getQueryString()));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            response.setHeader("Upgrade", "websocket");
            refuse(request, response, 426, "/ws is a WebSocket endpoint: send an Upgrade: websocket handshake");
        } else if (!isValidKey(request.getHeader("Sec-WebSocket-Key"))) {
            refuse(request, response, 400, "Sec-WebSocket-Key must be the base64 encoding of 16 bytes");
        } else if (!VERSION.equals(request.getHeader("Sec-WebSocket-Version"))) {
            response.setHeader("Sec-WebSocket-Version", VERSION);
            refuse(request, response, 426, "only WebSocket version 13 is supported");
        } else if (AffinityUser.fromQuery(request.getQueryString()).isEmpty()) {
            refuse(request, response, 400, "/ws needs ?user=<name>: one valid user name, the user who signs in on it");
        } else {
            super.service(request, response);
        }
    }

    static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String clientAddress(HttpServletRequest request) {
        return addresses.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String why)
            throws IOException {
        refusals.note("WebSocket upgrade (" + status + ")", "from " + clientAddress(request) + ": " + why);
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
