package dev.tandem.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password guessing against the real server with the default sign-in limits (issue 13 item 6, issue 16):
 * floods of failing sign-ins, from one address and against one account from many, do not starve another
 * user's sign-in, and one attacker reconnecting gets a handful of guesses, not one per hash. Client addresses
 * are told the way the proxy tells them, with {@code X-Forwarded-For} from loopback (a trusted proxy).
 */
@Timeout(240)
class SignInFairnessIT {
    private static final Logger LOG = LoggerFactory.getLogger(SignInFairnessIT.class);
    private static final String PASSWORD = "correct horse";
    private static final String WRONG = "wrong guess";

    /** A real work factor (half the default), so the hash pool is the bottleneck it is in production. */
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(100_000)
            .withLimits(AbuseLimits.defaults().withAddress(Rate.unlimited()).withRegistrations(Rate.unlimited())));

    @Test
    void aLegitimateSignInSucceedsWhile400FailingOnesRun() {
        String alice = TandemCluster.newUser("alice");
        String victim = TandemCluster.newUser("victim");
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            targets.add(TandemCluster.newUser("target" + i));
        }
        register(alice);
        register(victim);
        targets.forEach(SignInFairnessIT::register);

        List<TestClient> attackers = new ArrayList<>();
        try {
            // 200 from one address against five accounts, and 200 from 200 addresses against one account.
            for (int i = 0; i < 200; i++) {
                String target = targets.get(i % targets.size());
                attackers.add(TestClient.connectFrom(cluster.port(1), target, "10.66.0.1"));
                attackers.get(attackers.size() - 1).send(signIn(target, WRONG));
                attackers.add(TestClient.connectFrom(cluster.port(1), victim, "10.77." + (i / 250) + "." + (i % 250)));
                attackers.get(attackers.size() - 1).send(signIn(victim, WRONG));
            }
            try (TestClient real = TestClient.connectFrom(cluster.port(1), alice, "10.0.0.7")) {
                real.send(signIn(alice, PASSWORD));
                ServerMessage answer = real.next();
                assertThat(answer).as("alice's sign-in during the flood").isInstanceOf(ServerMessage.Welcome.class);
            }
            Map<String, Integer> answers = new TreeMap<>();
            for (TestClient attacker : attackers) {
                answers.merge(attacker.next(ServerMessage.Error.class).code(), 1, Integer::sum);
            }
            LOG.info("answers to 400 failing sign-ins: {}", answers);
            assertThat(answers).doesNotContainKey(ErrorCode.UNAVAILABLE.wire());
            assertThat(answers.getOrDefault(ErrorCode.RATE_LIMITED.wire(), 0)).isPositive();
        } finally {
            attackers.forEach(TestClient::close);
        }
    }

    @Test
    void oneAttackerReconnectingGetsAFewGuessesNotOnePerHash() {
        String victim = TandemCluster.newUser("guessed");
        register(victim);
        int guesses = 0;
        int limited = 0;
        long start = System.nanoTime();
        long until = start + 10_000_000_000L;
        while (System.nanoTime() < until) {
            try (TestClient attacker = TestClient.connectFrom(cluster.port(1), victim, "10.99.0.1")) {
                for (int i = 0; i < 5 && System.nanoTime() < until; i++) {
                    attacker.send(signIn(victim, WRONG));
                    ServerMessage.Error error = attacker.next(ServerMessage.Error.class);
                    if (error.code().equals(ErrorCode.WRONG_PASSWORD.wire())) {
                        guesses++;
                    } else {
                        assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED.wire());
                        assertThat(error.retryAfterMs()).isPositive().isLessThanOrEqualTo(30_000L);
                        limited++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("one reconnecting attacker: {} guesses in {} s ({} per s), {} refused before hashing", guesses,
                String.format("%.1f", seconds), String.format("%.2f", guesses / seconds), limited);
        // 5 free, then waits of 1, 2, 4, 8, 16 s: within 10 s (or a slow machine's longer run), 5 + one per
        // doubling that fits; the unlimited server gave ~19 a second.
        assertThat(guesses).isLessThanOrEqualTo(5 + 1 + (int) (Math.log(Math.max(1, seconds)) / Math.log(2)) + 1);
        assertThat(limited).isPositive();

        // Its owner, from another address, is kept waiting no longer than the longest delay, then signs in.
        try (TestClient owner = TestClient.connectFrom(cluster.port(1), victim, "10.0.0.8")) {
            owner.send(signIn(victim, PASSWORD));
            ServerMessage answer = owner.next();
            if (answer instanceof ServerMessage.Error error) {
                assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED.wire());
                assertThat(error.retryAfterMs()).isLessThanOrEqualTo(30_000L);
            } else {
                assertThat(answer).isInstanceOf(ServerMessage.Welcome.class);
            }
        }
    }

    private static ClientMessage.SignIn signIn(String user, String password) {
        return new ClientMessage.SignIn(Protocol.VERSION, user, password, null, null);
    }

    private static void register(String user) {
        TestClient.signIn(cluster.port(1), user, PASSWORD).close();
    }
}
