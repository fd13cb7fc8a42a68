package dev.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.bench.scenario.Connections;
import dev.tandem.bench.scenario.FanoutResult;
import dev.tandem.bench.scenario.Flood;
import dev.tandem.bench.scenario.RoomsResult;
import dev.tandem.bench.scenario.Signins;
import dev.tandem.bench.scenario.TodosResult;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.TandemServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run of every scenario against a real Redis and two real servers (a cluster: chat crosses
 * Redis between them). Asserts only that each run completes with nothing lost or duplicated, never a
 * speed: speed is what the benchmark itself reports.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchSmokeIT {
    private static RunningRedis redis;
    private static final List<TandemServer> servers = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        redis = RedisRunner.start();
        for (String id : List.of("s1", "s2")) {
            servers.add(TandemServer.start(ServerConfig.forTests(redis.url(), id)
                    .withRateLimit(1000, 2000)
                    // Sign-ins stay a real PBKDF2 hash, just a cheap one, to keep the build fast.
                    .withPbkdf2Iterations(1000)));
        }
    }

    @AfterAll
    static void stopCluster() {
        servers.forEach(TandemServer::stop);
        if (redis != null) {
            redis.close();
        }
    }

    private static String url(int server) {
        return "ws://127.0.0.1:" + servers.get(server).port() + "/ws";
    }

    /** A small flood: both bystanders get every own message back, and the JSON has both figures. */
    @Test
    void floodTimesBothBystandersAndLosesNothingOfTheirs(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("flood.json");
        BenchOptions options = BenchOptions.of(name -> null, new String[] {"flood", "--url", url(0), "--url", url(1),
                "--clients", "4", "--rate", "40", "--probe-rate", "10", "--size", "64", "--warmup", "0.5",
                "--duration", "2", "--drain", "10", "--threads", "2", "--secret", ServerConfig.TEST_SECRET,
                "--user-prefix", "smoke-x-", "--json", json.toString()});

        BenchRun run = BenchRun.execute(options);
        Flood.Result r = (Flood.Result) run.result();

        assertThat(r.floodPosted()).isPositive();
        assertThat(r.near().count()).isPositive();
        assertThat(r.far().count()).isPositive();
        assertThat(r.nearLost()).isZero();
        assertThat(r.farLost()).isZero();
        assertThat(r.nearDisconnects() + r.farDisconnects()).isZero();
        run.writeJson(json);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        JsonNode near = doc.path("results").path("bystanderOnFloodersServer");
        assertThat(near.path("ownMessageLatency").path("p99Ms").isNumber()).isTrue();
        assertThat(doc.path("results").path("bystanderOnOtherServer").path("lost").asLong()).isZero();
    }

    @Test
    void fanoutAcrossTwoServersLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("fanout.json");
        BenchOptions options = BenchOptions.of(name -> null, new String[] {"fanout", "--url", url(0), "--url", url(1),
                "--clients", "12", "--senders", "3", "--rate", "60", "--size", "64", "--warmup", "0.5",
                "--duration", "2", "--threads", "2", "--secret", ServerConfig.TEST_SECRET, "--user-prefix", "smoke-f-",
                "--rate-limit-setting", "1000/s", "--json", json.toString()});

        BenchRun run = BenchRun.execute(options);
        FanoutResult r = (FanoutResult) run.result();

        assertThat(r.clientsReady()).isEqualTo(12);
        assertThat(r.clientsPerServer()).containsOnlyKeys("s1", "s2");
        assertThat(r.messagesMeasured()).isPositive();
        assertThat(r.expectedDeliveries()).isEqualTo(r.messagesMeasured() * 12);
        assertThat(r.lost()).isZero();
        assertThat(r.duplicates()).isZero();
        assertThat(r.deliveries()).isEqualTo(r.expectedDeliveries());
        assertThat(r.errors()).isZero();
        assertThat(r.disconnects()).isZero();
        assertThat(r.latency().count()).isEqualTo(r.deliveries());
        assertThat(r.announcedRateLimit()).isEqualTo(1000);
        assertThat(run.table()).contains("lost", "0 of " + r.expectedDeliveries());
        run.writeJson(json);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.path("machine").path("cores").asInt()).isPositive();
        assertThat(doc.path("parameters").path("clients").asInt()).isEqualTo(12);
        assertThat(doc.path("parameters").toString()).doesNotContain(ServerConfig.TEST_SECRET);
        assertThat(doc.path("rateLimit").path("serverSetting").asText()).isEqualTo("1000/s");
        assertThat(doc.path("results").path("lost").asLong()).isZero();
    }

    @Test
    void roomMessagesReachExactlyTheirMembersOnBothServersAndAgainOnASecondRun() throws Exception {
        // Twice: the second run finds its rooms already there (kept from run to run) and joins them.
        for (int run = 0; run < 2; run++) {
            BenchOptions options = BenchOptions.of(name -> null, new String[] {"rooms", "--url", url(0), "--url", url(1),
                    "--clients", "14", "--rooms", "3", "--room-size", "4", "--rate", "30", "--big-rate", "10",
                    "--big-senders", "2", "--size", "64", "--warmup", "0.5", "--duration", "2", "--threads", "2",
                    "--secret", ServerConfig.TEST_SECRET, "--user-prefix", "smoke-m-"});
            BenchRun bench = BenchRun.execute(options);
            RoomsResult r = (RoomsResult) bench.result();

            assertThat(r.clientsReady()).isEqualTo(14);
            assertThat(r.clientsPerServer()).containsOnlyKeys("s1", "s2");
            assertThat(r.smallRooms().messagesMeasured()).as("run %d", run).isPositive();
            assertThat(r.smallRooms().expected()).isEqualTo(r.smallRooms().messagesMeasured() * 4);
            assertThat(r.smallRooms().deliveries()).isEqualTo(r.smallRooms().expected());
            assertThat(r.general().messagesMeasured()).isPositive();
            assertThat(r.general().expected()).isEqualTo(r.general().messagesMeasured() * 14);
            assertThat(r.general().deliveries()).isEqualTo(r.general().expected());
            assertThat(r.smallRooms().lost() + r.general().lost()).isZero();
            assertThat(r.smallRooms().duplicates() + r.general().duplicates()).isZero();
            assertThat(r.misdelivered()).as("a room's messages reach only its members").isZero();
            assertThat(r.errors()).isZero();
            assertThat(r.disconnects()).isZero();
            assertThat(bench.table()).contains("misdelivered", "general: latency ms");
        }
    }

    @Test
    void aSecondFanoutRunWithTheSameUsersIsPostedAgain() throws Exception {
        // The server answers a chat.send whose (user, clientId) it saw within 10 minutes with the original
        // message instead of posting it: a second run's client ids must differ from the first's.
        for (int run = 0; run < 2; run++) {
            BenchOptions options = BenchOptions.of(name -> null, new String[] {"fanout", "--url", url(0), "--clients", "4",
                    "--senders", "2", "--rate", "40", "--size", "64", "--warmup", "0", "--duration", "1",
                    "--drain", "3", "--threads", "2", "--secret", ServerConfig.TEST_SECRET, "--user-prefix", "smoke-r-"});
            FanoutResult r = (FanoutResult) BenchRun.execute(options).result();
            assertThat(r.messagesMeasured()).as("run %d", run).isPositive();
            assertThat(r.lost()).as("run %d", run).isZero();
            assertThat(r.deliveries()).as("run %d", run).isEqualTo(r.expectedDeliveries());
        }
    }

    @Test
    void todoChangesAreAcknowledgedAcrossTwoServersAndAgainOnTheSameLists(@TempDir Path dir) throws Exception {
        long pid = ProcessHandle.current().pid();
        for (int run = 0; run < 2; run++) {
            Path json = dir.resolve("todos-" + run + ".json");
            BenchOptions options = BenchOptions.of(name -> null, new String[] {"todos", "--url", url(0), "--url", url(1),
                    "--clients", "6", "--rate", "60", "--max-items", "5", "--warmup", "0.5", "--duration", "1.5",
                    "--drain", "3", "--threads", "2", "--secret", ServerConfig.TEST_SECRET, "--user-prefix", "smoke-t-",
                    "--pid", "self=" + pid, "--rate-limit-setting", "1000/s", "--json", json.toString()});

            BenchRun bench = BenchRun.execute(options);
            TodosResult r = (TodosResult) bench.result();

            assertThat(r.clientsReady()).isEqualTo(6);
            assertThat(r.clientsPerServer()).containsOnlyKeys("s1", "s2");
            assertThat(r.changesSent()).isPositive();
            assertThat(r.changesAcked()).isEqualTo(r.changesSent());
            assertThat(r.changesRefused()).isZero();
            assertThat(r.unanswered()).isZero();
            assertThat(r.errorsByCode()).isEmpty();
            assertThat(r.answeredWithList()).as("a change taken for a resend").isZero();
            assertThat(r.disconnects()).isZero();
            assertThat(r.latency().count()).isEqualTo(r.changesAcked());
            assertThat(r.ackedByOp().get("add")).isPositive();
            assertThat(r.itemsAtEnd()).isLessThanOrEqualTo(6 * 5);
            assertThat(r.processCores()).containsKey("self");
            if (run == 1) {
                // The lists the first run left are the starting point of the second (they are in Redis).
                assertThat(r.itemsAtStart()).isPositive();
                assertThat(r.ackedByOp().values().stream().mapToLong(Long::longValue).sum() - r.ackedByOp().get("add"))
                        .isPositive();
            }
            bench.writeJson(json);
            JsonNode doc = new ObjectMapper().readTree(json.toFile());
            assertThat(doc.path("parameters").path("scenario").asText()).isEqualTo("todos");
            assertThat(doc.path("parameters").path("maxItems").asInt()).isEqualTo(5);
            assertThat(doc.path("results").path("latency").path("p999Ms").isNumber()).isTrue();
            assertThat(doc.path("rateLimit").path("announcedByServer").asInt()).isEqualTo(1000);
        }
    }

    @Test
    void connectionsAreOpenedHeldAndMeasured() throws Exception {
        long pid = ProcessHandle.current().pid();
        BenchOptions options = BenchOptions.of(name -> null, new String[] {"connections", "--url", url(0), "--clients", "20",
                "--connect-rate", "200", "--duration", "0.5", "--secret", ServerConfig.TEST_SECRET,
                "--user-prefix", "smoke-c-", "--pid", "self=" + pid});

        Connections.Result r = (Connections.Result) BenchRun.execute(options).result();

        assertThat(r.opened()).isEqualTo(20);
        assertThat(r.failed()).isZero();
        assertThat(r.stillOpen()).isEqualTo(20);
        assertThat(r.rss().get("self").beforeKiB()).isPositive();
        assertThat(r.rss().get("self").afterKiB()).isPositive();
        // This test's JVM is a JVM, so its live heap is measured too (jcmd on ourselves).
        assertThat(r.rss().get("self").liveHeapBeforeKiB()).isPositive();
        assertThat(r.rss().get("self").liveHeapAfterKiB()).isPositive();
    }

    @Test
    void passwordSignInsSucceedWithoutErrors() throws Exception {
        BenchOptions options = BenchOptions.of(name -> null, new String[] {"signins", "--url", url(1), "--clients", "2",
                "--warmup", "0.5", "--duration", "1.5", "--user-prefix", "smoke-s-"});

        BenchRun run = BenchRun.execute(options);
        Signins.Result r = (Signins.Result) run.result();

        assertThat(r.signIns()).isPositive();
        assertThat(r.errors()).isZero();
        assertThat(r.failedConnections()).isZero();
        assertThat(run.document()).containsKeys("machine", "parameters", "rateLimit", "results");
    }
}
