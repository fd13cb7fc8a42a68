package dev.tandem.client.connection;

import dev.tandem.model.ErrorCode;
import dev.tandem.model.ServerMessage;

/** What the server's error answer to a sign-in or resume means for the session. */
final class AuthAnswers {
    private AuthAnswers() {
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
        String detail = error.message() == null || error.message().isBlank() ? error.code() : error.message();
        return new SignInFailure(SignInFailure.Kind.REJECTED, detail);
    }
}
