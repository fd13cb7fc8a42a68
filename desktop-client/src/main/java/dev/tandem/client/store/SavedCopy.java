package dev.tandem.client.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.TodoList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last copy of an account's todo list (as the server confirmed it) and recent chat, saved so that a
 * window started again shows them at once, marked as not yet up to date, instead of a blank wait. Stored in
 * the protocol's own JSON (a {@code todo.list} and {@code chat.message} frames), so it reads back exactly.
 *
 * @param savedAt when the copy was taken
 */
public record SavedCopy(Instant savedAt, TodoList todos, List<ChatMessage> chat) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SavedCopy {
        chat = List.copyOf(chat);
    }

    /** The saved copy of an account, if there is a readable one. */
    public static Optional<SavedCopy> load(AccountFiles files) {
        if (!Files.exists(files.cache())) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(files.cache(), StandardCharsets.UTF_8));
            Codec codec = Codec.get();
            ServerMessage list = codec.decodeServer(node.path("todos").asText());
            List<ChatMessage> chat = new ArrayList<>();
            for (JsonNode frame : node.path("chat")) {
                if (codec.decodeServer(frame.asText()) instanceof ChatMessage message) {
                    chat.add(message);
                }
            }
            if (!(list instanceof ServerMessage.TodoSnapshot snapshot)) {
                return Optional.empty();
            }
            return Optional.of(new SavedCopy(Instant.parse(node.path("savedAt").asText()), snapshot.todos(), chat));
        } catch (IOException | ProtocolException | RuntimeException e) {
            return Optional.empty(); // a damaged copy only costs the instant start: the server sends the truth
        }
    }

    /** Replaces the account's saved copy atomically. */
    public void save(AccountFiles files) throws IOException {
        Codec codec = Codec.get();
        ObjectNode node = JSON.createObjectNode();
        node.put("savedAt", savedAt.toString());
        node.put("todos", codec.encode(new ServerMessage.TodoSnapshot(null, todos)));
        ArrayNode frames = node.putArray("chat");
        chat.forEach(message -> frames.add(codec.encode(message)));
        Files.createDirectories(files.dir());
        PrivateFiles.writeAtomically(files.cache(), JSON.writeValueAsString(node));
    }
}
