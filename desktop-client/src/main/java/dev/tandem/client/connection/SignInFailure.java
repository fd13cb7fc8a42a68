package dev.tandem.client.connection;

/**
 * Why a sign-in did not succeed. The connection only classifies; the sentence the person at the keyboard
 * reads is written by the sign-in view model.
 *
 * @param detail what the server or the network said (a close reason, the server's error text), or empty
 */
public record SignInFailure(Kind kind, String detail) {

    public SignInFailure {
        detail = detail == null ? "" : detail;
    }

    public enum Kind {
        /** The name is registered with a different password (the server's {@code wrong_password}). */
        WRONG_PASSWORD,
        /** "Sign in" named no account ({@code unknown_user}): maybe a typo, maybe "Create account" was meant. */
        UNKNOWN_USER,
        /** "Create account" chose a name that is registered already, with another password. */
        NAME_TAKEN,
        /** The server could not be reached at all. */
        UNREACHABLE,
        /** The server's TLS certificate was refused (untrusted CA, or issued for another host): retrying cannot help. */
        UNTRUSTED_CERTIFICATE,
        /** The connection opened but the server never answered the sign-in. */
        NO_ANSWER,
        /** The server closed the connection before answering. */
        CLOSED_EARLY,
        /** The server refused a field (name, password length, ...): {@code invalid} and friends. */
        REJECTED,
        /** The saved session is no longer valid (resume token expired or rejected). */
        SESSION_EXPIRED
    }
}
