package dev.tandem.server.limits;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The limit parts a server hands its session layer, made once from its {@link AbuseLimits}.
 *
 * @param addresses tells the client address of a request
 * @param limiter   the shared token buckets (frames, resumes, sign-ins, registrations, room creations)
 * @param signIns   the growing delays after failed sign-ins, and the per-address share of the hash pool
 * @param refusals  the summarised log of refused input
 */
public record Guards(ClientAddress addresses, Limiter limiter, SignInGuard signIns, RefusalLog refusals) {
    /** How often refusals of one cause are summarised in the log. */
    public static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    /** The guards of {@code limits}, with the per-connection frame rate {@code perSecond}, {@code burst}. */
    public static Guards of(AbuseLimits limits, int perSecond, int burst, RedisCommands<String, String> redis,
                            ScheduledExecutorService timers) {
        Limiter limiter = new Limiter(limits, limits.userOr(perSecond, burst), limits.addressOr(perSecond, burst), redis);
        return new Guards(new ClientAddress(limits.trustedProxies()), limiter,
                new SignInGuard(limits, redis), new RefusalLog(timers, LOG_INTERVAL));
    }
}
