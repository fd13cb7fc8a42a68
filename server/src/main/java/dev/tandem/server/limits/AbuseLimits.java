package dev.tandem.server.limits;

import java.time.Duration;
import java.util.List;

/**
 * Every limit that holds across connections and servers, with its default. One field of the server's config.
 *
 * @param trustedProxies    peer addresses whose {@code X-Forwarded-For} is believed (exact IP literals);
 *                          any other peer is itself the client address
 * @param user              frames per user, over all their connections on every server (null: the
 *                          per-connection rate, so one user with many windows gets what one window gets)
 * @param address           frames per client address, over all its connections and users (null: ten times
 *                          the per-connection rate and burst, so raising {@code --rate-limit} raises it too)
 * @param registrations     new accounts per client address (default 50 at once, then 100 an hour: an office
 *                          behind one NAT address can sign up together)
 * @param roomCreations     {@code room.create} per user
 * @param resumes           resume attempts per user
 * @param resumesPerAddress resume attempts per client address: far more than one user's, because after a
 *                          restart every desktop app behind an office's one NAT address resumes at once
 * @param signIns           password attempts per client address, before any hashing (what hashing costs is
 *                          bounded by {@code hashingPerAddress}; this only stops a flood of cheap refusals,
 *                          so it leaves room for an office signing in together)
 * @param failures          the growing delays after failed password sign-ins
 * @param hashingPerAddress password checks of one client address, and of one account, waiting for or in a
 *                          server's hash pool at once; further ones are refused before hashing, so neither
 *                          one address nor a crowd trying one account can fill the pool
 */
public record AbuseLimits(List<String> trustedProxies, Rate user, Rate address, Rate registrations,
                          Rate roomCreations, Rate resumes, Rate resumesPerAddress, Rate signIns, Failures failures,
                          int hashingPerAddress) {

    /** Loopback only: the proxy on the same machine. */
    public static final List<String> DEFAULT_TRUSTED_PROXIES = List.of("127.0.0.1", "::1", "0:0:0:0:0:0:0:1");

    /**
     * Growing delays after failed sign-ins: after {@code free} failures in a row, each further one waits
     * {@code first}, doubling per failure up to {@code longest}. Kept per account and per client address;
     * a success clears the account's and the address's count, {@code forget} of quiet clears them too.
     */
    public record Failures(int free, Duration first, Duration longest, Duration forget) {
        public static Failures defaults() {
            return new Failures(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));
        }

        /** For tests that fail sign-ins on purpose and are not about delays. */
        public static Failures none() {
            return new Failures(1_000_000, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1));
        }
    }

    /** What a real deployment gets: each limit well above what a person with a few windows does. */
    public static AbuseLimits defaults() {
        return new AbuseLimits(DEFAULT_TRUSTED_PROXIES, null, null, new Rate(100 / 3600.0, 50),
                new Rate(1 / 60.0, 10), new Rate(1, 20), new Rate(50, 500), new Rate(20, 100), Failures.defaults(), 4);
    }

    /**
     * For tests: every test client comes from 127.0.0.1 and many sign in as one user, so nothing is limited
     * unless a test asks for it ({@code with*}).
     */
    public static AbuseLimits unlimited() {
        return new AbuseLimits(DEFAULT_TRUSTED_PROXIES, Rate.unlimited(), Rate.unlimited(), Rate.unlimited(),
                Rate.unlimited(), Rate.unlimited(), Rate.unlimited(), Rate.unlimited(), Failures.none(), 1_000_000);
    }

    public AbuseLimits withTrustedProxies(List<String> proxies) {
        return new AbuseLimits(List.copyOf(proxies), user, address, registrations, roomCreations, resumes, resumesPerAddress, signIns, failures, hashingPerAddress);
    }

    public AbuseLimits withUser(Rate rate) {
        return new AbuseLimits(trustedProxies, rate, address, registrations, roomCreations, resumes, resumesPerAddress, signIns, failures, hashingPerAddress);
    }

    public AbuseLimits withAddress(Rate rate) {
        return new AbuseLimits(trustedProxies, user, rate, registrations, roomCreations, resumes, resumesPerAddress, signIns, failures, hashingPerAddress);
    }

    public AbuseLimits withRegistrations(Rate rate) {
        return new AbuseLimits(trustedProxies, user, address, rate, roomCreations, resumes, resumesPerAddress, signIns, failures, hashingPerAddress);
    }

    public AbuseLimits withRoomCreations(Rate rate) {
        return new AbuseLimits(trustedProxies, user, address, registrations, rate, resumes, resumesPerAddress, signIns, failures, hashingPerAddress);
    }

    public AbuseLimits withResumes(Rate rate) {
        return new AbuseLimits(trustedProxies, user, address, registrations, roomCreations, rate, resumesPerAddress, signIns, failures, hashingPerAddress);
    }

    public AbuseLimits withResumesPerAddress(Rate rate) {
        return new AbuseLimits(trustedProxies, user, address, registrations, roomCreations, resumes, rate, signIns, failures, hashingPerAddress);
    }

    public AbuseLimits withSignIns(Rate rate) {
        return new AbuseLimits(trustedProxies, user, address, registrations, roomCreations, resumes, resumesPerAddress, rate, failures, hashingPerAddress);
    }

    public AbuseLimits withFailures(Failures delays) {
        return new AbuseLimits(trustedProxies, user, address, registrations, roomCreations, resumes, resumesPerAddress, signIns, delays, hashingPerAddress);
    }

    public AbuseLimits withHashingPerAddress(int max) {
        return new AbuseLimits(trustedProxies, user, address, registrations, roomCreations, resumes, resumesPerAddress, signIns, failures, max);
    }

    /** The per-address frame rate: {@link #address} or, when null, ten times the per-connection one. */
    public Rate addressOr(int perSecond, int burst) {
        return address != null ? address : new Rate(10.0 * perSecond, 10 * burst);
    }

    /** The per-user frame rate: {@link #user} or, when null, the per-connection one. */
    public Rate userOr(int perSecond, int burst) {
        return user != null ? user : new Rate(perSecond, burst);
    }
}
