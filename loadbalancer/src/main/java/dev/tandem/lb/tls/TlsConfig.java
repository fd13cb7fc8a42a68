package dev.tandem.lb.tls;

import java.nio.file.Path;

/**
 * Where the proxy terminates TLS. Off unless both a certificate and a key are given.
 *
 * @param certFile PEM file with the server certificate first, then any intermediates
 * @param keyFile  PEM file with the certificate's private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY})
 * @param port     port of the TLS listener (0 = any free port, for tests)
 * @param plain    whether the plain-HTTP listener on {@code --port} stays open beside it
 */
public record TlsConfig(Path certFile, Path keyFile, int port, boolean plain) {
    public static final int DEFAULT_PORT = 8443;

    public TlsConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TLS port must be 0-65535, got " + port);
        }
    }
}
