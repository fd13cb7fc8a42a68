package dev.tandem.client.switcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.nav.RecordingOpener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SwitcherViewModelTest {
    private final List<RoomChoice> rooms = new ArrayList<>(List.of(
            new RoomChoice("general", "general", false, 0),
            new RoomChoice("backend", "backend", false, 0),
            new RoomChoice("design", "design", false, 3),
            new RoomChoice("design-review", "design-review", false, 0),
            new RoomChoice("web-design", "web-design", false, 0),
            new RoomChoice("dm:alice:bob", "bob", true, 0),
            new RoomChoice("dm:alice:dana", "dana", true, 1)));
    private final List<String> online = new ArrayList<>(List.of("alice", "bob", "carol", "desi"));
    private final RecordingOpener opener = new RecordingOpener();
    private final SwitcherViewModel switcher = new SwitcherViewModel(new SwitcherSource() {
        @Override
        public List<RoomChoice> rooms() {
            return rooms;
        }

        @Override
        public Collection<String> onlinePeople() {
            return online;
        }

        @Override
        public String me() {
            return "alice";
        }
    }, opener);

    private List<String> titles() {
        return switcher.results().stream().map(Choice::title).toList();
    }

    @Test
    void openedWithNothingTypedItOffersUnreadFirstThenTheRoomListThenPeopleOnline() {
        switcher.open();

        assertThat(titles()).containsExactly("design", "dana", "general", "backend", "design-review", "web-design",
                "bob", "carol", "desi");
        assertThat(switcher.selectedProperty().get()).isZero();
        assertThat(switcher.results().get(1)).isEqualTo(new Choice(Choice.Kind.DM, "dm:alice:dana", "dana", 1, false));
        assertThat(switcher.results().get(6).online()).isTrue();
        assertThat(switcher.results().get(7)).isEqualTo(new Choice(Choice.Kind.PERSON, "carol", "carol", 0, true));
    }

    @Test
    void typingFiltersBySubstringBestMatchFirst() {
        switcher.open();
        switcher.queryProperty().set("DESIGN");
        assertThat(titles()).as("exact, prefix, word start").containsExactly("design", "design-review", "web-design");

        switcher.queryProperty().set("es");
        assertThat(titles()).as("inside the name: unread first, rooms before people")
                .containsExactly("design", "design-review", "web-design", "desi");

        switcher.queryProperty().set("d");
        assertThat(titles()).containsExactly("design", "dana", "design-review", "desi", "web-design", "backend");
    }

    @Test
    void aHashKeepsRoomsAndAnAtKeepsPeople() {
        switcher.open();
        switcher.queryProperty().set("#d");
        assertThat(titles()).containsExactly("design", "design-review", "web-design", "backend");
        switcher.queryProperty().set("@d");
        assertThat(titles()).containsExactly("dana", "desi");
        switcher.queryProperty().set("  @  ");
        assertThat(titles()).containsExactly("dana", "bob", "carol", "desi");
    }

    @Test
    void upAndDownMoveTheChoiceWithinTheResults() {
        switcher.open();
        switcher.queryProperty().set("design");
        switcher.moveUp();
        assertThat(switcher.selected().title()).isEqualTo("design");
        switcher.moveDown();
        switcher.moveDown();
        switcher.moveDown();
        assertThat(switcher.selected().title()).isEqualTo("web-design");
        switcher.moveUp();
        assertThat(switcher.selected().title()).isEqualTo("design-review");

        switcher.queryProperty().set("desi");
        assertThat(switcher.selectedProperty().get()).as("a new filter starts at the top").isZero();
    }

    @Test
    void enterOpensTheRoomTheDmOrStartsADm() {
        switcher.open();
        switcher.queryProperty().set("web");
        assertThat(switcher.choose()).isTrue();
        switcher.queryProperty().set("bob");
        assertThat(switcher.choose()).isTrue();
        switcher.queryProperty().set("carol");
        assertThat(switcher.choose()).isTrue();

        assertThat(opener.opened).containsExactly("room:web-design", "room:dm:alice:bob", "dm:carol");
    }

    @Test
    void nothingMatchingMeansNothingChosenAndEnterDoesNothing() {
        switcher.open();
        switcher.queryProperty().set("zzz");
        assertThat(switcher.results()).isEmpty();
        assertThat(switcher.selectedProperty().get()).isEqualTo(-1);
        switcher.moveDown();
        assertThat(switcher.choose()).isFalse();
        assertThat(opener.opened).isEmpty();
    }

    @Test
    void openingAgainStartsFromNothingTypedWithTheRoomsAsTheyAreNow() {
        switcher.open();
        switcher.queryProperty().set("ops");
        assertThat(switcher.results()).isEmpty();
        rooms.add(new RoomChoice("ops", "ops", false, 0));
        online.remove("desi");

        switcher.open();
        assertThat(switcher.queryProperty().get()).isEmpty();
        assertThat(titles()).contains("ops").doesNotContain("desi");
    }

    @Test
    void atMostFiftyLinesShow() {
        IntStream.range(0, 80).forEach(i -> rooms.add(new RoomChoice("r" + i, "r" + i, false, 0)));
        switcher.open();
        switcher.queryProperty().set("r");
        assertThat(switcher.results()).hasSize(SwitcherViewModel.MAX_RESULTS);
    }
}
