package dev.tandem.lb.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The proxy's current TLS context, built from the PEM files and rebuilt from them on {@link #reload()}.
 * A new context serves only connections accepted after it; open connections and tunnels keep the
 * {@code SSLEngine} they were accepted with, so a reload never drops anyone. A reload from files that cannot
 * be used keeps the old context and logs one line saying why.
 * <p>
 * Uses the JDK's TLS provider: nothing native to download, the same on every machine with a JDK.
 * <p>
 * Threads: {@link #reload()} runs on whatever thread asks (the SIGHUP handler's); {@link #newHandler} runs
 * on the event loop of each accepted connection. The context is one volatile reference, replaced whole.
 */
public final class TlsContext {
    private static final Logger log = LoggerFactory.getLogger(TlsContext.class);

    private final Path certFile;
    private final Path keyFile;
    private volatile Loaded current;

    /** A built context and the certificate it serves (for the log and for tests). */
    private record Loaded(SslContext context, X509Certificate leaf) {
    }

    private TlsContext(Path certFile, Path keyFile, Loaded first) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.current = first;
    }

    /**
     * Reads and checks the certificate and key.
     *
     * @throws TlsException naming the file and what is wrong with it (missing, unreadable, wrong format,
     *                      a key that does not belong to the certificate)
     */
    public static TlsContext load(Path certFile, Path keyFile) throws TlsException {
        return new TlsContext(certFile, keyFile, build(certFile, keyFile));
    }

    /**
     * Builds a new context from the same files and uses it for new connections.
     *
     * @return true if the new certificate is in use, false if the old one stays (the reason is logged)
     */
    public boolean reload() {
        try {
            Loaded next = build(certFile, keyFile);
            current = next;
            log.info("TLS reloaded: now serving {} (serial {}, valid until {})",
                    next.leaf().getSubjectX500Principal().getName(), next.leaf().getSerialNumber().toString(16),
                    next.leaf().getNotAfter().toInstant());
            return true;
        } catch (TlsException e) {
            log.error("TLS reload refused, still serving the previous certificate: {}", e.getMessage());
            return false;
        }
    }

    /** A TLS handler for one new connection, from the current context. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        return current.context().newHandler(alloc);
    }

    /** The certificate new connections get. */
    public X509Certificate certificate() {
        return current.leaf();
    }

    private static Loaded build(Path certFile, Path keyFile) throws TlsException {
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        PrivateKey key = PemFiles.privateKey(keyFile);
        PemFiles.checkPair(chain.get(0), key, certFile, keyFile);
        try {
            SslContext context = SslContextBuilder.forServer(key, chain)
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
            return new Loaded(context, chain.get(0));
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsException("cannot use certificate " + certFile + " with key " + keyFile + ": " + e.getMessage());
        }
    }
}
