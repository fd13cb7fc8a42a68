package dev.tandem.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.system.support.TandemJar;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server as users run it: two {@code java -jar tandem-server.jar} processes on one real Redis, started
 * with flags and environment as the README says; chat crosses between them; SIGTERM closes clients with 1001.
 */
@Timeout(120)
class ServerProcessIT {

    @Test
    void twoServerProcessesRelayChatThroughRedisAndStopOnSigterm() throws Exception {
        Path logs = Files.createTempDirectory("tandem-server-process-");
        try (RunningRedis redis = RedisRunner.start()) {
            int port1 = RedisRunner.freePort();
            int port2 = RedisRunner.freePort();
            Process s1 = startServer(redis, port1, "p1", logs);
            Process s2 = startServer(redis, port2, "p2", logs);
            try {
                Http.awaitGet(port1, "/health", Duration.ofSeconds(60), r -> r.statusCode() == 200);
                assertThat(Http.awaitGet(port2, "/health", Duration.ofSeconds(60), r -> r.statusCode() == 200).body())
                        .contains("\"serverId\":\"p2\"");

                String token;
                try (TestClient first = TestClient.connect(port1, "ann-proc")) {
                    first.send(new ClientMessage.SignIn(Protocol.VERSION, "ann-proc", "password-ann"));
                    token = first.next(ServerMessage.Welcome.class).resumeToken();
                }
                try (TestClient ann = TestClient.signIn(port1, "ann-proc", "password-ann");
                     TestClient ben = TestClient.signIn(port2, "ben-proc", "password-ben");
                     TestClient cyOnP1 = TestClient.signIn(port1, "cy-proc", "password-cy");
                     TestClient annOnP2 = TestClient.connect(port2, "ann-proc")) {
                    ann.send(new ClientMessage.ChatSend("x1", "across processes"));
                    ChatMessage got = ben.await(ChatMessage.class, m -> "x1".equals(m.clientId()));
                    assertThat(got.author()).isEqualTo("ann-proc");
                    assertThat(got.serverId()).isEqualTo("p1");

                    // A resume token minted by p1 works on p2: they share the cluster secret from the environment.
                    annOnP2.send(new ClientMessage.Resume(Protocol.VERSION, token));
                    assertThat(annOnP2.next(ServerMessage.Welcome.class).serverId()).isEqualTo("p2");
                    // p2 took ann's todo lease, so her window on p1 moves (through a proxy it would reconnect to p2).
                    assertThat(ann.awaitClose()).isEqualTo(CloseCodes.MOVED);

                    s1.destroy(); // SIGTERM
                    assertThat(cyOnP1.awaitClose()).isEqualTo(CloseCodes.GOING_AWAY);
                    assertThat(s1.waitFor(20, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                TandemJar.stop(s1, Duration.ofSeconds(10));
                TandemJar.stop(s2, Duration.ofSeconds(10));
            }
        }
    }

    private static Process startServer(RunningRedis redis, int port, String id, Path logs) throws IOException {
        return TandemJar.server().jvm("-Xmx256m")
                .args("--port", Integer.toString(port), "--server-id", id, "--host", "127.0.0.1")
                .env("REDIS_URL", redis.url())
                .logTo(logs.resolve(id + ".log"), false)
                .start();
    }
}
