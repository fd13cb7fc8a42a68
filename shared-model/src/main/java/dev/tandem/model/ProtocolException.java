package dev.tandem.model;

/** A message that cannot be accepted: carries the error code, a human message and the request id, if known. */
public class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String ref;

    public ProtocolException(ErrorCode code, String message, String ref) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The client id of the request that caused it, or null. */
    public String ref() {
        return ref;
    }

    /** The error as a server message to send back. */
    public ServerMessage.Error toMessage() {
        return new ServerMessage.Error(code.wire(), getMessage(), ref);
    }
}
