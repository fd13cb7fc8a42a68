package dev.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.RecordingConnection;
import dev.tandem.client.connection.ConnectionStatus;
import dev.tandem.client.connection.SignInFailure;
import dev.tandem.client.connection.ManualScheduler;
import dev.tandem.client.settings.Settings;
import dev.tandem.client.theme.ThemeChoice;
import dev.tandem.client.todos.TodoFilter;
import dev.tandem.client.chat.ChatEntry;
import dev.tandem.client.rooms.RoomItem;
import dev.tandem.client.store.SavedSession;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.RoomSummary;
import java.io.IOException;
import java.net.URI;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import dev.tandem.client.store.DataDirectory;
import dev.tandem.client.store.SavedCopies;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** The routing between the connection and the view models, and what is remembered (on a test prefs node). */
class AppViewModelTest {
    private final Settings settings = Settings.at("dev/tandem/test/" + UUID.randomUUID());
    private final RecordingConnection connection = new RecordingConnection();

    @TempDir
    Path dataDir;
    private SavedCopies copies;

    @BeforeEach
    void setUp() {
        copies = new SavedCopies(new DataDirectory(dataDir), Duration.ZERO);
    }

    @AfterEach
    void cleanUp() {
        copies.close();
        settings.clear();
    }

    @Test
    void aWelcomeShowsTheMainScreenAndRemembersServerAndUser() {
        AppViewModel app = app();
        app.signIn().serverProperty().set("ws://localhost:7001/ws");
        app.signIn().userProperty().set("alice");
        app.signIn().passwordProperty().set("password1");
        app.signIn().submit();
        app.statusChanged(new ConnectionStatus.Connected("s1"));
        app.welcomed(welcome(List.of(chat(1, "bob")), List.of(new Todo("1", "milk", false))), false);

        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.MAIN);
        assertThat(app.userProperty().get()).isEqualTo("alice");
        assertThat(app.chat().entries()).hasSize(1);
        assertThat(app.todos().allItems()).hasSize(1);
        assertThat(app.chat().onlineProperty().get()).isTrue();
        assertThat(app.signIn().passwordProperty().get()).isEmpty();

        AppViewModel next = app();
        assertThat(next.signIn().serverProperty().get()).isEqualTo("ws://localhost:7001/ws");
        assertThat(next.signIn().userProperty().get()).isEqualTo("alice");
    }

    @Test
    void aResumeMergesHistoryAndRefreshesTodos() {
        AppViewModel app = app();
        app.welcomed(welcome(List.of(chat(1, "bob")), List.of(new Todo("1", "milk", false))), false);
        app.statusChanged(new ConnectionStatus.Reconnecting(2, 1));
        assertThat(app.todos().onlineProperty().get()).isFalse();
        app.welcomed(welcome(List.of(chat(1, "bob"), chat(2, "carol")), List.of()), true);
        assertThat(app.chat().entries()).extracting(e -> ((dev.tandem.client.chat.ChatEntry.Message) e).id()).containsExactly(1L, 2L);
        assertThat(app.todos().allItems()).isEmpty();
    }

    @Test
    void errorsGoToWhoeverSentTheRequest() {
        AppViewModel app = app();
        app.welcomed(welcome(List.of(), List.of()), false);
        app.statusChanged(new ConnectionStatus.Connected("s1"));
        app.chat().draftProperty().set("hi");
        app.chat().composer().send();
        String ref = connection.sent.get(0).clientId();
        app.received(new ServerMessage.Error("rate_limited", "slow", ref));
        assertThat(((dev.tandem.client.chat.ChatEntry.Message) app.chat().entries().get(0)).state()).isEqualTo(dev.tandem.client.chat.ChatEntry.State.FAILED);
    }

    @Test
    void aMessageOrTodoChangeHeldForSendingTooFastSaysWhenItGoesAgain() {
        AppViewModel app = app();
        app.welcomed(welcome(List.of(), List.of()), false);
        app.statusChanged(new ConnectionStatus.Connected("s1"));
        app.chat().draftProperty().set("hi");
        app.chat().composer().send();
        ChatEntry.Message message = (ChatEntry.Message) app.chat().entries().get(0);
        app.sendHeld(message.clientId(), Duration.ofMillis(2_100), "rate_limited");
        assertThat(message.state()).isEqualTo(ChatEntry.State.HELD);
        assertThat(message.failureProperty().get()).isEqualTo("Sending too fast — retrying in 3 s");
        app.sendResumed(message.clientId());
        assertThat(message.state()).isEqualTo(ChatEntry.State.PENDING);
        assertThat(message.failureProperty().get()).isEmpty();

        app.todos().newTitleProperty().set("milk");
        app.todos().add();
        String add = connection.sent(ClientMessage.TodoAdd.class).get(0).clientId();
        app.sendHeld(add, Duration.ofMillis(400), "rate_limited");
        assertThat(app.todos().errorProperty().get()).isEqualTo("Sending too fast — retrying in 1 s");
        assertThat(app.todos().allItems()).as("kept, unsaved").hasSize(1);
        app.sendResumed(add);
        assertThat(app.todos().errorProperty().get()).isEmpty();

        app.sendHeld(message.clientId(), Duration.ofSeconds(2), "unavailable");
        assertThat(message.failureProperty().get()).isEqualTo("The server cannot take it right now — retrying in 2 s");
        app.connectionLost();
        assertThat(message.state()).as("offline: it waits for the connection").isEqualTo(ChatEntry.State.QUEUED);
    }

    @Test
    void anExpiredSessionReturnsToSignInWithItsMessage() {
        AppViewModel app = app();
        app.welcomed(welcome(List.of(), List.of(new Todo("1", "milk", false))), false);
        app.sessionEnded(new SignInFailure(SignInFailure.Kind.SESSION_EXPIRED, "bad_token"));
        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.SIGN_IN);
        assertThat(app.signIn().messageProperty().get()).isEqualTo("Your session has expired. Please sign in again.");
        assertThat(app.todos().allItems()).isEmpty();
    }

    @Test
    void themeAndTodoFilterAreRemembered() {
        AppViewModel app = app();
        assertThat(app.themeProperty().get()).isEqualTo(ThemeChoice.LIGHT);
        app.toggleTheme();
        app.todos().filterProperty().set(TodoFilter.COMPLETED);

        AppViewModel next = app();
        assertThat(next.themeProperty().get()).isEqualTo(ThemeChoice.DARK);
        assertThat(next.todos().filterProperty().get()).isEqualTo(TodoFilter.COMPLETED);
    }

    @Test
    void signOutForgetsTheSession() {
        AppViewModel app = app();
        app.welcomed(welcome(List.of(), List.of(new Todo("1", "milk", false))), false);
        app.signOut();
        assertThat(connection.signOuts).isEqualTo(1);
        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.SIGN_IN);
        assertThat(app.todos().allItems()).isEmpty();
    }

    @Test
    void aRestartShowsTheSavedRoomsAndTheRoomThatWasOnScreenAtOnceAndResumesInIt() throws IOException {
        AppViewModel app = app();
        app.signIn().serverProperty().set("ws://localhost:7001/ws");
        app.signIn().userProperty().set("alice");
        app.statusChanged(new ConnectionStatus.Connected("s1"));
        app.welcomed(new ServerMessage.Welcome(1, "alice", "s1", false, "token", new TodoList(1, List.of()), "general",
                List.of(chat(1, "bob")), List.of(
                        new RoomSummary("general", RoomSummary.RoomKind.room, "general", 2, 1, 1, 0),
                        new RoomSummary("design", RoomSummary.RoomKind.room, "design", 2, 8, 7, 1)), List.of("alice"), 20), false);
        app.rooms().openRoom("design");
        ClientMessage.ChatHistory asked = connection.last(ClientMessage.ChatHistory.class);
        app.received(new ServerMessage.ChatPage(asked.clientId(), "design", List.of(
                new ChatMessage(7, "design", "bob", "seen", Instant.parse("2026-11-25T12:00:07Z"), "b7", "s1"),
                new ChatMessage(8, "design", "bob", "new", Instant.parse("2026-11-25T12:00:08Z"), "b8", "s1")), false));
        new SavedSession(URI.create("ws://localhost:7001/ws"), "alice", "token")
                .save(new DataDirectory(dataDir).account(URI.create("ws://localhost:7001/ws"), "alice"));
        app.closing();
        copies.close();
        copies = new SavedCopies(new DataDirectory(dataDir), Duration.ZERO);

        RecordingConnection again = new RecordingConnection();
        AppViewModel restarted = new AppViewModel(settings, Clock.systemUTC(), listener -> again, new DataDirectory(dataDir), copies, new ManualScheduler());
        assertThat(restarted.restoreSession()).isTrue();
        assertThat(restarted.rooms().rooms()).extracting(RoomItem::room).containsExactly("general", "design");
        assertThat(restarted.rooms().currentRoomProperty().get()).isEqualTo("design");
        assertThat(restarted.chat().entries()).filteredOn(ChatEntry.Message.class::isInstance)
                .extracting(ChatEntry::text).containsExactly("seen", "new");
        assertThat(restarted.chat().timeline("general").entries()).hasSize(1);
        assertThat(again.roomsOnScreen).last().isEqualTo("design"); // the resume asks for design's history
        assertThat(again.restores).hasSize(1);
    }

    private AppViewModel app() {
        return new AppViewModel(settings, Clock.systemUTC(), listener -> connection, new DataDirectory(dataDir), copies, new ManualScheduler());
    }

    private static ServerMessage.Welcome welcome(List<ChatMessage> history, List<Todo> todos) {
        return new ServerMessage.Welcome(1, "alice", "s1", false, "token", new TodoList(1, todos), "general", history, List.of(), List.of(), 20);
    }

    private static ChatMessage chat(long id, String author) {
        return new ChatMessage(id, author, "message " + id, Instant.parse("2026-11-25T12:00:00Z").plusSeconds(id),
                "c" + id, "s1");
    }
}
