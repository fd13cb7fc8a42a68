package dev.tandem.bench.scenario;

import dev.tandem.bench.wire.Credentials;
import dev.tandem.model.ResumeTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Resume tokens minted from the cluster secret, one per bench user: the bench signs its users in without
 * the deliberately slow password hash, which would otherwise dominate every fan-out figure.
 */
public final class TokenCredentials implements Function<String, Credentials> {
    /** Long enough for any bench run; tokens are minted when a client is created. */
    private static final Duration TTL = Duration.ofHours(2);

    private final ResumeTokens tokens;

    public TokenCredentials(String clusterSecret) {
        this.tokens = new ResumeTokens(clusterSecret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Credentials apply(String user) {
        return new Credentials.Token(tokens.mint(user, Instant.now(), TTL));
    }
}
