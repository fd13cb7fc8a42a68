package dev.tandem.lb.support;

import dev.tandem.lb.tls.SelfSigned;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Self-signed pairs for tests (made the way {@code ./tandem up --tls} makes them), and clients that trust one. */
public final class TestCerts {
    private TestCerts() {
    }

    /** A pair in {@code dir}: {@code cert.pem}, {@code key.pem}. */
    public record Pair(Path cert, Path key) {
    }

    public static Pair make(Path dir) throws Exception {
        Pair pair = new Pair(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        SelfSigned.generate(pair.cert(), pair.key(), java.util.List.of());
        return pair;
    }

    public static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** An SSL context that trusts exactly the certificate in {@code caPem}. */
    public static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        Certificate ca = read(caPem);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
