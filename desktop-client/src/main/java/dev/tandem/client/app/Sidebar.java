package dev.tandem.client.app;

import dev.tandem.client.rooms.RoomListView;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's left column: the room list on top and, below it, a slot for the people list
 * ({@link #setPeople}). It keeps its width when the window grows and gives way first, down to
 * {@link #MIN_WIDTH}, when the window is small.
 *
 * <p>Threads: JavaFX thread only.
 */
public final class Sidebar extends VBox {
    /** The narrowest the sidebar gets (at the window's minimum width). */
    public static final double MIN_WIDTH = 160;
    /** Its width in a window with room to spare. */
    public static final double PREF_WIDTH = 210;

    private final RoomListView rooms;
    private final StackPane peopleSlot = new StackPane();

    Sidebar(RoomListView rooms) {
        this.rooms = rooms;
        setId("sidebar");
        getStyleClass().add("sidebar");
        setMinWidth(MIN_WIDTH);
        setPrefWidth(PREF_WIDTH);
        setMaxWidth(PREF_WIDTH);
        VBox.setVgrow(rooms, Priority.ALWAYS);
        peopleSlot.setId("sidebar-people");
        peopleSlot.getStyleClass().add("sidebar-people");
        peopleSlot.visibleProperty().bind(Bindings.isNotEmpty(peopleSlot.getChildren()));
        peopleSlot.managedProperty().bind(peopleSlot.visibleProperty());
        peopleSlot.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(peopleSlot, Priority.SOMETIMES);
        getChildren().addAll(rooms, peopleSlot);
    }

    /** Shows {@code people} (who is online) under the room list; null for nothing. */
    public void setPeople(Node people) {
        if (people == null) {
            peopleSlot.getChildren().clear();
        } else {
            peopleSlot.getChildren().setAll(people);
        }
    }

    RoomListView rooms() {
        return rooms;
    }
}
