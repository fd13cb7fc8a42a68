package dev.tandem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoomNamesTest {
    @Test
    void aDmIsTheSameWhoeverOpensIt() {
        assertThat(RoomNames.dm("bob", "alice")).isEqualTo("dm:alice:bob").isEqualTo(RoomNames.dm("alice", "bob"));
        assertThat(RoomNames.dmPeer("dm:alice:bob", "alice")).contains("bob");
        assertThat(RoomNames.dmPeer("dm:alice:bob", "bob")).contains("alice");
        assertThat(RoomNames.dmPeer("dm:alice:bob", "carol")).isEmpty();
    }

    @Test
    void namesWithDotsMakeUnambiguousDms() {
        String room = RoomNames.dm("d.1", "d.2");
        assertThat(room).isEqualTo("dm:d.1:d.2");
        assertThat(RoomNames.dmUsers(room)).hasValueSatisfying(users -> assertThat(users).containsExactly("d.1", "d.2"));
    }

    @Test
    void onlyWellFormedRoomsAreValid() {
        assertThat(RoomNames.isValid("general")).isTrue();
        assertThat(RoomNames.isValid("design-2_b")).isTrue();
        assertThat(RoomNames.isPublicName("dm:alice:bob")).isFalse();
        assertThat(RoomNames.isDm("dm:alice:bob")).isTrue();
        assertThat(RoomNames.isDm("dm:bob:alice")).as("out of order").isFalse();
        assertThat(RoomNames.isDm("dm:alice:alice")).isFalse();
        assertThat(RoomNames.isDm("dm:alice")).isFalse();
        assertThat(RoomNames.isDm("dm:alice:bob:carol")).isFalse();
        assertThat(RoomNames.isValid("a.b")).as("no dots in room names").isFalse();
        assertThat(RoomNames.isValid("Design")).isFalse();
        assertThat(RoomNames.isValid("")).isFalse();
        assertThat(RoomNames.isValid(null)).isFalse();
        assertThatThrownBy(() -> RoomNames.dm("alice", "alice")).isInstanceOf(IllegalArgumentException.class);
    }
}
