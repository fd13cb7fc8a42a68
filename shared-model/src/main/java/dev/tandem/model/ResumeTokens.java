package dev.tandem.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resume tokens: {@code <user>.<expiry epoch seconds>.<HMAC-SHA256 signature>}, signed with the cluster
 * secret, so any server of the cluster can verify a token another one minted. Clients treat them as opaque.
 * Thread-safe (stateless; a fresh {@link Mac} per call).
 */
public final class ResumeTokens {
    /** How long a token stays valid. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;

    public ResumeTokens(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the cluster secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    /** A token for {@code user}, valid until {@code now + ttl}. */
    public String mint(String user, Instant now, Duration ttl) {
        String payload = user + "." + now.plus(ttl).getEpochSecond();
        return payload + "." + sign(payload);
    }

    /** The user the token was minted for, if the signature is valid and it has not expired. */
    public Optional<String> verify(String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        // user.expiry.signature: the signature and the expiry hold no dot, but a user name may, so both
        // separators are found from the right.
        int lastDot = token.lastIndexOf('.');
        int expiryDot = lastDot <= 0 ? -1 : token.lastIndexOf('.', lastDot - 1);
        if (expiryDot <= 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, lastDot);
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        String user = payload.substring(0, expiryDot);
        long expiry;
        try {
            expiry = Long.parseLong(payload.substring(expiryDot + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (now.getEpochSecond() > expiry || !UserNames.isValid(user)) {
            return Optional.empty();
        }
        return Optional.of(user);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            byte[] signature = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
