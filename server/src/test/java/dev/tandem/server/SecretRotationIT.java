package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Protocol;
import dev.tandem.model.ResumeTokens;
import dev.tandem.model.ServerMessage;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.support.TestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the cluster secret on real servers sharing a real Redis: a server started with current = B and
 * previous = A resumes tokens another server minted under A and mints under B; one with B alone refuses A's.
 * The previous secret comes from a file whose modification time is the rotation, read by the real flags.
 */
@Timeout(90)
class SecretRotationIT {
    private static final String PASSWORD = "correct horse battery";
    private static final String SECRET_A = "the secret before the rotation: A-0123456789";
    private static final String SECRET_B = "the secret after the rotation: B-9876543210";

    private static RunningRedis redis;
    private final List<TandemServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() {
        redis = RedisRunner.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(TandemServer::stop);
    }

    @Test
    void aTokenMintedUnderAResumesWhereAIsPreviousAndNotWhereOnlyBIs() throws IOException {
        TandemServer onA = start(id -> config(id, SECRET_A, null), "on-a");
        String user = newUser("rotating");
        String underA;
        try (TestClient client = TestClient.connect(onA.port(), user)) {
            client.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD));
            underA = client.next(ServerMessage.Welcome.class).resumeToken();
        }
        Path previous = secretFile("previous", SECRET_A, Instant.now());
        TandemServer rotated = start(id -> config(id, SECRET_B, previous), "rotated");
        TandemServer onlyB = start(id -> config(id, SECRET_B, null), "only-b");

        ServerMessage.Welcome resumed = resume(rotated, user, underA);
        assertThat(resumed.user()).isEqualTo(user);
        assertThat(resumed.serverId()).isEqualTo("rotated");

        assertRefused(onlyB, user, underA);

        // The rotated server's own tokens are signed with B: good where only B is, not where only A is.
        String underB = resumed.resumeToken();
        assertThat(resume(onlyB, user, underB).user()).isEqualTo(user);
        assertRefused(onA, user, underB);
        String fresh;
        try (TestClient client = TestClient.connect(rotated.port(), user)) {
            client.send(new ClientMessage.SignIn(Protocol.VERSION, user, PASSWORD, false));
            fresh = client.next(ServerMessage.Welcome.class).resumeToken();
        }
        assertThat(resume(onlyB, user, fresh).user()).isEqualTo(user);
    }

    @Test
    void aPreviousSecretTrustsWhatItSignedForAWeekAfterTheRotationThenNothing() throws IOException {
        Instant now = Instant.now();
        ResumeTokens a = new ResumeTokens(SECRET_A.getBytes(StandardCharsets.UTF_8));
        String user = newUser("weekly");
        TestClient.signIn(start(id -> config(id, SECRET_B, null), "register").port(), user, PASSWORD).close();
        // Minted six days ago, just before a rotation: it has a day left.
        String sixDaysOld = a.mint(user, now.minus(Duration.ofDays(6)), ResumeTokens.DEFAULT_TTL);

        Path recent = secretFile("recent", SECRET_A, now.minus(Duration.ofDays(6)).plusSeconds(60));
        assertThat(resume(start(id -> config(id, SECRET_B, recent), "recent"), user, sixDaysOld).user()).isEqualTo(user);

        // Rotated eight days ago: anything A signed before has expired, so A is trusted with nothing now,
        // not even a token that claims a later expiry (which only someone holding A after the rotation can make).
        Path old = secretFile("old", SECRET_A, now.minus(Duration.ofDays(8)));
        TandemServer pastIt = start(id -> config(id, SECRET_B, old), "past-it");
        assertRefused(pastIt, user, a.mint(user, now.minus(Duration.ofDays(1)), ResumeTokens.DEFAULT_TTL));
        assertRefused(pastIt, user, a.mint(user, now, ResumeTokens.DEFAULT_TTL));
    }

    /** A server configured from the real flags and their environment twins, on a random loopback port. */
    private ServerConfig config(String id, String secret, Path previousFile) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--server-id", id,
                "--pbkdf2-iterations", Integer.toString(ServerConfig.TEST_PBKDF2_ITERATIONS)));
        Map<String, String> env = previousFile == null
                ? Map.of("REDIS_URL", redis.url(), "TANDEM_CLUSTER_SECRET", secret)
                : Map.of("REDIS_URL", redis.url(), "TANDEM_CLUSTER_SECRET", secret,
                        "TANDEM_PREVIOUS_SECRET_FILE", previousFile.toString());
        ServerOptions.Parsed parsed = ServerOptions.parse(args.toArray(String[]::new), env::get);
        assertThat(parsed.config()).as("parsed %s: %s", args, parsed.output()).isNotNull();
        return parsed.config();
    }

    private TandemServer start(java.util.function.Function<String, ServerConfig> config, String id) {
        TandemServer server = TandemServer.start(config.apply(id));
        servers.add(server);
        return server;
    }

    private Path secretFile(String name, String secret, Instant modified) throws IOException {
        Path file = dir.resolve(name + "-secret");
        Files.writeString(file, secret + "\n");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static ServerMessage.Welcome resume(TandemServer server, String user, String token) {
        try (TestClient client = TestClient.connect(server.port(), user)) {
            client.send(new ClientMessage.Resume(Protocol.VERSION, token));
            return client.next(ServerMessage.Welcome.class);
        }
    }

    private static void assertRefused(TandemServer server, String user, String token) {
        try (TestClient client = TestClient.connect(server.port(), user)) {
            client.send(new ClientMessage.Resume(Protocol.VERSION, token));
            client.nextError("bad_token");
            assertThat(client.awaitClose()).isEqualTo(CloseCodes.AUTH_FAILED);
        }
    }
}
