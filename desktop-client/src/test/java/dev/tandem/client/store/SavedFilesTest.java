package dev.tandem.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.RoomSummary;
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved session and the saved copy on a real disk, and where the data directory is. */
class SavedFilesTest {
    private static final URI SERVER = URI.create("ws://localhost:8080/ws");

    @TempDir
    Path dir;

    @Test
    void aSavedSessionReadsBackIsPrivateAndIsGoneOnceDeleted() throws IOException {
        AccountFiles files = new DataDirectory(dir).account(SERVER, "alice");
        new SavedSession(SERVER, "alice", "alice.123.sig").save(files);
        assertThat(SavedSession.load(files)).contains(new SavedSession(SERVER, "alice", "alice.123.sig"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.session()))).isEqualTo("rw-------");
        assertThat(new SavedSession(SERVER, "alice", "alice.123.sig").toString()).doesNotContain("sig");
        SavedSession.delete(files);
        assertThat(SavedSession.load(files)).isEmpty();
    }

    @Test
    void aSavedCopyReadsBackExactlyRoomByRoomAndADamagedOneIsIgnored() throws IOException {
        AccountFiles files = new DataDirectory(dir).account(SERVER, "alice");
        Instant at = Instant.parse("2026-12-02T09:59:00Z");
        SavedCopy copy = new SavedCopy(Instant.parse("2026-12-02T10:00:00Z"),
                new TodoList(7, List.of(new Todo("1", "milk", true), new Todo("4", "\"quoted\" <b>", false))),
                "design",
                List.of(new RoomSummary("general", RoomSummary.RoomKind.room, "general", 3, 41, 40, 1),
                        new RoomSummary("design", RoomSummary.RoomKind.room, "design", 2, 5, 5, 0),
                        new RoomSummary("dm:alice:bob", RoomSummary.RoomKind.dm, "bob", 2, 0, 0, 0)),
                Map.of("general", List.of(new ChatMessage(41, "bob", "hi\nthere", at, "b1", null)),
                        "design", List.of(new ChatMessage(4, "design", "alice", "", at, "a4", null, null, true),
                                new ChatMessage(5, "design", "bob", "fixed", at, "b5", null, at.plusSeconds(5), false))));
        copy.save(files);
        assertThat(SavedCopy.load(files)).contains(copy);

        Files.writeString(files.cache(), "{not json");
        assertThat(SavedCopy.load(files)).isEmpty();
    }

    @Test
    void aCopySavedBeforeRoomsReadsAsGeneral() throws IOException {
        AccountFiles files = new DataDirectory(dir).account(SERVER, "alice");
        Files.createDirectories(files.dir());
        // What the copy looked like before rooms: the todo list and one array of general's messages.
        Codec codec = Codec.get();
        ObjectNode old = new ObjectMapper().createObjectNode();
        old.put("savedAt", "2026-12-02T10:00:00Z");
        old.put("todos", codec.encode(new ServerMessage.TodoSnapshot(null, new TodoList(1, List.of()))));
        old.putArray("chat").add(codec.encode(new ChatMessage(3, "bob", "old", Instant.parse("2026-12-02T09:00:00Z"), "b3", null)));
        Files.writeString(files.cache(), old.toString());
        SavedCopy copy = SavedCopy.load(files).orElseThrow();
        assertThat(copy.room()).isEqualTo("general");
        assertThat(copy.rooms()).isEmpty();
        assertThat(copy.chats()).containsOnlyKeys("general");
        assertThat(copy.chats().get("general")).extracting(ChatMessage::text).containsExactly("old");
    }

    @Test
    void accountsOfDifferentServersAndUsersLiveApart() {
        DataDirectory data = new DataDirectory(dir);
        assertThat(data.account(SERVER, "alice").dir()).isNotEqualTo(data.account(SERVER, "bob").dir())
                .isNotEqualTo(data.account(URI.create("wss://chat.example.org/ws"), "alice").dir());
        assertThat(DataDirectory.serverFolder(URI.create("wss://chat.example.org:8443/tandem/ws")))
                .isEqualTo("wss_chat.example.org_8443_tandem_ws");
    }

    @Test
    void theDataDirectoryComesFromThePropertyTheEnvironmentOrThePlatform() {
        assertThat(DataDirectory.resolve("/p", Map.of("TANDEM_DATA_DIR", "/e"), "Linux", "/home/a").root()).isEqualTo(Path.of("/p"));
        assertThat(DataDirectory.resolve(null, Map.of("TANDEM_DATA_DIR", "/e"), "Linux", "/home/a").root()).isEqualTo(Path.of("/e"));
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "/x"), "Linux", "/home/a").root()).isEqualTo(Path.of("/x/tandem"));
        assertThat(DataDirectory.resolve(null, Map.of(), "Linux", "/home/a").root()).isEqualTo(Path.of("/home/a/.local/share/tandem"));
        assertThat(DataDirectory.resolve(null, Map.of(), "Mac OS X", "/Users/a").root())
                .isEqualTo(Path.of("/Users/a/Library/Application Support/Tandem"));
    }
}
