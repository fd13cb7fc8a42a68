package dev.tandem.client.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.nav.RecordingOpener;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.TodoList;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class PeopleViewModelTest {
    private final RecordingOpener opener = new RecordingOpener();
    private final PeopleViewModel people = new PeopleViewModel(opener);

    static ServerMessage.Welcome welcome(String user, String... online) {
        return new ServerMessage.Welcome(1, user, "s1", false, "token", new TodoList(0, List.of()), "general",
                List.of(), List.of(), List.of(online), 20);
    }

    private List<String> labels() {
        return people.people().stream().map(Person::label).toList();
    }

    @Test
    void theWelcomeListsEveryoneOnlineWithOneselfFirstAndCounts() {
        people.liveProperty().set(true);
        people.welcomed(welcome("carol", "dave", "alice", "carol", "bob"), false);

        assertThat(labels()).containsExactly("carol (you)", "alice", "bob", "dave");
        assertThat(people.countProperty().get()).isEqualTo(4);
        assertThat(people.summaryProperty().get()).isEqualTo("4 online");
    }

    @Test
    void oneselfIsOnlineEvenIfTheWelcomeOrAFrameSaysOtherwise() {
        people.welcomed(welcome("alice", "bob"), false);
        assertThat(labels()).containsExactly("alice (you)", "bob");

        people.received(new ServerMessage.Presence(List.of(), List.of("alice")));
        assertThat(labels()).containsExactly("alice (you)", "bob");
        assertThat(people.isOnline("alice")).isTrue();
    }

    @Test
    void presenceFramesChangeTheListLineByLineInOrder() {
        people.welcomed(welcome("alice", "alice", "dave"), false);
        List<String> changes = new ArrayList<>();
        people.people().addListener((ListChangeListener<Person>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(p -> changes.add("-" + p.name()));
                change.getAddedSubList().forEach(p -> changes.add("+" + p.name() + "@" + change.getFrom()));
            }
        });
        Person dave = people.people().get(1);

        people.received(new ServerMessage.Presence(List.of("carol", "bob"), List.of()));
        people.received(new ServerMessage.Presence(List.of("erin"), List.of("dave")));

        assertThat(labels()).containsExactly("alice (you)", "bob", "carol", "erin");
        assertThat(changes).containsExactly("+carol@1", "+bob@1", "-dave", "+erin@3");
        assertThat(dave.name()).isEqualTo("dave");
    }

    @Test
    void aRepeatedOnlineOrAnUnknownOfflineChangesNothing() {
        people.welcomed(welcome("alice", "bob"), false);
        people.received(new ServerMessage.Presence(List.of("bob"), List.of("zed")));
        assertThat(labels()).containsExactly("alice (you)", "bob");
    }

    @Test
    void aDotFollowsItsPersonAlsoWhenAskedForBeforeTheyCameOnline() {
        ReadOnlyBooleanProperty bob = people.presenceProperty("bob");
        assertThat(bob.get()).isFalse();

        people.welcomed(welcome("alice", "bob"), false);
        assertThat(bob.get()).isTrue();
        assertThat(people.presenceProperty("bob")).isSameAs(bob);

        people.received(new ServerMessage.Presence(List.of(), List.of("bob")));
        assertThat(bob.get()).isFalse();
        assertThat(people.onlineUsers()).containsExactly("alice");
    }

    @Test
    void aResumeReplacesWhoIsOnlineWithTheWelcomes() {
        people.welcomed(welcome("alice", "bob", "carol"), false);
        ReadOnlyBooleanProperty carol = people.presenceProperty("carol");

        people.welcomed(welcome("alice", "bob", "dave"), true);

        assertThat(labels()).containsExactly("alice (you)", "bob", "dave");
        assertThat(carol.get()).isFalse();
    }

    @Test
    void clickingSomeoneOpensTheDmWithThemButNotWithOneself() {
        people.welcomed(welcome("alice", "bob"), false);

        people.open(people.people().get(1));
        people.open(people.people().get(0));
        people.open(null);

        assertThat(opener.opened).containsExactly("dm:bob");
    }

    @Test
    void offlineTheListIsTheLastOneKnownAndSaysSo() {
        assertThat(people.summaryProperty().get()).isEmpty();
        people.liveProperty().set(true);
        people.welcomed(welcome("alice", "bob"), false);
        people.liveProperty().set(false);

        assertThat(labels()).containsExactly("alice (you)", "bob");
        assertThat(people.summaryProperty().get()).isEqualTo("last known");
    }

    @Test
    void anotherUserOrASignOutStartsFromNobody() {
        people.welcomed(welcome("alice", "bob"), false);
        ReadOnlyBooleanProperty bob = people.presenceProperty("bob");

        people.welcomed(welcome("carol", "dave"), false);
        assertThat(labels()).containsExactly("carol (you)", "dave");
        assertThat(bob.get()).isFalse();

        people.clear();
        assertThat(people.people()).isEmpty();
        assertThat(people.me()).isEmpty();
        assertThat(people.isOnline("carol")).isFalse();
    }
}
