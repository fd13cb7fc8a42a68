package dev.tandem.system.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Todo;
import dev.tandem.server.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of the proxy: Redis, two {@code java -jar tandem-server.jar} processes and the proxy as its own
 * {@code java -jar tandem-lb.jar} process. Four users (two per server) add todos and one of them streams
 * chat while the proxy is killed with SIGKILL and started again on the same port. Every window drops;
 * the clients reconnect, land on the same servers as before, resend what was unanswered, and nothing
 * acknowledged is lost or applied twice.
 */
@Timeout(120)
class ProxyKillIT {
    @RegisterExtension
    static final FailoverRig rig = FailoverRig.of(2, FailoverRig.ProxyKind.PROCESS);

    @Test
    void killMinusNineOfTheProxyLosesNoAcknowledgedTodoOrChatMessage() throws Exception {
        List<TodoWriter> writers = new ArrayList<>();
        ChatStream sender = null;
        Window receiver = null;
        try {
            for (int k = 0; k < 2; k++) {
                for (String server : List.of("s1", "s2")) {
                    String user = rig.userOn(server, "pk" + k);
                    Window w = Window.open(rig.proxyPort(), user);
                    assertThat(w.serverId()).isEqualTo(server);
                    writers.add(new TodoWriter(user, w));
                }
            }
            String senderName = rig.userOn("s1", "pksender");
            String receiverName = rig.userOn("s2", "pkreceiver");
            receiver = Window.open(rig.proxyPort(), receiverName);
            Window first = Window.open(rig.proxyPort(), senderName);
            assertThat(first.serverId()).isEqualTo("s1");
            ChatStream stream = new ChatStream(senderName, first, rig.proxyPort());
            sender = stream;

            for (TodoWriter writer : writers) {
                writer.start(2, Duration.ofMillis(40), 150);
            }
            Await.until(Duration.ofSeconds(30), "every writer has acknowledged adds before the kill",
                    () -> writers.stream().allMatch(w -> w.acknowledged().size() >= 5));
            stream.run(80, Duration.ofMillis(20), 30, () -> { // reconnects through the restarted proxy and resends
                try {
                    rig.killProxy();
                    rig.restartProxy(); // on the same port; clients find it when they retry
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            System.out.printf("[failover] chat: %d acknowledged when the proxy's kill started%n", stream.acknowledgedAtKill);
            assertThat(stream.closeCodes).as("the proxy was killed once, mid-stream").hasSize(1);
            assertThat(stream.servers).as("the sender comes back to its server").containsOnly("s1");

            int closeOfReceiver = receiver.awaitClose(Duration.ofSeconds(10));
            assertThat(closeOfReceiver).as("a killed proxy says no goodbye").isNotEqualTo(CloseCodes.GOING_AWAY);
            for (TodoWriter writer : writers) {
                int code = writer.window().awaitClose(Duration.ofSeconds(10));
                assertThat(code).isNotEqualTo(CloseCodes.GOING_AWAY);
                writer.stop();
            }
            rig.awaitProxySees("s1", true);
            rig.awaitProxySees("s2", true);

            for (TodoWriter writer : writers) {
                String before = writer.window().serverId();
                Window again = writer.reconnect(rig.proxyPort(), Duration.ofSeconds(20));
                assertThat(again.serverId()).as("%s back on its server", writer.user).isEqualTo(before);
                writer.assertHoldsEveryAcknowledged(again.welcome().todos(), "welcome after the proxy's kill -9");
                TodoWriter.Resent resent = writer.resendUnanswered(again.welcome().todos());
                System.out.printf("[failover] %s resent %d (%d had landed and were answered with the list)%n",
                        writer.user, resent.count(), resent.answeredWithList());
                writer.resendAcknowledged(3);
                try (Window check = Window.open(rig.proxyPort(), writer.user)) {
                    writer.assertHoldsEveryAcknowledged(check.welcome().todos(), "fresh window after resends");
                    assertThat(check.welcome().todos().items()).extracting(Todo::title)
                            .as("%s: every add sent is there exactly once", writer.user)
                            .containsExactlyInAnyOrderElementsOf(writer.sentTitles());
                }
            }

            Map<String, List<Long>> acks = stream.acknowledgementsById();
            acks.forEach((clientId, ids) -> assertThat(ids)
                    .as("every acknowledgement of %s names the same message", clientId).containsOnly(ids.get(0)));
            List<ChatMessage> before = receiver.chat();
            assertThat(before).extracting(ChatMessage::id).as("receiver before the kill: no id twice").doesNotHaveDuplicates();
            try (Window check = Window.open(rig.proxyPort(), receiverName)) {
                List<ChatMessage> history = check.welcome().history().stream()
                        .filter(m -> senderName.equals(m.author())).toList();
                System.out.printf("[failover] chat through a killed proxy: sent %d, acknowledged %d, resent %s, in history %d%n",
                        stream.sent().size(), acks.size(), stream.resent, history.size());
                assertThat(history).extracting(ChatMessage::clientId).as("every message in the history exactly once")
                        .containsExactlyInAnyOrderElementsOf(stream.sent());
                history.forEach(m -> assertThat(m.id()).as("history id of %s", m.clientId())
                        .isEqualTo(acks.get(m.clientId()).get(0)));
                for (ChatMessage m : before) {
                    if (senderName.equals(m.author())) {
                        assertThat(history).as("what the receiver saw before the kill is in the history under the same id")
                                .contains(m);
                    }
                }
            }
        } finally {
            for (TodoWriter writer : writers) {
                writer.stop();
                writer.closeAll();
            }
            if (sender != null) {
                sender.closeAll();
            }
            if (receiver != null) {
                receiver.close();
            }
        }
    }
}
