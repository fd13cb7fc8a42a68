package dev.tandem.server.chat;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.RoomNames;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upgrade: a Redis written by the version before rooms (one history list, one counter, frames without a
 * room) is carried into general when the servers start, once, with its ids, and its accounts are members.
 */
@Timeout(60)
class HistoryMigrationIT {
    private static final String PASSWORD = "correct horse battery";
    private static final long OLD_SEQ = 17_000_000_000_123L;

    private static String oldFrame(long id) {
        return "{\"type\":\"chat.message\",\"id\":" + id + ",\"author\":\"oldtimer\",\"text\":\"from before rooms " + id
                + "\",\"sentAt\":\"2026-01-01T00:00:00Z\",\"clientId\":\"o-" + id + "\",\"serverId\":\"s0\"}";
    }

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(2).withRedis(redis -> {
        redis.rpush("tandem:chat:history", oldFrame(OLD_SEQ - 2), oldFrame(OLD_SEQ - 1), oldFrame(OLD_SEQ));
        redis.set("tandem:chat:seq", Long.toString(OLD_SEQ));
        redis.set("tandem:account:oldtimer", "a hash from before");
        redis.setex("tandem:chat:sent:{oldtimer}:o-" + OLD_SEQ, 600, oldFrame(OLD_SEQ));
    });

    @Test
    void theOldChatIsGeneralsWithItsIdsCarriedOverOnceByServersStartingTogether() {
        String newcomer = newUser("new");
        try (TestClient client = TestClient.signIn(cluster.port(2), newcomer, PASSWORD)) {
            List<ChatMessage> history = client.welcome().history();
            assertThat(history).extracting(ChatMessage::id).containsExactly(OLD_SEQ - 2, OLD_SEQ - 1, OLD_SEQ);
            assertThat(history).allSatisfy(m -> {
                assertThat(m.room()).isEqualTo(RoomNames.GENERAL);
                assertThat(m.author()).isEqualTo("oldtimer");
                assertThat(m.deleted()).isFalse();
            });
            assertThat(history.get(2).text()).isEqualTo("from before rooms " + OLD_SEQ);
            assertThat(client.ask(new ClientMessage.ChatSend("n1", "after the upgrade"), ChatMessage.class).id())
                    .as("ids go on from the old counter").isEqualTo(OLD_SEQ + 1);
            assertThat(client.ask(new ClientMessage.RoomMembers("m1", RoomNames.GENERAL), ServerMessage.RoomRoster.class)
                    .members()).contains("oldtimer", newcomer);
        }
        assertThat(cluster.admin().get("tandem:chat:sent:{oldtimer}:o-" + OLD_SEQ)).as("a resend answer a client can read")
                .contains("\"room\":\"general\"", "\"deleted\":false");
        assertThat(cluster.admin().ttl("tandem:chat:sent:{oldtimer}:o-" + OLD_SEQ)).isPositive();
        assertThat(cluster.admin().exists("tandem:chat:history", "tandem:chat:seq")).as("the old keys are gone").isZero();
        assertThat(cluster.admin().exists("tandem:chat:history:migrated", "tandem:chat:seq:migrated")).as("kept aside").isEqualTo(2);

        cluster.stop(1);
        cluster.restart(1);
        try (TestClient reader = TestClient.signIn(cluster.port(1), newUser("reader"), PASSWORD)) {
            ServerMessage.ChatPage page = reader.ask(new ClientMessage.ChatHistory("h1", RoomNames.GENERAL, null, null),
                    ServerMessage.ChatPage.class);
            assertThat(page.messages()).extracting(ChatMessage::id).containsExactly(OLD_SEQ - 2, OLD_SEQ - 1, OLD_SEQ, OLD_SEQ + 1);
            assertThat(page.more()).isFalse();
        }
    }
}
