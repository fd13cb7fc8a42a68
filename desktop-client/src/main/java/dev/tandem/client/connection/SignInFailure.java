package dev.tandem.client.connection;

import java.time.Duration;

/**
 * Why a sign-in did not succeed. The connection only classifies; the sentence the person at the keyboard
 * reads is written by the sign-in view model.
 *
 * @param detail     what the server or the network said (a close reason, the server's error text), or empty
 * @param retryAfter for {@link Kind#RATE_LIMITED}: how long no attempt can succeed (the server's
 *                   {@code retryAfterMs}); zero for every other kind
 */
public record SignInFailure(Kind kind, String detail, Duration retryAfter) {

    public SignInFailure {
        detail = detail == null ? "" : detail;
        retryAfter = retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    public SignInFailure(Kind kind, String detail) {
        this(kind, detail, Duration.ZERO);
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
        /**
         * Too many sign-in attempts for the account or from this address ({@code rate_limited}): the password
         * was not checked, and no attempt before {@link #retryAfter()} can succeed.
         */
        RATE_LIMITED,
        /** The server refused a field (name, password length, ...): {@code invalid} and friends. */
        REJECTED,
        /** The saved session is no longer valid (resume token expired or rejected). */
        SESSION_EXPIRED
    }
}
