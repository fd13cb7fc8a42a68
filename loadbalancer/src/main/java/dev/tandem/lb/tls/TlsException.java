package dev.tandem.lb.tls;

/** A certificate or key that cannot be used, with a message that names the file and says what to do. */
public final class TlsException extends Exception {
    public TlsException(String message) {
        super(message, null, false, false);
    }
}
