package dev.tandem.system.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage.TodoChanged;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.system.support.TandemJar;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The push bomb of issue 13 (item 6), against a real {@code java -jar tandem-server.jar} so that its heap can be
 * sampled: one user keeps {@value #SILENT_WINDOWS} windows that never read, and two more windows of that user
 * toggle a {@value #ITEMS}-item list back and forth ({@value #TOGGLES} toggles, each a {@code todo.changed}
 * of every item, about 250 KB). Before the fix every toggle was queued to every silent window as a copy of
 * its own, without a bound in bytes: the server's heap grew by hundreds of megabytes and ran out.
 * <p>Checked: the heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}) stays under
 * {@value #HEAP_BOUND_MB} MB throughout; every silent window is cut (its bytes pending passed the limit);
 * a window of another user gets each of its own pushes throughout; a new window of the bombing user signs in
 * and resyncs to the final list (its welcome carries the last revision, every item toggled the last way).
 */
@Timeout(300)
class PushBombIT {
    private static final String PASSWORD = "correct horse battery";
    private static final int SILENT_WINDOWS = 8;
    private static final int ITEMS = 1000;
    private static final int TOGGLES = 240;
    /** The heap is sampled after every this many toggles. */
    private static final int SAMPLE_EVERY = 40;
    /**
     * The live heap after a full GC: a started server with a few users is about 20–40 MB; the silent windows
     * may hold the default 8 MiB each, but they share the frames, and the two senders' in-flight pushes add a
     * few megabytes.
     */
    private static final int HEAP_BOUND_MB = 120;

    @Test
    void silentWindowsAreCutAndTheHeapStaysFlat() throws Exception {
        Path logs = Files.createTempDirectory("tandem-push-bomb-");
        try (RunningRedis redis = RedisRunner.start()) {
            int port = RedisRunner.freePort();
            Process server = startServer(redis, port, logs);
            try {
                Http.awaitGet(port, "/health", Duration.ofSeconds(60), r -> r.statusCode() == 200);
                bomb(port, server);
            } finally {
                TandemJar.stop(server, Duration.ofSeconds(20));
            }
        }
    }

    private void bomb(int port, Process server) throws Exception {
        String title = "t".repeat(dev.tandem.model.Limits.MAX_TODO_TITLE);
        List<TestClient> silent = new ArrayList<>();
        try (TestClient first = TestClient.signIn(port, "bomber", PASSWORD);
             TestClient second = TestClient.signIn(port, "bomber", PASSWORD);
             TestClient bystander = TestClient.signIn(port, "bystander", PASSWORD);
             TestClient bystanderOther = TestClient.signIn(port, "bystander", PASSWORD)) {
            for (int i = 0; i < ITEMS; i++) {
                first.send(new ClientMessage.TodoAdd("add-" + i, title));
            }
            first.await(TodoChanged.class, c -> ("add-" + (ITEMS - 1)).equals(c.clientId()));
            long baselineMb = liveHeapMb(server);

            // One at a time: the server checks at most 4 passwords of one account at once and refuses the rest
            // rate_limited before hashing (CI saw it once), which a window that reads nothing would never see.
            for (int i = 0; i < SILENT_WINDOWS; i++) {
                TestClient window = TestClient.connectWithoutReading(port, "bomber");
                window.send(new ClientMessage.SignIn(Protocol.VERSION, "bomber", PASSWORD));
                silent.add(window);
                int signedIn = 4 + i + 1;
                Http.awaitGet(port, "/health", Duration.ofSeconds(30),
                        r -> r.body().contains("\"signedIn\":" + signedIn + ","));
            }

            long mostMb = baselineMb;
            List<Long> samples = new ArrayList<>(List.of(baselineMb));
            boolean completed = false;
            for (int op = 0; op < TOGGLES; op++) {
                completed = op % 2 == 0;
                TestClient sender = completed ? first : second;
                String clientId = "toggle-" + op;
                sender.send(new ClientMessage.TodoToggleAll(clientId, completed));
                sender.await(TodoChanged.class, c -> clientId.equals(c.clientId()));
                if (op % 10 == 0) {
                    // The other user's pushes keep coming, to the window that did not send them too.
                    String mine = "bystander-" + op;
                    bystander.send(new ClientMessage.TodoAdd(mine, "still served " + op));
                    bystanderOther.await(TodoChanged.class, c -> mine.equals(c.clientId()));
                }
                if ((op + 1) % SAMPLE_EVERY == 0) {
                    long mb = liveHeapMb(server);
                    samples.add(mb);
                    mostMb = Math.max(mostMb, mb);
                    assertThat(mb).as("live heap after %d toggles (samples so far %s MB)", op + 1, samples)
                            .isLessThan(HEAP_BOUND_MB);
                }
            }
            System.out.println("PushBombIT: live heap samples (MB) " + samples + ", at most " + mostMb);

            // Every silent window was cut: only the four reading windows are still signed in.
            Http.awaitGet(port, "/health", Duration.ofSeconds(30), r -> r.body().contains("\"signedIn\":4,"));

            // A window of the bomber coming back resyncs to the final list.
            boolean last = completed;
            try (TestClient back = TestClient.signIn(port, "bomber", PASSWORD)) {
                var todos = back.welcome().todos();
                assertThat(todos.revision()).isEqualTo(ITEMS + TOGGLES);
                assertThat(todos.items()).hasSize(ITEMS).allMatch(t -> t.completed() == last);
            }
        } finally {
            silent.forEach(TestClient::close);
        }
    }

    /** The server's heap in use after a full GC, in MB: what is live, not what is yet to be collected. */
    private static long liveHeapMb(Process server) throws Exception {
        jcmd(server, "GC.run");
        String info = jcmd(server, "GC.heap_info");
        // G1: "garbage-first heap   total 262144K, used 1234K"; Serial/Parallel: one such line per generation.
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        long kb = 0;
        boolean any = false;
        while (used.find()) {
            kb += Long.parseLong(used.group(1));
            any = true;
        }
        assertThat(any).as("jcmd GC.heap_info reports the heap in use: %s", info).isTrue();
        return kb / 1024;
    }

    private static String jcmd(Process server, String command) throws Exception {
        Process jcmd = new ProcessBuilder(TandemJar.jdkTool("jcmd"),
                Long.toString(server.pid()), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("jcmd %s finished", command).isTrue();
        assertThat(jcmd.exitValue()).as("jcmd %s: %s", command, out).isZero();
        return out;
    }

    /**
     * The server as users run it, with a heap room enough to show the growth the bomb caused before the fix
     * (1 GB) and a rate limit high enough that the bounded number of toggles runs in seconds.
     */
    private static Process startServer(RunningRedis redis, int port, Path logs) throws Exception {
        System.out.println("PushBombIT: server log " + logs.resolve("bombed.log"));
        return TandemJar.server().jvm("-Xmx1g")
                .args("--port", Integer.toString(port), "--server-id", "bombed", "--host", "127.0.0.1")
                .env("REDIS_URL", redis.url())
                .env("TANDEM_RATE_LIMIT", "5000")
                .env("TANDEM_RATE_BURST", "5000")
                .logTo(logs.resolve("bombed.log"), false)
                .start();
    }
}
