package dev.tandem.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md must describe every message type, error code and close code the code has. */
class ProtocolDocTest {
    private static String doc() throws IOException {
        return Files.readString(Path.of("..", "docs", "PROTOCOL.md"));
    }

    @Test
    void everyMessageTypeIsDocumented() throws IOException {
        String doc = doc();
        for (Class<?> base : List.of(ClientMessage.class, ServerMessage.class)) {
            for (JsonSubTypes.Type type : base.getAnnotation(JsonSubTypes.class).value()) {
                String name = type.value().getAnnotation(JsonTypeName.class).value();
                assertThat(doc).as("PROTOCOL.md documents %s", name).contains("\"type\":\"" + name + "\"");
            }
        }
    }

    @Test
    void everyErrorCodeIsDocumented() throws IOException {
        String doc = doc();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(doc).as("PROTOCOL.md documents error %s", code.wire()).contains("| `" + code.wire() + "` |");
        }
    }

    @Test
    void everyCloseCodeIsDocumented() throws IOException, IllegalAccessException {
        String doc = doc();
        List<Integer> codes = new ArrayList<>();
        for (Field field : CloseCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                codes.add(field.getInt(null));
            }
        }
        assertThat(codes).isNotEmpty();
        for (int code : codes) {
            assertThat(doc).as("PROTOCOL.md documents close code %d", code).contains("| " + code + " |");
        }
    }

    @Test
    void theDocumentedLimitsAreTheConstants() throws IOException {
        String doc = doc();
        assertThat(doc).contains("| frame | " + Limits.MAX_FRAME_BYTES / 1024 + " KiB");
        assertThat(doc).contains("| chat text | " + Limits.MAX_CHAT_TEXT + " characters");
        assertThat(doc).contains("| todo title | " + Limits.MAX_TODO_TITLE + " characters");
        assertThat(doc).contains("| todos per user | " + Limits.MAX_TODOS_PER_USER + " |");
        assertThat(doc).contains("| rate | " + Limits.DEFAULT_MESSAGES_PER_SECOND + " messages/s per connection, burst "
                + Limits.DEFAULT_MESSAGE_BURST);
        assertThat(doc).contains("| chat history kept | " + Limits.HISTORY_RETAINED + " messages per room; "
                + Limits.HISTORY_ON_SIGN_IN + " of the room on screen sent on sign-in; pages of at most " + Limits.HISTORY_PAGE + " |");
        assertThat(doc).contains("| history bytes | " + Limits.HISTORY_BYTES / 1024 + " KiB of messages");
        assertThat(doc).contains("| rooms per user | " + Limits.MAX_ROOMS_PER_USER + " (");
        assertThat(doc).contains("| typing | sent at most every " + Limits.TYPING_INTERVAL.toSeconds() + " s; a second within "
                + Limits.TYPING_MIN_GAP.toSeconds() + " s per room gets `rate_limited`; shown for " + Limits.TYPING_SHOWN.toSeconds() + " s |");
        assertThat(doc).contains("| presence | a crashed server's users are offline everywhere within "
                + Limits.PRESENCE_TIMEOUT.toSeconds() + " s |");
    }
}
