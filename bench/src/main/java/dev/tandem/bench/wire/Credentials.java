package dev.tandem.bench.wire;

/**
 * How a bench client signs in: a resume token minted from the cluster secret (cheap, for load) or a
 * password (deliberately slow on the server: the {@code signins} figure). Never logged.
 */
public sealed interface Credentials {

    record Token(String token) implements Credentials {
        @Override
        public String toString() {
            return "Token[***]";
        }
    }

    record Password(String password) implements Credentials {
        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    /** No credentials: the peer trusts the user named in the URL (the Socket.IO relay). */
    record None() implements Credentials {
    }
}
