package dev.tandem.lb.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP reloads the certificate and key (the usual signal for "re-read your files", as nginx and HAProxy
 * take it; certbot-style renewals end with {@code systemctl reload} or {@code kill -HUP}). A signal rather
 * than a file watcher: a renewal replaces two files one after the other, and a watcher would catch the
 * moment between them, when the key no longer matches the certificate.
 * <p>
 * Threads: the JVM runs the handler on a short-lived thread of its own per signal; {@link TlsContext#reload}
 * is safe from any thread. Installing the handler also stops SIGHUP from ending the JVM (its default). A
 * process started under {@code nohup} has SIGHUP ignored, and the JVM keeps it so: that is logged as a warning.
 */
public final class ReloadOnHangup {
    private static final Logger log = LoggerFactory.getLogger(ReloadOnHangup.class);

    private ReloadOnHangup() {
    }

    /** Installs the handler; where the platform has no SIGHUP (Windows) it logs that and does nothing. */
    public static void install(TlsContext tls) {
        try {
            SignalHandler before = Signal.handle(new Signal("HUP"), signal -> {
                log.info("SIGHUP: reloading the TLS certificate and key");
                tls.reload();
            });
            if (before == SignalHandler.SIG_IGN) {
                // The JVM keeps a signal ignored at its start ignored (nohup does that), silently.
                log.warn("SIGHUP is ignored in this process (started under nohup?): it cannot reload the TLS "
                        + "certificate; start the proxy without nohup, or restart it after replacing the files");
            }
        } catch (IllegalArgumentException e) {
            log.warn("no SIGHUP on this platform ({}); restart the proxy to change its certificate", e.getMessage());
        }
    }
}
