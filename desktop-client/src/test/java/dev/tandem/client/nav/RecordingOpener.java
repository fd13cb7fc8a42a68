package dev.tandem.client.nav;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records what was opened (view model tests have no room list); knows the rooms it is told the user is in. */
public final class RecordingOpener implements RoomOpener {
    /** "room:general", "dm:bob" (openDm), in order. */
    public final List<String> opened = new ArrayList<>();
    public final Set<String> rooms = new HashSet<>(Set.of("general"));

    @Override
    public boolean openRoom(String room) {
        opened.add("room:" + room);
        return rooms.contains(room);
    }

    @Override
    public void openDm(String user) {
        opened.add("dm:" + user);
    }
}
