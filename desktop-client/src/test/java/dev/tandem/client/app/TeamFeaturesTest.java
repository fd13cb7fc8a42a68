package dev.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.RecordingConnection;
import dev.tandem.client.connection.ConnectionStatus;
import dev.tandem.client.connection.ManualScheduler;
import dev.tandem.client.notify.Notification;
import dev.tandem.client.people.Person;
import dev.tandem.client.settings.Settings;
import dev.tandem.client.store.DataDirectory;
import dev.tandem.client.store.SavedCopies;
import dev.tandem.client.switcher.Choice;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.RoomSummary;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.TodoList;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** People, typing, notifications and the switcher wired to the app's view models, without a toolkit. */
class TeamFeaturesTest {
    private static final String DM = "dm:alice:bob";
    private final Settings settings = Settings.at("dev/tandem/test/" + UUID.randomUUID());
    private final RecordingConnection connection = new RecordingConnection();
    private final ManualScheduler timers = new ManualScheduler();
    private final List<Notification> notified = new ArrayList<>();
    @TempDir
    Path dataDir;
    private SavedCopies copies;
    private AppViewModel app;
    private TeamFeatures team;

    @BeforeEach
    void signIn() {
        copies = new SavedCopies(new DataDirectory(dataDir), Duration.ZERO);
        app = new AppViewModel(settings, Clock.systemUTC(), listener -> connection, new DataDirectory(dataDir), copies, new ManualScheduler());
        team = new TeamFeatures(app, timers, opener -> notified::add);
        app.statusChanged(new ConnectionStatus.Connected("s1"));
        app.welcomed(new ServerMessage.Welcome(1, "alice", "s1", false, "token", new TodoList(1, List.of()), "general",
                List.of(), List.of(new RoomSummary("general", RoomSummary.RoomKind.room, "general", 3, 0, 0, 0),
                new RoomSummary(DM, RoomSummary.RoomKind.dm, "bob", 2, 0, 0, 0)),
                List.of("alice", "bob"), 20), false);
        timers.runReady(); // the UI thread is free again
    }

    @AfterEach
    void cleanUp() {
        copies.close();
        settings.clear();
    }

    private static ChatMessage message(long id, String room, String author, String text) {
        return new ChatMessage(id, room, author, text, Instant.parse("2026-11-25T12:00:00Z"), "c" + id, "s1");
    }

    @Test
    void theWelcomeAndPresenceFramesReachThePeopleList() {
        assertThat(team.people().people()).extracting(Person::label).containsExactly("alice (you)", "bob");
        assertThat(team.people().summaryProperty().get()).isEqualTo("2 online");

        app.received(new ServerMessage.Presence(List.of("carol"), List.of("bob")));
        assertThat(team.people().people()).extracting(Person::name).containsExactly("alice", "carol");
        app.statusChanged(new ConnectionStatus.Reconnecting(2, 1));
        assertThat(team.people().summaryProperty().get()).isEqualTo("last known");
    }

    @Test
    void theTypingLineIsThatOfTheRoomOnScreen() {
        app.received(new ServerMessage.Typing(DM, "bob"));
        assertThat(team.typing().lineProperty().get()).isEmpty();
        app.rooms().openRoom(DM);
        assertThat(team.typing().lineProperty().get()).isEqualTo("bob is typing…");
        app.received(message(1, DM, "bob", "hi"));
        assertThat(team.typing().lineProperty().get()).isEmpty();
    }

    @Test
    void editingTheDraftSaysTypingInThatRoomButSwitchingRoomsDoesNot() {
        app.chat().draftProperty().set("h");
        app.rooms().openRoom(DM);
        timers.runReady();
        app.chat().draftProperty().set("for bob");
        timers.advance(Duration.ofSeconds(3));
        app.rooms().openRoom("general"); // brings back the draft "h": not typing
        timers.runReady();
        app.rooms().openRoom(DM); // and "for bob"
        timers.runReady();

        assertThat(connection.sentNow).filteredOn(ClientMessage.Typing.class::isInstance)
                .containsExactly(new ClientMessage.Typing("general"), new ClientMessage.Typing(DM));
    }

    @Test
    void aDmInAnotherRoomNotifiesAndMarksItUntilItIsOpened() {
        app.received(message(1, DM, "bob", "are you there?"));

        assertThat(notified).containsExactly(new Notification(DM, "bob", "bob", "are you there?", true));
        assertThat(team.notifications().markedRooms()).containsExactly(DM);
        team.opener().openRoom(DM);
        assertThat(team.notifications().markedRooms()).isEmpty();
    }

    @Test
    void theSwitcherOffersTheRoomListAndWhoIsOnline() {
        app.received(new ServerMessage.Presence(List.of("carol"), List.of()));
        app.received(message(1, DM, "bob", "unread"));
        team.switcher().open();

        assertThat(team.switcher().results()).extracting(Choice::title).containsExactly("bob", "general", "carol");
        team.switcher().queryProperty().set("car");
        team.switcher().choose();
        assertThat(connection.sent).last().isInstanceOf(ClientMessage.DmOpen.class);
    }

    @Test
    void signingOutClearsThemAll() {
        app.received(new ServerMessage.Typing("general", "bob"));
        app.received(message(1, DM, "bob", "one"));
        app.signOut();

        assertThat(team.people().people()).isEmpty();
        assertThat(team.typing().lineProperty().get()).isEmpty();
        assertThat(team.notifications().markedRooms()).isEmpty();
    }
}
