package dev.tandem.client.connection;

import dev.tandem.model.ErrorCode;
import dev.tandem.model.ServerMessage;
import java.time.Duration;

/** What the server's error answer to a sign-in or resume means for the session. */
final class AuthAnswers {
    /** The longest wait taken from a server's {@code retryAfterMs}, as the web client has it: past that, a bug. */
    static final Duration LONGEST_SERVER_WAIT = Duration.ofHours(1);

    private AuthAnswers() {
    }

    /**
     * How long the server said no sign-in or resume is taken (its {@code retryAfterMs} on {@code rate_limited});
     * null when it is another error or the wait is missing (a client must accept its absence).
     */
    static Duration serverWait(ServerMessage.Error error) {
        Long ms = error.retryAfterMs();
        if (!ErrorCode.RATE_LIMITED.wire().equals(error.code()) || ms == null || ms <= 0) {
            return null;
        }
        Duration wait = Duration.ofMillis(ms);
        return wait.compareTo(LONGEST_SERVER_WAIT) > 0 ? LONGEST_SERVER_WAIT : wait;
    }

    /** Errors after which a resume cannot succeed by retrying: the session is over. */
    static boolean endsSession(String code) {
        return ErrorCode.BAD_TOKEN.wire().equals(code) || ErrorCode.USER_MISMATCH.wire().equals(code)
                || ErrorCode.UNSUPPORTED_VERSION.wire().equals(code) || ErrorCode.INVALID.wire().equals(code);
    }

    /** The failure of a password sign-in; {@code create} says whether it was "Create account". */
    static SignInFailure signInFailure(ServerMessage.Error error, boolean create) {
        if (ErrorCode.WRONG_PASSWORD.wire().equals(error.code())) {
            return new SignInFailure(create ? SignInFailure.Kind.NAME_TAKEN : SignInFailure.Kind.WRONG_PASSWORD, "");
        }
        if (ErrorCode.UNKNOWN_USER.wire().equals(error.code())) {
            return new SignInFailure(SignInFailure.Kind.UNKNOWN_USER, "");
        }
        if (ErrorCode.RATE_LIMITED.wire().equals(error.code())) {
            // Too many attempts for the name or from this address: the password was not checked.
            Duration wait = serverWait(error);
            return new SignInFailure(SignInFailure.Kind.RATE_LIMITED, error.message(),
                    wait != null ? wait : Sender.RETRY_REFUSED_AFTER);
        }
        String detail = error.message() == null || error.message().isBlank() ? error.code() : error.message();
        return new SignInFailure(SignInFailure.Kind.REJECTED, detail);
    }
}
