package dev.tandem.client.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust for {@code wss://} with a CA file ({@code --ca-file}): the certificates in that PEM file are
 * trusted <em>in addition to</em> the JDK's own CAs, so a self-signed local proxy and a public one both work.
 * Hostname verification is not touched: Tyrus turns on the JDK's endpoint identification ({@code HTTPS}),
 * which both trust managers below apply, so a certificate for another host is still refused.
 */
public final class CaTrust {
    private CaTrust() {
    }

    /**
     * The certificates in a PEM (or DER) file.
     *
     * @throws IOException with a message fit to show: the file is missing, unreadable or holds no certificate
     */
    public static List<X509Certificate> read(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IOException("CA file " + caFile + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
            }
            return certs.stream().map(X509Certificate.class::cast).toList();
        } catch (NoSuchFileException e) {
            throw new IOException("CA file " + caFile + " does not exist");
        } catch (CertificateException e) {
            throw new IOException("CA file " + caFile + " is not a PEM certificate: " + e.getMessage());
        }
    }

    /** An SSL context that trusts the JDK's CAs and those in {@code caFile}. */
    public static SSLContext sslContext(Path caFile) throws IOException {
        try {
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            List<X509Certificate> certs = read(caFile);
            for (int i = 0; i < certs.size(); i++) {
                extra.setCertificateEntry("ca-" + i, certs.get(i));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Either(trustManager(extra), trustManager(null))}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use CA file " + caFile + ": " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store); // null: the JDK's cacerts
        return Arrays.stream(tmf.getTrustManagers()).filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast).findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
    }

    /** Trusted if the CA file's manager or the JDK's accepts the chain; the CA file's reason is kept if both refuse. */
    private static final class Either extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager extra;
        private final X509ExtendedTrustManager jdk;

        Either(X509ExtendedTrustManager extra, X509ExtendedTrustManager jdk) {
            this.extra = extra;
            this.jdk = jdk;
        }

        private interface Check {
            void run(X509ExtendedTrustManager tm) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.run(extra);
            } catch (CertificateException first) {
                try {
                    check.run(jdk);
                } catch (CertificateException second) {
                    throw first;
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the client accepts no client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the client accepts no client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the client accepts no client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return Stream.concat(Arrays.stream(extra.getAcceptedIssuers()), Arrays.stream(jdk.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
