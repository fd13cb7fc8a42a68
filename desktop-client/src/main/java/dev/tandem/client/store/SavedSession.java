package dev.tandem.client.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A signed-in session kept on disk so that the app, started again, comes back signed in: the server, the
 * user and the newest resume token. The token is a credential (it signs in as the user for its lifetime),
 * so the file is readable by this OS user only, and it is deleted on sign-out or when the server rejects
 * it. The password is never stored.
 *
 * @param server the address signed in to
 */
public record SavedSession(URI server, String user, String token) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the session of an account, if one was saved and is readable. */
    public static Optional<SavedSession> load(AccountFiles files) {
        Path file = files.session();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            String server = node.path("server").asText("");
            String user = node.path("user").asText("");
            String token = node.path("token").asText("");
            if (server.isEmpty() || user.isEmpty() || token.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SavedSession(URI.create(server), user, token));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable: the user signs in again, nothing else is lost
        }
    }

    /** Saves (replaces) the session of its account, atomically and private to this OS user. */
    public void save(AccountFiles files) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("server", server.toString());
        node.put("user", user);
        node.put("token", token);
        Files.createDirectories(files.dir());
        PrivateFiles.writeAtomically(files.session(), JSON.writeValueAsString(node));
    }

    /** Forgets the session of an account (signed out, or the token was refused). */
    public static void delete(AccountFiles files) throws IOException {
        Files.deleteIfExists(files.session());
    }

    /** Never print the token. */
    @Override
    public String toString() {
        return "SavedSession[" + user + " at " + server + "]";
    }
}
