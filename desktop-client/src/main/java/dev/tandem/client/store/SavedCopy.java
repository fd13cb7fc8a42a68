package dev.tandem.client.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.RoomNames;
import dev.tandem.model.RoomSummary;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.TodoList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last copy of an account's todo list (as the server confirmed it), its room list, the room that was on
 * screen and each room's recent chat, saved so that a window started again shows them at once, marked as not
 * yet up to date, instead of a blank wait. Stored in the protocol's own JSON (a {@code todo.list}, a
 * {@code room.joined} per room and {@code chat.message} frames), so it reads back exactly. A copy written
 * before rooms existed (one {@code chat} array) reads as general's.
 *
 * @param savedAt when the copy was taken
 * @param room    the room on screen
 * @param rooms   the room list
 * @param chats   recent messages by room, oldest first
 */
public record SavedCopy(Instant savedAt, TodoList todos, String room, List<RoomSummary> rooms,
                        Map<String, List<ChatMessage>> chats) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SavedCopy {
        rooms = List.copyOf(rooms);
        Map<String, List<ChatMessage>> copy = new LinkedHashMap<>();
        chats.forEach((name, messages) -> copy.put(name, List.copyOf(messages)));
        chats = Collections.unmodifiableMap(copy);
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
            if (!(list instanceof ServerMessage.TodoSnapshot snapshot)) {
                return Optional.empty();
            }
            List<RoomSummary> rooms = new ArrayList<>();
            for (JsonNode frame : node.path("rooms")) {
                if (codec.decodeServer(frame.asText()) instanceof ServerMessage.RoomJoined joined) {
                    rooms.add(joined.summary());
                }
            }
            Map<String, List<ChatMessage>> chats = new LinkedHashMap<>();
            if (node.has("chat")) {
                chats.put(RoomNames.GENERAL, messages(codec, node.path("chat")));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("chats").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> room = it.next();
                chats.put(room.getKey(), messages(codec, room.getValue()));
            }
            String room = node.path("room").asText(RoomNames.GENERAL);
            return Optional.of(new SavedCopy(Instant.parse(node.path("savedAt").asText()), snapshot.todos(), room,
                    rooms, chats));
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
        node.put("room", room);
        ArrayNode roomFrames = node.putArray("rooms");
        rooms.forEach(summary -> roomFrames.add(codec.encode(new ServerMessage.RoomJoined(null, summary))));
        ObjectNode byRoom = node.putObject("chats");
        chats.forEach((name, messages) -> {
            ArrayNode frames = byRoom.putArray(name);
            messages.forEach(message -> frames.add(codec.encode(message)));
        });
        Files.createDirectories(files.dir());
        PrivateFiles.writeAtomically(files.cache(), JSON.writeValueAsString(node));
    }

    private static List<ChatMessage> messages(Codec codec, JsonNode frames) throws ProtocolException {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (codec.decodeServer(frame.asText()) instanceof ChatMessage message) {
                messages.add(message);
            }
        }
        return messages;
    }
}
