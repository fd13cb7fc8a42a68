package dev.tandem.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * View models hold state and logic only: no {@code javafx.scene} (nodes, controls, input events), so they
 * run and are tested without a UI toolkit. Their item types (chat entries, room lines, todo items) and helpers too.
 */
class ViewModelPurityTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/tandem/client");
    /** What view models are made of: their items and helpers. */
    private static final java.util.Set<String> TOOLKIT_FREE = java.util.Set.of("ChatEntry.java", "TodoItem.java",
            "ConnectionService.java", "RoomTimeline.java", "ChatLines.java", "Outgoing.java", "MessageEdits.java",
            "HistoryPages.java", "RoomItem.java", "RoomRequests.java", "RoomWords.java",
            "NotificationPolicy.java", "Mentions.java", "Matching.java", "TypingWords.java", "TeamFeatures.java");

    @Test
    void viewModelsDoNotImportTheSceneGraph() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            models = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith("ViewModel.java") || TOOLKIT_FREE.contains(name);
            }).toList();
        }
        assertThat(models).hasSizeGreaterThanOrEqualTo(7 + TOOLKIT_FREE.size());
        for (Path model : models) {
            assertThat(Files.readString(model)).as(model.toString())
                    .doesNotContain("import javafx.scene").doesNotContain("javafx.scene.");
        }
    }

    @Test
    void networkCallbacksReachTheUiOnlyThroughTheInjectedExecutor() throws IOException {
        String service = Files.readString(SOURCES.resolve("connection/ConnectionService.java"));
        assertThat(service).doesNotContain("Platform.runLater").doesNotContain("import javafx");
        // Every listener call is wrapped in ui.execute(...).
        assertThat(service.lines().filter(l -> l.contains("listener.") && !l.contains("ui.execute")
                && !l.strip().startsWith("*") && !l.strip().startsWith("//"))).isEmpty();
    }
}
