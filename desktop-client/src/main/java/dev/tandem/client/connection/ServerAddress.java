package dev.tandem.client.connection;

import dev.tandem.model.Protocol;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Parsing and checking of the server address a person types, e.g. {@code ws://localhost:8080/ws}. */
public final class ServerAddress {
    public static final String DEFAULT = "ws://localhost:8080/ws";

    private ServerAddress() {
    }

    /**
     * Parses a typed address. A bare {@code host:port} gets {@code ws://} and the {@code /ws} path.
     *
     * @throws IllegalArgumentException with a message fit to show
     */
    public static URI parse(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Enter the server address, e.g. " + DEFAULT);
        }
        if (!text.contains("://")) {
            text = "ws://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + typed.strip() + "\" is not a valid address, e.g. " + DEFAULT);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("The address must start with ws:// or wss://, e.g. " + DEFAULT);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("The address needs a host name, e.g. " + DEFAULT);
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? Protocol.WS_PATH : uri.getPath();
        try {
            return new URI(scheme, null, uri.getHost(), uri.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + typed.strip() + "\" is not a valid address");
        }
    }

    /** The connection URL for one user: the proxy routes by the {@code user} query parameter. */
    public static URI forUser(URI server, String user) {
        String query = Protocol.USER_PARAM + "=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        return URI.create(server.toString() + (server.getQuery() == null ? "?" : "&") + query);
    }
}
