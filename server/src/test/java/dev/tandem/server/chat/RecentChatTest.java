package dev.tandem.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentChatTest {
    private static ChatMessage message(long id) {
        return new ChatMessage(id, "ann", "text " + id, Instant.EPOCH, "c" + id, "s1");
    }

    @Test
    void keepsTheNewestUpToCapacityOldestFirst() {
        RecentChat recent = new RecentChat(3);
        assertThat(recent.snapshot()).isEmpty();
        for (long id = 1; id <= 5; id++) {
            recent.add(message(id));
        }
        assertThat(recent.snapshot()).extracting(ChatMessage::id).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aSnapshotDoesNotChangeWithLaterMessages() {
        RecentChat recent = new RecentChat(2);
        recent.add(message(1));
        var before = recent.snapshot();
        recent.add(message(2));
        recent.add(message(3));
        assertThat(before).extracting(ChatMessage::id).containsExactly(1L);
    }
}
