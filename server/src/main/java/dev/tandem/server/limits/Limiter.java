package dev.tandem.server.limits;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared limits a request must pass, each answered with 0 (go ahead) or the milliseconds to wait. A
 * limit that cannot be checked because Redis failed lets the request through: a Redis outage must not turn
 * into refusals of what does not need Redis (a ping), and what does need it fails on its own with
 * {@code unavailable}.
 * <p>Threads: stateless apart from Redis (Lettuce's sync API is thread-safe); called on session threads.
 */
public final class Limiter {
    private static final Logger LOG = LoggerFactory.getLogger(Limiter.class);

    private final AbuseLimits limits;
    private final Rate userRate;
    private final Rate addressRate;
    private final RedisCommands<String, String> redis;

    /** {@code userRate}, {@code addressRate}: frames per user, per address, over all their connections. */
    public Limiter(AbuseLimits limits, Rate userRate, Rate addressRate, RedisCommands<String, String> redis) {
        this.limits = limits;
        this.userRate = userRate;
        this.addressRate = addressRate;
        this.redis = redis;
    }

    /** The buckets of a frame: the user's (when signed in) and the client address's. */
    public List<SharedRate.Bucket> frameBuckets(String user, String address) {
        SharedRate.Bucket byAddress = SharedRate.Bucket.of("addr", address, addressRate);
        return user == null ? List.of(byAddress) : List.of(SharedRate.Bucket.of("user", user, userRate), byAddress);
    }

    /** A frame of {@code user} (null before sign-in) from {@code address}. */
    public long frame(String user, String address) {
        return take("frame", frameBuckets(user, address));
    }

    /** A resume attempt, counted per user and per address. */
    public long resume(String user, String address) {
        return take("resume", List.of(SharedRate.Bucket.of("resume:user", user, limits.resumes()),
                SharedRate.Bucket.of("resume:addr", address, limits.resumesPerAddress())));
    }

    /** A password sign-in attempt from {@code address}, before any hashing. */
    public long signIn(String address) {
        return take("sign-in", List.of(SharedRate.Bucket.of("signin:addr", address, limits.signIns())));
    }

    /** A new account from {@code address}. */
    public long registration(String address) {
        return take("registration", List.of(SharedRate.Bucket.of("register:addr", address, limits.registrations())));
    }

    /** A {@code room.create} of {@code user}. */
    public long roomCreation(String user) {
        return take("room creation", List.of(SharedRate.Bucket.of("room:user", user, limits.roomCreations())));
    }

    private long take(String what, List<SharedRate.Bucket> buckets) {
        try {
            return SharedRate.take(redis, buckets);
        } catch (RuntimeException e) {
            LOG.debug("{} limit not checked (Redis failed): {}", what, e.toString());
            return 0;
        }
    }
}
