package dev.tandem.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resume tokens: {@code <user>.<expiry epoch seconds>.<HMAC-SHA256 signature>}, signed with the cluster
 * secret, so any server of the cluster can verify a token another one minted. Clients treat them as opaque.
 * <p>Rotation: {@link #withPrevious} adds a retired secret whose tokens still verify, so rotating the secret
 * signs nobody out; tokens are only ever minted with the current one. A retired secret is trusted only for
 * tokens that expire by a given instant (the last moment a token minted before the rotation can live), so
 * even a leaked retired secret cannot mint a token that outlives it.
 * <p>Threads: immutable, so thread-safe (a fresh {@link Mac} per call).
 */
public final class ResumeTokens {
    /** How long a token stays valid. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    private static final String ALGORITHM = "HmacSHA256";

    /** A secret that no longer mints, trusted for tokens that expire no later than {@code acceptedUntil}. */
    private record Retired(byte[] secret, long acceptedUntil) {
    }

    private final byte[] secret;
    private final List<Retired> previous;

    public ResumeTokens(byte[] secret) {
        this(checked(secret), List.of());
    }

    private ResumeTokens(byte[] secret, List<Retired> previous) {
        this.secret = secret;
        this.previous = List.copyOf(previous);
    }

    /**
     * These tokens, also accepting those signed with {@code retiredSecret} that expire no later than
     * {@code acceptedUntil}; minting still uses the current secret.
     */
    public ResumeTokens withPrevious(byte[] retiredSecret, Instant acceptedUntil) {
        List<Retired> more = new ArrayList<>(previous);
        more.add(new Retired(checked(retiredSecret), acceptedUntil.getEpochSecond()));
        return new ResumeTokens(secret, more);
    }

    /** How many retired secrets are still accepted (for logs; never the secrets). */
    public int previousSecrets() {
        return previous.size();
    }

    private static byte[] checked(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the cluster secret must be at least 16 bytes");
        }
        return secret.clone();
    }

    /** A token for {@code user}, valid until {@code now + ttl}, signed with the current secret. */
    public String mint(String user, Instant now, Duration ttl) {
        String payload = user + "." + now.plus(ttl).getEpochSecond();
        return payload + "." + sign(secret, payload);
    }

    /**
     * The user the token was minted for, if it has not expired and its signature is the current secret's,
     * or a retired secret's that still trusts a token of that expiry.
     */
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
        String user = payload.substring(0, expiryDot);
        long expiry;
        try {
            expiry = Long.parseLong(payload.substring(expiryDot + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // The expiry is read before any signature is checked, but it only decides which secret may vouch for
        // it: whichever does covers the whole payload, expiry included.
        if (now.getEpochSecond() > expiry || !UserNames.isValid(user)) {
            return Optional.empty();
        }
        byte[] actual = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        if (signedWith(secret, payload, actual)) {
            return Optional.of(user);
        }
        for (Retired retired : previous) {
            if (expiry <= retired.acceptedUntil() && signedWith(retired.secret(), payload, actual)) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    private static boolean signedWith(byte[] key, String payload, byte[] signature) {
        return MessageDigest.isEqual(sign(key, payload).getBytes(StandardCharsets.US_ASCII), signature);
    }

    private static String sign(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            byte[] signature = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
