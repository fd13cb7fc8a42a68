package dev.tandem.bench.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.model.Codec;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the desktop app's saved copy ({@code cache.json}: a {@code todo.list} frame and {@code chat.message}
 * frames, in the protocol's JSON) far enough to count what it holds. Stateless.
 */
final class SavedCopyFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedCopyFile() {
    }

    /** {messages, todos} in the copy, or empty if it cannot be read (e.g. not written yet). */
    static Optional<int[]> counts(Path cacheJson) {
        try {
            JsonNode node = JSON.readTree(cacheJson.toFile());
            if (Codec.get().decodeServer(node.path("todos").asText()) instanceof ServerMessage.TodoSnapshot list) {
                return Optional.of(new int[] {node.path("chat").size(), list.todos().items().size()});
            }
            return Optional.empty();
        } catch (IOException | ProtocolException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
