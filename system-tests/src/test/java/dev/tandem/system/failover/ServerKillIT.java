package dev.tandem.system.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import dev.tandem.server.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of an app server under load, through the proxy: Redis, two {@code java -jar tandem-server.jar}
 * processes and the proxy (in this JVM, health checks every 200 ms). What was acknowledged must survive
 * the kill, nothing resent may be applied twice, and when the killed server comes back its users' next
 * windows find every change made meanwhile. Each test brings the servers to the state it needs (killing or
 * restarting), so they also pass alone; in order they share one kill and one restart.
 */
@Timeout(150)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerKillIT {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final FailoverRig rig = FailoverRig.of(2, FailoverRig.ProxyKind.IN_JVM);

    /** Test 1's users whose server was killed, with every title they sent (all applied by the end of it). */
    private static final Map<String, List<String>> MOVED_TO_S2 = new java.util.concurrent.ConcurrentHashMap<>();
    /** A user of test 1 on s1 who stays away while s1 is down and comes back only after its restart. */
    private static volatile TodoWriter sleeper;

    private static List<String> titles(TodoList list) {
        return list.items().stream().map(Todo::title).toList();
    }

    private static void ensureUp(int i) throws Exception {
        if (!rig.alive(i)) {
            rig.restart(i);
        }
        rig.awaitProxySees(FailoverRig.id(i), true);
    }

    /**
     * Six users, three on each server, each chatting once and then adding todos in bursts; s1 is killed
     * with SIGKILL mid-stream. Its users' windows drop; they reconnect through the proxy, land on s2, and
     * find every acknowledged todo exactly once; their unanswered adds, resent with the same client ids,
     * are answered with the list if they had landed and applied once if not. s2's users never notice.
     */
    @Test
    @Order(1)
    void killMinusNineOfTheirServerLosesNoAcknowledgedTodoAndAppliesNoResendTwice() throws Exception {
        ensureUp(1);
        ensureUp(2);
        List<TodoWriter> victims = new ArrayList<>();
        List<TodoWriter> bystanders = new ArrayList<>();
        Map<String, Long> chatAcks = new java.util.HashMap<>();
        try {
            for (int k = 0; k < 3; k++) {
                for (String server : List.of("s1", "s2")) {
                    String user = rig.userOn(server, "todo" + k);
                    Window w = Window.open(rig.proxyPort(), user);
                    assertThat(w.serverId()).as("%s lands on its rendezvous winner", user).isEqualTo(server);
                    String chatId = user + "-hello";
                    w.send(new ClientMessage.ChatSend(chatId, "hello from " + user));
                    w.await(Duration.ofSeconds(10), "chat acknowledged",
                            () -> w.chat().stream().anyMatch(m -> chatId.equals(m.clientId())));
                    chatAcks.put(user, w.chat().stream().filter(m -> chatId.equals(m.clientId())).findFirst().orElseThrow().id());
                    (server.equals("s1") ? victims : bystanders).add(new TodoWriter(user, w));
                }
            }
            String sleeperName = rig.userOn("s1", "sleeper");
            Window sleeperWindow = Window.open(rig.proxyPort(), sleeperName);
            assertThat(sleeperWindow.serverId()).isEqualTo("s1");
            sleeper = new TodoWriter(sleeperName, sleeperWindow);
            sleeper.start(2, Duration.ofMillis(40), 250);
            for (TodoWriter writer : victims) {
                writer.start(2, Duration.ofMillis(40), 250);
            }
            for (TodoWriter writer : bystanders) {
                writer.start(2, Duration.ofMillis(40), 250);
            }
            List<TodoWriter> everyone = new ArrayList<>(victims);
            everyone.addAll(bystanders);
            everyone.add(sleeper);
            Await.until(Duration.ofSeconds(30), "every writer has 30 acknowledged adds",
                    () -> everyone.stream().allMatch(w -> w.acknowledged().size() >= 30));

            rig.kill(1);

            for (TodoWriter writer : victims) {
                int code = writer.window().awaitClose(CLOSE_WAIT);
                System.out.printf("[failover] %s's window on s1 ended with %d%n", writer.user, code);
                assertThat(code).as("%s: a killed server says no goodbye", writer.user).isNotEqualTo(CloseCodes.GOING_AWAY);
                writer.stop();
            }
            sleeper.window().awaitClose(CLOSE_WAIT);
            sleeper.stop();
            Map<String, Integer> ackedAtKill = new java.util.HashMap<>();
            for (TodoWriter writer : bystanders) {
                ackedAtKill.put(writer.user, writer.acknowledged().size());
            }

            int resentTotal = 0;
            int answeredWithList = 0;
            for (TodoWriter writer : victims) {
                Window moved = writer.reconnect(rig.proxyPort(), Duration.ofSeconds(20));
                assertThat(moved.serverId()).as("%s moved to the surviving server", writer.user).isEqualTo("s2");
                TodoList welcomed = moved.welcome().todos();
                writer.assertHoldsEveryAcknowledged(welcomed, "welcome on s2 after kill -9 of s1");
                assertThat(moved.welcome().history()).as("%s: its acknowledged chat message is in the history once", writer.user)
                        .filteredOn(m -> m.id() == chatAcks.get(writer.user)).hasSize(1);

                TodoWriter.Resent resent = writer.resendUnanswered(welcomed);
                resentTotal += resent.count();
                answeredWithList += resent.answeredWithList();
                writer.resendAcknowledged(3); // applied on s1 before its death: s2 knows their client ids
                try (Window check = Window.open(rig.proxyPort(), writer.user)) {
                    TodoList list = check.welcome().todos();
                    writer.assertHoldsEveryAcknowledged(list, "fresh window after resends");
                    assertThat(titles(list)).as("%s: every add sent is there exactly once", writer.user)
                            .containsExactlyInAnyOrderElementsOf(writer.sentTitles());
                }
                MOVED_TO_S2.put(writer.user, writer.sentTitles());
            }
            System.out.printf("[failover] unanswered at the kill and resent: %d (%d had landed and were answered with the list)%n",
                    resentTotal, answeredWithList);

            for (TodoWriter writer : bystanders) {
                assertThat(writer.window().isClosed()).as("%s on s2 keeps its window through s1's death", writer.user).isFalse();
                writer.window().await(Duration.ofSeconds(20), "more adds acknowledged after the kill",
                        () -> writer.acknowledged().size() >= ackedAtKill.get(writer.user) + 10);
                writer.stop();
                writer.awaitAllAnswered();
                try (Window check = Window.open(rig.proxyPort(), writer.user)) {
                    assertThat(check.serverId()).isEqualTo("s2");
                    writer.assertHoldsEveryAcknowledged(check.welcome().todos(), "bystander on s2");
                    assertThat(titles(check.welcome().todos())).containsExactlyInAnyOrderElementsOf(writer.sentTitles());
                }
            }
        } finally {
            for (TodoWriter writer : victims) {
                writer.stop();
                writer.closeAll();
            }
            for (TodoWriter writer : bystanders) {
                writer.stop();
                writer.closeAll();
            }
            if (sleeper != null) {
                sleeper.stop();
            }
        }
    }

    /**
     * s1 is down (killed, as above); a user whose rendezvous winner is s1 works on s2 meanwhile, in two
     * windows. s1 starts again on its port; once the proxy sees it healthy the user's next window lands on
     * it with every change made on s2; the windows on s2 are closed (4009 from s2 losing the lease, or
     * dropped by the proxy's handback) and, reconnected, show the same list. When test 1 ran before, its
     * users moved to s2 come back to s1 with every todo once, and its user who stayed away while s1 was
     * down finds every add acknowledged before the kill on the restarted s1.
     */
    @Test
    @Order(2)
    void theKilledServerRestartedTakesItsUsersBackWithEveryChangeMadeMeanwhile() throws Exception {
        ensureUp(2);
        if (rig.alive(1)) {
            rig.kill(1);
        }
        rig.awaitProxySees("s1", false);
        String user = rig.userOn("s1", "handback");
        Window first = Window.open(rig.proxyPort(), user);
        Window second = null;
        Window back = null;
        TodoWriter writer = new TodoWriter(user, first);
        try {
            assertThat(first.serverId()).as("s1 is down: its user is served by s2").isEqualTo("s2");
            for (int i = 0; i < 5; i++) {
                writer.add(first);
            }
            writer.awaitAllAnswered();
            second = Window.open(rig.proxyPort(), user);
            assertThat(second.serverId()).isEqualTo("s2");
            writer.adopt(second);
            for (int i = 0; i < 3; i++) {
                writer.add(second);
            }
            writer.awaitAllAnswered();
            List<String> meanwhile = writer.sentTitles();
            assertThat(writer.acknowledgedTitles()).containsExactlyElementsOf(meanwhile);

            rig.restart(1);
            rig.awaitProxySees("s1", true);

            back = Window.open(rig.proxyPort(), user);
            assertThat(back.serverId()).as("once healthy, s1 gets its user's new windows").isEqualTo("s1");
            writer.assertHoldsEveryAcknowledged(back.welcome().todos(), "handback welcome on s1");
            String evidence = "acknowledgements (clientId -> revision/id): " + writer.acknowledgementDetails()
                    + "; welcome on s1: " + back.welcome().todos();
            assertThat(titles(back.welcome().todos())).as("every change made on s2 meanwhile, in the order added; %s", evidence)
                    .containsExactlyElementsOf(meanwhile);

            for (Window old : List.of(first, second)) {
                int code = old.awaitClose(CLOSE_WAIT);
                System.out.printf("[failover] %s's window on s2 closed with %d at handback%n", user, code);
                assertThat(code).as("the window on s2 moves (4009) or is dropped by the proxy's handback")
                        .isIn(CloseCodes.MOVED, Window.DROPPED, 1006);
            }
            // The users moved off s1 by the kill above (when it ran) come back too, with what they did on s2.
            for (Map.Entry<String, List<String>> moved : MOVED_TO_S2.entrySet()) {
                try (Window home = Window.open(rig.proxyPort(), moved.getKey())) {
                    assertThat(home.serverId()).as("%s back on s1", moved.getKey()).isEqualTo("s1");
                    assertThat(titles(home.welcome().todos())).as("%s: every todo, once, after the handback", moved.getKey())
                            .containsExactlyInAnyOrderElementsOf(moved.getValue());
                    assertThat(home.welcome().todos().revision()).isEqualTo(moved.getValue().size());
                }
            }
            // Test 1's user who stayed away while s1 was down: its list, loaded by the restarted s1, holds
            // every add acknowledged before the kill; its unanswered ones are resent and applied once.
            TodoWriter away = sleeper;
            if (away != null) {
                try {
                    Window home = away.reconnect(rig.proxyPort(), Duration.ofSeconds(20));
                    assertThat(home.serverId()).isEqualTo("s1");
                    away.assertHoldsEveryAcknowledged(home.welcome().todos(), "on the restarted s1 after staying away");
                    away.resendUnanswered(home.welcome().todos());
                    away.resendAcknowledged(3);
                    try (Window check = Window.open(rig.proxyPort(), away.user)) {
                        away.assertHoldsEveryAcknowledged(check.welcome().todos(), "fresh window on s1 after resends");
                        assertThat(titles(check.welcome().todos())).containsExactlyInAnyOrderElementsOf(away.sentTitles());
                    }
                } finally {
                    away.closeAll();
                }
            }
            try (Window again = Window.open(rig.proxyPort(), user)) {
                assertThat(again.serverId()).isEqualTo("s1");
                assertThat(again.welcome().todos()).as("the reconnected window shows the same list")
                        .isEqualTo(back.welcome().todos());
            }
            writer.adopt(back);
            writer.add(back);
            writer.awaitAllAnswered();
            String last = writer.acknowledged().stream().reduce((a, b) -> b).orElseThrow();
            assertThat(back.todoChanged.get(last).revision()).as("revisions carry on after the handback")
                    .isEqualTo(meanwhile.size() + 1);
        } finally {
            writer.closeAll();
            if (back != null) {
                back.close();
            }
        }
    }

    /**
     * A sender on s1 streams chat (a message every 20 ms) while a receiver on s2 records what arrives; s1
     * is killed mid-stream. The sender reconnects (to s2) and resends every message not acknowledged, with
     * its client id. Every message is then in the history exactly once with the id of its first
     * acknowledgement, and the receiver never saw an id, or an (author, client id), twice.
     */
    @Test
    @Order(3)
    void aChatStreamAcrossKillMinusNineOfTheSendersServerLosesNothingAndRepeatsNothing() throws Exception {
        ensureUp(1);
        ensureUp(2);
        String senderName = rig.userOn("s1", "sender");
        String receiverName = rig.userOn("s2", "receiver");
        int count = 70; // under the 100 messages a welcome carries
        try (Window receiver = Window.open(rig.proxyPort(), receiverName)) {
            assertThat(receiver.serverId()).isEqualTo("s2");
            Window first = Window.open(rig.proxyPort(), senderName);
            assertThat(first.serverId()).isEqualTo("s1");
            ChatStream sender = new ChatStream(senderName, first, rig.proxyPort());
            try {
                sender.run(count, Duration.ofMillis(20), 30, () -> {
                    try {
                        rig.kill(1);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                assertThat(sender.servers).as("the sender moved from s1 to s2").startsWith("s1", "s2");
                assertThat(sender.closeCodes).as("s1 was killed once, mid-stream").hasSize(1);
                System.out.printf("[failover] chat: %d acknowledged when the kill started%n", sender.acknowledgedAtKill);

                Set<String> all = new HashSet<>(sender.sent());
                receiver.await(Duration.ofSeconds(20), "the receiver has every message",
                        () -> receiver.chat().stream().filter(m -> senderName.equals(m.author()))
                                .map(ChatMessage::clientId).collect(Collectors.toSet()).containsAll(all));
                assertThat(receiver.isClosed()).as("the receiver on s2 stayed connected throughout").isFalse();
                List<ChatMessage> got = receiver.chat();
                assertThat(got).extracting(ChatMessage::id).as("receiver: no id twice").doesNotHaveDuplicates();
                assertThat(got).extracting(m -> m.author() + "/" + m.clientId())
                        .as("receiver: no (author, clientId) twice").doesNotHaveDuplicates();
                assertThat(got).extracting(ChatMessage::id).as("receiver: ids only grow").isSorted();

                Map<String, List<Long>> acks = sender.acknowledgementsById();
                Map<String, Long> idAtReceiver = got.stream().filter(m -> senderName.equals(m.author()))
                        .collect(Collectors.toMap(ChatMessage::clientId, ChatMessage::id));
                acks.forEach((clientId, ids) -> {
                    assertThat(ids).as("%s: every acknowledgement of %s names the same message", senderName, clientId)
                            .containsOnly(ids.get(0));
                    assertThat(idAtReceiver.get(clientId)).as("receiver has %s under its acknowledged id", clientId)
                            .isEqualTo(ids.get(0));
                });

                try (Window check = Window.open(rig.proxyPort(), rig.userOn("s2", "checker"))) {
                    List<ChatMessage> history = check.welcome().history().stream()
                            .filter(m -> senderName.equals(m.author())).toList();
                    System.out.printf("[failover] chat: sent %d, acknowledged %d, resent %s, in history %d%n",
                            count, acks.size(), sender.resent, history.size());
                    assertThat(history).extracting(ChatMessage::clientId).as("every message in the history exactly once")
                            .containsExactlyInAnyOrderElementsOf(sender.sent());
                    history.forEach(m -> assertThat(m.id()).as("history id of %s", m.clientId())
                            .isEqualTo(acks.get(m.clientId()).get(0)));
                }
            } finally {
                sender.closeAll();
            }
        }
    }
}
