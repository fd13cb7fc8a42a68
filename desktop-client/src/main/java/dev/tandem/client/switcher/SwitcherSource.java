package dev.tandem.client.switcher;

import java.util.Collection;
import java.util.List;

/**
 * Where the quick switcher finds what it offers, asked each time it opens: the app hands it its room list and
 * who is online.
 *
 * <p>Threads: asked on the UI thread.
 */
public interface SwitcherSource {

    /** The rooms and DMs the user is in, in the room list's order. */
    List<RoomChoice> rooms();

    /** Who is online (the signed-in user may be among them). */
    Collection<String> onlinePeople();

    /** The signed-in user. */
    String me();
}
