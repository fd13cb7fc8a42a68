package dev.tandem.system.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ResumeTokens;
import dev.tandem.model.ServerMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./tandem rotate-secret} on a running backend (persistent Redis, two servers, the proxy) started by
 * the real script on ports the test chose: a window signed in across the rotation is never refused its
 * resume token, a token from before resumes afterwards on every server (also after a later restart), and a
 * fresh sign-in gets a token signed with the new secret. The tests run in order on one backend.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TandemRotateSecretIT {
    private static final String PASSWORD = "password-of-the-test";

    private static TandemScript tandem;
    private static Chatter chat;
    private static int basePort;
    private static String tokenBefore;
    private static byte[] secretBefore;

    @BeforeAll
    static void up() throws IOException {
        tandem = TandemScript.onFreePorts("tandem-rotate-")
                .with("TANDEM_RATE_LIMIT", "200")
                .withQuickJvms(); // the rotation restarts every server and the proxy
        int lbPort = tandem.lbPort();
        basePort = tandem.basePort();
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
    void rotatingSignsNoWindowOut() throws IOException, InterruptedException {
        secretBefore = secret("cluster-secret");
        tokenBefore = chat.signIn("rita", PASSWORD).resumeToken();
        chat.signIn("sam", PASSWORD);
        Map<String, Long> pids = tandem.recordedPids();
        // A window that stays signed in throughout: moved by each restart, it resumes with its latest token.
        ChatLoad window = new ChatLoad(chat.port(), "sam", PASSWORD, "rot", Duration.ofMillis(100)).start();
        TandemScript.Result rotate;
        boolean allAcked;
        try {
            rotate = tandem.run("rotate-secret");
            allAcked = window.stopSendingAndAwaitAcks(Duration.ofSeconds(60));
        } finally {
            window.close();
        }

        assertThat(rotate.exitCode()).as(rotate.output()).isZero();
        assertThat(rotate.output()).containsSubsequence("rotated the cluster secret", "s1: stopping",
                "the proxy counts s1 healthy again", "s2: stopping", "the proxy counts s2 healthy again",
                "lb: stopping", "rotation done");
        assertThat(secret("cluster-secret.previous")).as("the previous secret is the old one").isEqualTo(secretBefore);
        assertThat(secret("cluster-secret")).as("a new current secret").isNotEqualTo(secretBefore).hasSizeGreaterThan(16);
        for (String file : List.of("cluster-secret", "cluster-secret.previous")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tandem.home().resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        Map<String, Long> after = tandem.recordedPids();
        for (String name : Set.of("s1", "s2", "lb")) {
            assertThat(after.get(name)).as("%s was restarted", name).isNotEqualTo(pids.get(name));
        }
        assertThat(after.get("redis")).as("Redis kept running").isEqualTo(pids.get("redis"));

        System.out.printf("rotate-secret under a signed-in window: %d connections, %d tokens refused, %d sent, %d resends%n",
                window.reconnects(), window.refusedTokens(), window.sent().size(), window.resends());
        assertThat(window.refusedTokens()).as("resume tokens refused to the window during the rotation").isZero();
        assertThat(window.reconnects()).as("connections of the window (it was moved)").isGreaterThan(1);
        List<String> lost = window.sent().stream().filter(id -> !window.acked().containsKey(id)).toList();
        assertThat(lost).as("sent during the rotation, never acknowledged").isEmpty();
        assertThat(allAcked).isTrue();
        for (String server : List.of("s1", "s2")) {
            assertThat(Files.readString(tandem.home().resolve("logs/" + server + ".log")))
                    .contains("accepting resume tokens of the previous cluster secret");
        }
    }

    @Test
    @Order(2)
    void aTokenFromBeforeTheRotationResumesOnEveryServer() {
        assertThat(tokenBefore).as("minted before the rotation").isNotNull();
        assertThat(new ResumeTokens(secretBefore).verify(tokenBefore, Instant.now())).as("signed with the old secret")
                .contains("rita");

        assertThat(chat.resume("rita", tokenBefore).user()).as("through the proxy").isEqualTo("rita");
        for (int port : List.of(basePort, basePort + 1)) {
            ServerMessage.Welcome welcome = new Chatter(port).resume("rita", tokenBefore);
            assertThat(welcome.user()).as("on the server at %d", port).isEqualTo("rita");
        }
    }

    @Test
    @Order(3)
    void aFreshSignInGetsATokenOfTheNewSecretThatTheClusterAccepts() throws IOException {
        String fresh = chat.signIn("tess", PASSWORD).resumeToken();

        assertThat(new ResumeTokens(secret("cluster-secret")).verify(fresh, Instant.now())).as("the new secret")
                .contains("tess");
        assertThat(new ResumeTokens(secretBefore).verify(fresh, Instant.now())).as("the old secret").isEmpty();
        assertThat(chat.resume("tess", fresh).user()).as("through the proxy").isEqualTo("tess");
        for (int port : List.of(basePort, basePort + 1)) {
            assertThat(new Chatter(port).resume("tess", fresh).user()).as("on the server at %d", port).isEqualTo("tess");
        }
    }

    @Test
    @Order(4)
    void aServerRestartedLaterStillAcceptsThePreviousSecret() {
        TandemScript.Result restart = tandem.run("restart", "s2");

        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(new Chatter(basePort + 1).resume("rita", tokenBefore).user()).isEqualTo("rita");
    }

    @Test
    @Order(5)
    void aSecondRotationWithinTheWeekIsRefusedAndChangesNothing() throws IOException {
        byte[] current = secret("cluster-secret");
        Map<String, Long> pids = tandem.recordedPids();

        TandemScript.Result again = tandem.run("rotate-secret");

        assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
        assertThat(again.output()).contains("rotated less than a week ago", "rotate-secret --force");
        assertThat(secret("cluster-secret")).isEqualTo(current);
        assertThat(secret("cluster-secret.previous")).isEqualTo(secretBefore);
        assertThat(tandem.recordedPids()).isEqualTo(pids);
        List<ChatMessage> posted = chat.post("rita", PASSWORD, "after", 1);
        assertThat(posted).hasSize(1);
    }

    /** Without a running backend the files rotate, dated now (not the old secret's date), and nothing starts. */
    @Test
    @Order(6)
    void withNothingRunningTheFilesRotateAndTheRotationIsDatedNow() throws IOException {
        TandemScript offline = new TandemScript(Files.createTempDirectory("tandem-rotate-offline-"));
        try {
            Path current = offline.home().resolve("cluster-secret");
            Files.writeString(current, "an-old-secret-0123456789abcdef");
            Files.setLastModifiedTime(current, FileTime.from(Instant.now().minus(Duration.ofDays(90))));

            TandemScript.Result rotate = offline.run("rotate-secret");

            assertThat(rotate.exitCode()).as(rotate.output()).isZero();
            assertThat(rotate.output()).contains("nothing runs here");
            Path previous = offline.home().resolve("cluster-secret.previous");
            assertThat(Files.readString(previous)).isEqualTo("an-old-secret-0123456789abcdef");
            assertThat(Files.getLastModifiedTime(previous).toInstant())
                    .as("the rotation's date, which the servers go by").isAfter(Instant.now().minus(Duration.ofHours(1)));
            assertThat(Files.readString(current)).isNotEqualTo("an-old-secret-0123456789abcdef");
            assertThat(offline.recordedPids()).isEmpty();

            TandemScript.Result wipe = offline.run("down", "--wipe");
            assertThat(wipe.output()).contains("deleted " + previous);
            assertThat(previous).doesNotExist();
        } finally {
            try (Stream<Path> files = Files.walk(offline.home())) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static byte[] secret(String file) throws IOException {
        // What a server does with the file: strip it, use its UTF-8 bytes.
        return Files.readString(tandem.home().resolve(file), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
    }
}
