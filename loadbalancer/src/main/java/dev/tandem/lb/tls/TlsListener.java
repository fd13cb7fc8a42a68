package dev.tandem.lb.tls;

/**
 * A TLS listener to open: where ({@link TlsConfig}) and with what certificate ({@link TlsContext}, loaded and
 * checked before anything listens, so a bad file stops start-up instead of the first handshake).
 */
public record TlsListener(TlsConfig config, TlsContext context) {

    /** Loads the configured files. */
    public static TlsListener load(TlsConfig config) throws TlsException {
        return new TlsListener(config, TlsContext.load(config.certFile(), config.keyFile()));
    }
}
