package dev.tandem.client.connection;

/** Why a sign-in did not succeed, with a message meant for the person at the keyboard. */
public record SignInFailure(Kind kind, String message) {

    public enum Kind {
        /** The name is registered with a different password (the server's {@code wrong_password}). */
        WRONG_PASSWORD,
        /** The server could not be reached or closed before answering. */
        UNREACHABLE,
        /** The server refused a field (name, password length, ...): {@code invalid} and friends. */
        REJECTED,
        /** The saved session is no longer valid (resume token expired or rejected). */
        SESSION_EXPIRED
    }
}
