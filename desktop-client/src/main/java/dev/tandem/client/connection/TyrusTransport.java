package dev.tandem.client.connection;

import dev.tandem.model.Limits;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real transport: the Tyrus standalone client. Tyrus' connect call blocks, so each connect runs on a
 * small daemon thread ({@code tandem-connect}); frames and closes arrive on Tyrus' own threads and are
 * passed straight to the {@link LinkListener}, which hands them over to the connection thread.
 * <p>
 * {@code wss://} uses the JDK's CAs, or a given SSL context ({@link CaTrust}: a CA file besides them); host
 * names are always verified. A handshake that fails on the certificate is reported as
 * {@link LinkListener#untrusted}, not as an unreachable server.
 */
public final class TyrusTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(TyrusTransport.class);
    /** How long a handshake may take before the server counts as unreachable. */
    private static final int HANDSHAKE_TIMEOUT_MS = 5_000;

    private final ClientManager client = ClientManager.createClient();
    private final ExecutorService connector = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tandem-connect");
        t.setDaemon(true);
        return t;
    });

    public TyrusTransport() {
        this(null);
    }

    /** @param ssl the SSL context for {@code wss://} (null: the JDK's default trust) */
    public TyrusTransport(SSLContext ssl) {
        if (ssl != null) {
            SslEngineConfigurator tls = new SslEngineConfigurator(ssl, true, false, false);
            tls.setHostVerificationEnabled(true);
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, tls);
        }
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, HANDSHAKE_TIMEOUT_MS);
        // The welcome carries chat history and the todo list: allow frames well above the client->server limit.
        client.setDefaultMaxTextMessageBufferSize(Limits.MAX_SERVER_FRAME_BYTES);
    }

    @Override
    public Link open(URI uri, LinkListener listener) {
        TyrusLink link = new TyrusLink(listener);
        connector.execute(() -> link.connect(client, uri));
        return link;
    }

    @Override
    public void shutdown() {
        connector.shutdownNow();
        client.shutdown();
    }

    /** One Tyrus session. {@code session} is written by the connect thread and read by the connection thread. */
    private static final class TyrusLink extends Endpoint implements Link {
        private final LinkListener listener;
        private final AtomicBoolean closedByUs = new AtomicBoolean();
        private volatile Session session;

        TyrusLink(LinkListener listener) {
            this.listener = listener;
        }

        void connect(ClientManager client, URI uri) {
            try {
                ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
                Session opened = client.connectToServer(this, config, uri);
                if (closedByUs.get()) {
                    closeQuietly(opened);
                }
            } catch (DeploymentException | IOException | RuntimeException e) {
                String certificateProblem = certificateProblem(e);
                if (certificateProblem != null) {
                    listener.untrusted(certificateProblem);
                } else {
                    listener.failed(describe(e));
                }
            }
        }

        @Override
        public void onOpen(Session opened, EndpointConfig config) {
            this.session = opened;
            opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) listener::text);
            listener.opened();
        }

        @Override
        public void onClose(Session closed, CloseReason reason) {
            listener.closed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }

        @Override
        public void onError(Session failed, Throwable error) {
            // Tyrus follows a transport error with onClose; the close is what the service acts on.
            log.debug("websocket error: {}", error.toString());
        }

        @Override
        public void send(String frame) {
            Session current = session;
            if (current != null && current.isOpen()) {
                current.getAsyncRemote().sendText(frame, result -> {
                    if (!result.isOK()) {
                        log.debug("send failed: {}", String.valueOf(result.getException()));
                    }
                });
            }
        }

        @Override
        public void close() {
            closedByUs.set(true);
            Session current = session;
            if (current != null) {
                closeQuietly(current);
            }
        }

        private static void closeQuietly(Session s) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                log.debug("close failed: {}", e.toString());
            }
        }

        /**
         * What was wrong with the server's certificate, in a few words, or null if the failure was not about
         * the certificate. The JDK's words are long ("PKIX path building failed: ..."); the two usual cases get
         * short ones.
         */
        static String certificateProblem(Throwable e) {
            CertificateException certificate = null;
            for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof CertificateException c && certificate == null) {
                    certificate = c;
                }
                if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                    return "not signed by a trusted CA";
                }
            }
            if (certificate != null) {
                String m = String.valueOf(certificate.getMessage());
                return m.startsWith("No subject alternative") || m.startsWith("No name matching")
                        ? "issued for another host: " + m : m;
            }
            return null; // other handshake failures (a reset, a plain port) may pass: retried as unreachable
        }

        /** The innermost cause says most (e.g. "Connection refused"). */
        private static String describe(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage();
            return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
        }
    }
}
