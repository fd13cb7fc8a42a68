package dev.tandem.client.people;

import dev.tandem.client.nav.RoomOpener;
import dev.tandem.model.ServerMessage;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * Who is online, across all servers: the welcome's {@code online}, then each {@code presence} frame's changes.
 * The list holds everyone online, the signed-in user first (marked "(you)", online for as long as this window
 * is signed in, whatever the frames say), the others by name; it changes line by line, so a focused or
 * selected line stays where it is when others come and go. {@link #presenceProperty(String)} gives one user's
 * dot for other views (the room list's DM rows), {@link #open(Person)} starts or opens the DM.
 *
 * <p>Threads: UI thread only (the connection's events arrive there).
 */
public final class PeopleViewModel {
    private final RoomOpener opener;
    private final ObservableSet<String> online = FXCollections.observableSet();
    private final ObservableSet<String> readOnlyOnline = FXCollections.unmodifiableObservableSet(online);
    private final ObservableList<Person> people = FXCollections.observableArrayList();
    private final ObservableList<Person> readOnlyPeople = FXCollections.unmodifiableObservableList(people);
    private final Map<String, ReadOnlyBooleanWrapper> dots = new HashMap<>();
    private final BooleanProperty live = new SimpleBooleanProperty(this, "live");
    private final IntegerBinding count = Bindings.size(people);
    private final StringBinding summary;
    private String me = "";

    public PeopleViewModel(RoomOpener opener) {
        this.opener = Objects.requireNonNull(opener);
        summary = Bindings.createStringBinding(() -> !live.get() && people.isEmpty() ? ""
                : !live.get() ? "last known"
                : count.get() + " online", live, count);
    }

    // ---- state ----

    /** Everyone online, the signed-in user first, then by name. */
    public ObservableList<Person> people() {
        return readOnlyPeople;
    }

    /** The names of everyone online (the signed-in user included). */
    public ObservableSet<String> onlineUsers() {
        return readOnlyOnline;
    }

    /** How many are online. */
    public IntegerBinding countProperty() {
        return count;
    }

    /** "3 online", or "last known" while the connection is down (the list is the one it last knew). */
    public StringBinding summaryProperty() {
        return summary;
    }

    /** True while {@code user} is online: the dot next to a name anywhere in the window. */
    public ReadOnlyBooleanProperty presenceProperty(String user) {
        return dots.computeIfAbsent(user, name -> new ReadOnlyBooleanWrapper(this, "presence", online.contains(name)))
                .getReadOnlyProperty();
    }

    /** True when {@code user} is online. */
    public boolean isOnline(String user) {
        return online.contains(user);
    }

    /**
     * True while the connection is live and presence frames arrive; the app binds it to the connection's status.
     * While false the list is the last one known.
     */
    public BooleanProperty liveProperty() {
        return live;
    }

    /** The signed-in user; empty before the first welcome. */
    public String me() {
        return me;
    }

    // ---- commands ----

    /** Opens the DM with {@code person} (a click or Enter on their line); nothing for oneself. */
    public void open(Person person) {
        if (person != null && !person.me()) {
            opener.openDm(person.name());
        }
    }

    // ---- events ----

    /** A sign-in or a resume: the welcome's {@code online} replaces what was known. */
    public void welcomed(ServerMessage.Welcome welcome, boolean resumed) {
        if (!welcome.user().equals(me)) {
            clear();
            me = welcome.user();
        }
        Set<String> now = new HashSet<>(welcome.online());
        now.add(me);
        for (String gone : List.copyOf(online)) {
            if (!now.contains(gone)) {
                remove(gone);
            }
        }
        now.forEach(this::add);
    }

    /** Reads the presence frames among the server's messages; everything else is not for this list. */
    public void received(ServerMessage message) {
        if (message instanceof ServerMessage.Presence presence) {
            presence.offline().forEach(this::remove);
            presence.online().forEach(this::add);
        }
    }

    /** Signed out: nobody is known to be online. */
    public void clear() {
        for (String name : List.copyOf(online)) {
            online.remove(name);
            dot(name, false);
        }
        people.clear();
        me = "";
    }

    // ---- internals ----

    private void add(String name) {
        if (name == null || !online.add(name)) {
            return;
        }
        Person person = new Person(name, name.equals(me));
        int at = Collections.binarySearch(people, person, PeopleViewModel::order);
        people.add(at < 0 ? -at - 1 : at, person);
        dot(name, true);
    }

    private void remove(String name) {
        if (name == null || name.equals(me) || !online.remove(name)) {
            return; // this window is signed in: its user is online, whatever a frame says
        }
        people.removeIf(person -> person.name().equals(name));
        dot(name, false);
    }

    private void dot(String name, boolean on) {
        ReadOnlyBooleanWrapper dot = dots.get(name);
        if (dot != null) {
            dot.set(on);
        }
    }

    private static int order(Person a, Person b) {
        if (a.me() != b.me()) {
            return a.me() ? -1 : 1;
        }
        return a.name().compareTo(b.name());
    }
}
