package dev.tandem.lb.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * One backend as configured: an id (stable: it is what rendezvous hashing weighs) and a plain-HTTP address.
 *
 * @param id   the backend's name, e.g. {@code s1}; hashing uses it, so renaming a backend moves its keys
 * @param host host name or address of the backend
 * @param port TCP port of the backend
 */
public record BackendSpec(String id, String host, int port) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    public BackendSpec {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ConfigException("backend id '" + id + "' must match " + ID.pattern());
        }
        if (host == null || host.isBlank()) {
            throw new ConfigException("backend " + id + " has no host");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("backend " + id + " port " + port + " is not in 1..65535");
        }
    }

    /**
     * Parses {@code id=http://host:port}. Only plain http is proxied (TLS ends before the proxy or not at all),
     * and the URL carries no path: the proxy forwards the client's path unchanged.
     */
    public static BackendSpec parse(String text) {
        String s = text == null ? "" : text.trim();
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
            throw new ConfigException("backend '" + text + "' must look like id=http://host:port");
        }
        String id = s.substring(0, eq).trim();
        String url = s.substring(eq + 1).trim();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("backend " + id + ": '" + url + "' is not a URL (" + e.getReason() + ")");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new ConfigException("backend " + id + ": only http:// backends are supported, got '" + url + "'");
        }
        if (uri.getHost() == null) {
            throw new ConfigException("backend " + id + ": '" + url + "' has no host");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            throw new ConfigException("backend " + id + ": '" + url + "' must not have a path or query");
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        return new BackendSpec(id, uri.getHost(), port);
    }

    /** The address as the status endpoint shows it. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
