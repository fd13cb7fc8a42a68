package dev.tandem.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChatFramesTest {

    @Test
    void theTemplateLeadsWithIdZeroSoTheScriptCanNumberIt() {
        String frame = ChatPublisher.template(new ChatMessage(0, "design", "alice", "\"id\":0 in text", Instant.EPOCH, "c1", "s1"));
        assertThat(frame).startsWith("{\"type\":\"chat.message\",\"id\":0,\"room\":\"design\",");
    }
}
