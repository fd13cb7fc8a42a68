package dev.tandem.system.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ServerMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * "Nothing lost" through the real script: {@code ./tandem restart NAME}, a kill -9 (of Redis, of a server)
 * that {@code status} names and {@code up} repairs, {@code restart --rolling} under chat load, and a full
 * {@code down} / {@code up}.
 * One backend (persistent Redis, two servers, the proxy) for the class, on ports the test chose, under a
 * state directory of its own; the tests run in order and each leaves the backend up and healthy.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TandemRestartIT {
    private static final String PASSWORD = "password-of-the-test";
    private static final Duration GONE = Duration.ofSeconds(20);

    private static TandemScript tandem;
    private static Chatter chat;
    private static List<String> todosBeforeDown = List.of();

    @BeforeAll
    static void up() throws IOException {
        tandem = TandemScript.onFreePorts("tandem-restart-")
                // The chat load posts 20 a second plus its resends: above the default per-connection limit.
                .with("TANDEM_RATE_LIMIT", "200")
                .withQuickJvms(); // these tests restart servers and the proxy often
        int lbPort = tandem.lbPort();
        chat = new Chatter(lbPort);

        TandemScript.Result up = tandem.run("up", "--servers", "2");

        assertThat(up.exitCode()).as("./tandem up said:\n%s", up.output()).isZero();
    }

    @AfterAll
    static void stopAndWipe() throws IOException {
        if (tandem == null) {
            return;
        }
        tandem.downAndWipe();
    }

    @Test
    @Order(1)
    void restartOfOneServerRestartsOnlyIt() {
        List<ChatMessage> before = chat.post("una", PASSWORD, "una", 5);
        Map<String, Long> pids = tandem.recordedPids();

        TandemScript.Result restart = tandem.run("restart", "s1");

        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(restart.output())
                .contains("s1: stopping", "s1 healthy on port", "the proxy counts s1 healthy again");
        assertThat(TandemScript.awaitGone(pids.get("s1"), GONE)).as("the old s1 is gone").isTrue();
        assertOnlyRestarted(pids, Set.of("s1"));
        assertAccountAndChatKept("una", before);
    }

    @Test
    @Order(2)
    void restartOfRedisKeepsAccountsAndChat() {
        List<ChatMessage> before = chat.post("vic", PASSWORD, "vic", 5);
        Map<String, Long> pids = tandem.recordedPids();

        TandemScript.Result restart = tandem.run("restart", "redis");

        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(restart.output()).contains("redis: stopping", "Redis ready", "s1 healthy again", "s2 healthy again");
        assertOnlyRestarted(pids, Set.of("redis", "redis-server"));
        assertAccountAndChatKept("vic", before);
        assertAccountAndChatKept("una", List.of()); // the account from before the first restart, too
    }

    @Test
    @Order(3)
    void aKilledRedisComesBackWithEveryAcknowledgedWrite() {
        List<ChatMessage> before = chat.post("yuri", PASSWORD, "yuri", 5);
        Map<String, Long> pids = tandem.recordedPids();
        ProcessHandle.of(pids.get("redis-server")).ifPresent(ProcessHandle::destroyForcibly); // kill -9
        assertThat(TandemScript.awaitGone(pids.get("redis-server"), GONE)).isTrue();
        assertThat(TandemScript.awaitGone(pids.get("redis"), GONE)).as("its runner exits with it").isTrue();

        TandemScript.Result up = tandem.run("up");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("starting what is missing", "Redis ready");
        assertOnlyRestarted(pids, Set.of("redis", "redis-server"));
        assertAccountAndChatKept("yuri", before); // replayed from the append-only file (appendfsync everysec)
    }

    @Test
    @Order(4)
    void aKilledServerIsNamedByStatusAndUpStartsOnlyIt() {
        Map<String, Long> pids = tandem.recordedPids();
        long s2 = pids.get("s2");
        ProcessHandle.of(s2).ifPresent(ProcessHandle::destroyForcibly); // kill -9
        assertThat(TandemScript.awaitGone(s2, GONE)).isTrue();

        TandemScript.Result status = tandem.run("status");

        assertThat(status.exitCode()).as(status.output()).isEqualTo(1);
        assertThat(status.output()).containsPattern("(?m)^s2 +" + s2 + " +DEAD")
                .contains("dead: s2 (exit: see " + tandem.home().resolve("logs/s2.log") + ")");

        TandemScript.Result up = tandem.run("up");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("starting what is missing", "s2 healthy on port");
        assertOnlyRestarted(pids, Set.of("s2"));
        TandemScript.Result healthy = tandem.run("status");
        assertThat(healthy.exitCode()).as(healthy.output()).isZero();
        TandemScript.Result again = tandem.run("up");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("already up and healthy");
    }

    @Test
    @Order(5)
    void aRollingRestartUnderChatLoadLosesNothingAndRepeatsNothing() throws InterruptedException {
        chat.signIn("wes", PASSWORD);
        Map<String, Long> pids = tandem.recordedPids();
        ChatLoad load = new ChatLoad(chat.port(), "wes", PASSWORD, "roll", Duration.ofMillis(50)).start();
        TandemScript.Result rolling;
        boolean allAcked;
        try {
            rolling = tandem.run("restart", "--rolling");
            allAcked = load.stopSendingAndAwaitAcks(Duration.ofSeconds(60));
        } finally {
            load.close();
        }

        assertThat(rolling.exitCode()).as(rolling.output()).isZero();
        assertThat(rolling.output()).containsSubsequence("s1: stopping", "the proxy counts s1 healthy again",
                "s2: stopping", "the proxy counts s2 healthy again", "lb: stopping", "rolling restart done");
        assertOnlyRestarted(pids, Set.of("s1", "s2", "lb"));

        List<String> lost = load.sent().stream().filter(id -> !load.acked().containsKey(id)).toList();
        TreeMap<Long, ChatMessage> seen = load.seen();
        System.out.printf("rolling restart under chat load: %d sent, %d acknowledged, %d lost, %d posted twice,"
                + " %d connections, %d resends%n", load.sent().size(), load.acked().size(), lost.size(),
                ChatLoad.duplicates(seen, "wes", "roll").size(), load.reconnects(), load.resends());
        assertThat(load.sent()).as("messages sent during the rolling restart").hasSizeGreaterThan(50);
        assertThat(load.reconnects()).as("connections (the load moved at least once)").isGreaterThan(1);
        assertThat(lost).as("sent but never acknowledged (after %d resends): lost", load.resends()).isEmpty();
        assertThat(allAcked).isTrue();
        // Every id between the first and the last was seen, so the duplicate count below misses nothing.
        assertThat(seen.lastKey() - seen.firstKey() + 1).as("ids seen without a gap").isEqualTo(seen.size());
        assertThat(ChatLoad.duplicates(seen, "wes", "roll")).as("posted twice").isEmpty();

        // The durable record agrees: a fresh sign-in's history has each acknowledged message once.
        List<ChatMessage> history = chat.signIn("wes", PASSWORD).history();
        long oldest = history.get(0).id();
        Map<Long, String> expected = load.acked().entrySet().stream().filter(e -> e.getValue() >= oldest)
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        Map<Long, String> got = history.stream().filter(m -> "wes".equals(m.author()))
                .collect(Collectors.toMap(ChatMessage::id, ChatMessage::clientId));
        assertThat(got).isEqualTo(expected);
    }

    @Test
    @Order(6)
    void aFullDownAndUpKeepsAccountsChatAndResumeTokens() throws IOException {
        List<ChatMessage> before = chat.post("xena", PASSWORD, "xena", 10);
        todosBeforeDown = chat.addTodos("xena", PASSWORD, "xena", 3);
        String token = chat.signIn("xena", PASSWORD).resumeToken();
        Path secretFile = tandem.home().resolve("cluster-secret");
        String secret = Files.readString(secretFile);

        TandemScript.Result down = tandem.run("down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(down.output()).contains("kept: the Redis data");
        TandemScript.Result up = tandem.run("up");
        assertThat(up.exitCode()).as(up.output()).isZero();

        assertThat(Files.readString(secretFile)).as("the cluster secret survives down/up").isEqualTo(secret);
        assertAccountAndChatKept("xena", before);
        assertAccountAndChatKept("una", List.of());
        ServerMessage.Welcome resumed = chat.resume("xena", token);
        assertThat(resumed.user()).as("a resume token from before down").isEqualTo("xena");
    }

    @Test
    @Order(7)
    void aFullDownAndUpKeepsTodos() {
        assertThat(todosBeforeDown).as("todos added before down").hasSize(3);

        ServerMessage.Welcome welcome = chat.signIn("xena", PASSWORD);

        assertThat(Chatter.titles(welcome)).containsExactlyInAnyOrderElementsOf(todosBeforeDown);
    }

    /** The account still refuses another password, and each of {@code acked} is in the history exactly once. */
    private static void assertAccountAndChatKept(String user, List<ChatMessage> acked) {
        assertThat(chat.signInError(user, "another-password")).as("sign-in of %s with another password", user)
                .isEqualTo("wrong_password");
        ServerMessage.Welcome welcome = chat.signIn(user, PASSWORD);
        assertThat(welcome.registered()).isFalse();
        assertThat(Chatter.occurrences(acked, welcome.history())).as("how often each acknowledged message is there")
                .isEqualTo(Collections.nCopies(acked.size(), 1L));
    }

    /** Exactly the processes {@code restarted} have new, live PIDs; every other one kept its PID. */
    private static void assertOnlyRestarted(Map<String, Long> before, Set<String> restarted) {
        Map<String, Long> after = tandem.recordedPids();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((name, pid) -> {
            assertThat(TandemScript.isAlive(pid)).as("%s (pid %d) is alive", name, pid).isTrue();
            if (restarted.contains(name)) {
                assertThat(pid).as("%s has a new PID", name).isNotEqualTo(before.get(name));
            } else {
                assertThat(pid).as("%s kept its PID", name).isEqualTo(before.get(name));
            }
        });
    }
}
