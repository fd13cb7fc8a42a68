package dev.tandem.client.nav;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Puts a room on screen: what the people list, the notifications and the quick switcher need of the room
 * list, and nothing more (the app passes its rooms view model's two commands).
 *
 * <p>Threads: called on the UI thread.
 */
public interface RoomOpener {

    /** Shows {@code room} (a public room or a DM the user is in); false if the user is not in it. */
    boolean openRoom(String room);

    /** Shows the DM with {@code user}, asking the server to make it first if there is none yet. */
    void openDm(String user);

    /** A room opener made of the two commands, e.g. {@code RoomOpener.of(rooms::openRoom, rooms::openDm)}. */
    static RoomOpener of(Predicate<String> openRoom, Consumer<String> openDm) {
        Objects.requireNonNull(openRoom);
        Objects.requireNonNull(openDm);
        return new RoomOpener() {
            @Override
            public boolean openRoom(String room) {
                return openRoom.test(room);
            }

            @Override
            public void openDm(String user) {
                openDm.accept(user);
            }
        };
    }
}
