package dev.tandem.client.app;

import dev.tandem.client.chat.RoomTimeline;
import dev.tandem.client.connection.Scheduler;
import dev.tandem.client.connection.ServerMessageListener;
import dev.tandem.client.nav.RoomOpener;
import dev.tandem.client.notify.NotificationPolicy;
import dev.tandem.client.notify.Notifier;
import dev.tandem.client.people.PeopleViewModel;
import dev.tandem.client.rooms.RoomItem;
import dev.tandem.client.switcher.RoomChoice;
import dev.tandem.client.switcher.SwitcherSource;
import dev.tandem.client.switcher.SwitcherViewModel;
import dev.tandem.client.typing.TypingViewModel;
import dev.tandem.model.ServerMessage;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javafx.beans.value.ChangeListener;

/**
 * One window's people list, typing line, notifications and quick switcher, wired to the app's view models:
 * every welcome and server message reaches them after the app's own, the room on screen is the room list's,
 * the drafts the user edits are the chat's, and signing out clears them. Toolkit-free: the timers and the
 * notifier are given (the JavaFX ones in the app, a manual clock and a list in tests).
 *
 * <p>Threads: UI thread only.
 */
final class TeamFeatures {
    private final RoomOpener opener;
    private final PeopleViewModel people;
    private final TypingViewModel typing;
    private final NotificationPolicy notifications;
    private final SwitcherViewModel switcher;
    /** True while a room switch replaces the draft with the new room's: that change is not the user typing. */
    private boolean switchingRoom;

    /**
     * @param timers   runs the typing line's timers on the UI thread
     * @param notifier makes the notifier, which opens rooms with the opener it is given
     */
    TeamFeatures(AppViewModel app, Scheduler timers, Function<RoomOpener, Notifier> notifier) {
        this.opener = RoomOpener.of(app.rooms()::openRoom, app.rooms()::openDm);
        this.people = new PeopleViewModel(opener);
        this.typing = new TypingViewModel(app.connection(), timers);
        this.notifications = new NotificationPolicy(notifier.apply(opener));
        this.switcher = new SwitcherViewModel(new SwitcherSource() {
            @Override
            public List<RoomChoice> rooms() {
                return app.rooms().rooms().stream().map(TeamFeatures::choice).toList();
            }

            @Override
            public Collection<String> onlinePeople() {
                return people.onlineUsers();
            }

            @Override
            public String me() {
                return people.me();
            }
        }, opener);

        people.liveProperty().bind(app.status().onlineProperty());
        notifications.currentRoomProperty().bind(app.rooms().currentRoomProperty());
        typing.show(app.rooms().currentRoomProperty().get());
        app.rooms().currentRoomProperty().addListener((obs, old, now) -> typing.show(now));
        // A room switch puts the new room's draft in (once the room list has changed its room, in the same turn
        // of the UI thread): what changes the draft until the UI thread is free again is not the user typing.
        app.rooms().currentRoomProperty().addListener((obs, old, now) -> switchingRooms(timers));
        app.chat().currentProperty().addListener((ChangeListener<RoomTimeline>) (obs, old, now) -> switchingRooms(timers));
        app.chat().draftProperty().addListener((obs, old, now) -> {
            if (!switchingRoom) {
                typing.draftEdited(app.chat().room(), now);
            }
        });
        app.sessionProperty().addListener((obs, was, now) -> {
            if (!now) {
                people.clear();
                typing.clear();
                notifications.clear();
            }
        });
        app.addServerListener(new ServerMessageListener() {
            @Override
            public void welcomed(ServerMessage.Welcome welcome, boolean resumed) {
                people.welcomed(welcome, resumed);
                typing.welcomed(welcome, resumed);
                notifications.welcomed(welcome, resumed);
            }

            @Override
            public void received(ServerMessage message) {
                people.received(message);
                typing.received(message);
                notifications.received(message);
            }
        });
    }

    private void switchingRooms(Scheduler timers) {
        if (!switchingRoom) {
            switchingRoom = true;
            timers.execute(() -> switchingRoom = false);
        }
    }

    RoomOpener opener() {
        return opener;
    }

    PeopleViewModel people() {
        return people;
    }

    TypingViewModel typing() {
        return typing;
    }

    NotificationPolicy notifications() {
        return notifications;
    }

    SwitcherViewModel switcher() {
        return switcher;
    }

    private static RoomChoice choice(RoomItem item) {
        return new RoomChoice(item.room(), item.title(), item.isDm(), item.unread());
    }
}
