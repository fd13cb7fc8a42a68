package dev.tandem.redis;

import java.net.URI;

/** A Redis someone else runs (REDIS_URL). We never stop it. */
record ExternalRedis(String host, int port, String url) implements RunningRedis {
    static ExternalRedis parse(String url) {
        URI uri = URI.create(url);
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("REDIS_URL must look like redis://host:port, got " + url);
        }
        return new ExternalRedis(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379, url);
    }

    @Override
    public String source() {
        return "REDIS_URL";
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
