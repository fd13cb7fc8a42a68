package dev.tandem.client.switcher;

import dev.tandem.client.nav.RoomOpener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The quick switcher (Ctrl+K): what is typed filters the user's rooms and DMs, and the people online with whom
 * there is no DM yet (to start one), by {@link Matching}: best matches first, then those with unread messages,
 * then rooms and DMs before people, then in the room list's order (people by name). A leading {@code #} keeps
 * rooms only, a leading {@code @} DMs and people only. Up and Down move the choice, Enter opens it.
 *
 * <p>Threads: UI thread only.
 */
public final class SwitcherViewModel {
    /** Most lines offered at once. */
    public static final int MAX_RESULTS = 50;

    private record Ranked(Choice choice, int score, int order) {
    }

    private static final Comparator<Ranked> BEST = Comparator.comparingInt(Ranked::score)
            .thenComparing(ranked -> ranked.choice().unread() == 0)
            .thenComparing(ranked -> ranked.choice().kind() == Choice.Kind.PERSON)
            .thenComparingInt(Ranked::order);

    private final SwitcherSource source;
    private final RoomOpener opener;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<Choice> results = FXCollections.observableArrayList();
    private final ObservableList<Choice> readOnlyResults = FXCollections.unmodifiableObservableList(results);
    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", -1);
    private List<RoomChoice> rooms = List.of();
    private Collection<String> people = List.of();
    private String me = "";

    public SwitcherViewModel(SwitcherSource source, RoomOpener opener) {
        this.source = Objects.requireNonNull(source);
        this.opener = Objects.requireNonNull(opener);
        query.addListener((obs, old, now) -> filter());
    }

    // ---- state ----

    /** What is typed. */
    public StringProperty queryProperty() {
        return query;
    }

    /** What it matches, best first. */
    public ObservableList<Choice> results() {
        return readOnlyResults;
    }

    /** The index of the chosen line in {@link #results()}; -1 when there is none. */
    public IntegerProperty selectedProperty() {
        return selected;
    }

    /** The chosen line, if any. */
    public Choice selected() {
        int index = selected.get();
        return index >= 0 && index < results.size() ? results.get(index) : null;
    }

    // ---- commands ----

    /** The switcher opens: nothing typed, the rooms as they are now, the first line chosen. */
    public void open() {
        rooms = List.copyOf(source.rooms());
        people = List.copyOf(source.onlinePeople());
        me = source.me() == null ? "" : source.me();
        if (query.get().isEmpty()) {
            filter();
        } else {
            query.set("");
        }
    }

    /** Down: the next line (stays on the last). */
    public void moveDown() {
        if (!results.isEmpty()) {
            selected.set(Math.min(results.size() - 1, selected.get() + 1));
        }
    }

    /** Up: the line before (stays on the first). */
    public void moveUp() {
        if (!results.isEmpty()) {
            selected.set(Math.max(0, selected.get() - 1));
        }
    }

    /** Enter: opens the chosen line. False if nothing is chosen (the switcher then stays open). */
    public boolean choose() {
        return choose(selected());
    }

    /** Opens {@code choice} (a click on its line); false for none. */
    public boolean choose(Choice choice) {
        if (choice == null) {
            return false;
        }
        if (choice.kind() == Choice.Kind.PERSON) {
            opener.openDm(choice.target());
        } else {
            opener.openRoom(choice.target());
        }
        return true;
    }

    // ---- internals ----

    private void filter() {
        String typed = query.get() == null ? "" : query.get().strip();
        String wanted = Matching.query(typed);
        boolean roomsOnly = typed.startsWith("#");
        boolean peopleOnly = typed.startsWith("@");
        Set<String> online = new HashSet<>(people);
        Set<String> withDm = new HashSet<>();
        List<Ranked> ranked = new ArrayList<>();
        int order = 0;
        for (RoomChoice room : rooms) {
            order++;
            if (room.dm()) {
                withDm.add(room.title());
            }
            if (room.dm() ? roomsOnly : peopleOnly) {
                continue;
            }
            int score = Math.min(Matching.score(room.title(), wanted),
                    room.dm() ? Matching.NONE : Matching.score(room.room(), wanted));
            if (score != Matching.NONE) {
                Choice choice = new Choice(room.dm() ? Choice.Kind.DM : Choice.Kind.ROOM, room.room(), room.title(),
                        Math.max(0, room.unread()), room.dm() && online.contains(room.title()));
                ranked.add(new Ranked(choice, score, order));
            }
        }
        if (!roomsOnly) {
            List<String> others = people.stream().filter(user -> !user.equals(me) && !withDm.contains(user))
                    .sorted().toList();
            for (String user : others) {
                order++;
                int score = Matching.score(user, wanted);
                if (score != Matching.NONE) {
                    ranked.add(new Ranked(new Choice(Choice.Kind.PERSON, user, user, 0, true), score, order));
                }
            }
        }
        ranked.sort(BEST);
        results.setAll(ranked.stream().limit(MAX_RESULTS).map(Ranked::choice).toList());
        selected.set(results.isEmpty() ? -1 : 0);
    }
}
