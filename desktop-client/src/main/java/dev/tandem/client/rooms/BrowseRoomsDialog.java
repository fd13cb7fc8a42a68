package dev.tandem.client.rooms;

import atlantafx.base.theme.Styles;
import dev.tandem.client.theme.ThemeManager;
import dev.tandem.model.ServerMessage;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Browse rooms": the public rooms by name with their member counts, "Join" on those the user is not in
 * (it closes the dialog once the room opens), "Open" on the others, and "Load more rooms" while the server
 * has more. Enter on a selected room joins or opens it.
 *
 * <p>Threads: JavaFX thread only.
 */
final class BrowseRoomsDialog {
    private BrowseRoomsDialog() {
    }

    static void show(Window owner, RoomsViewModel rooms) {
        RoomDirectoryViewModel directory = rooms.directory();
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Browse rooms");
        dialog.setHeaderText(null);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("browse-rooms-dialog");

        ListView<ServerMessage.PublicRoom> list = new ListView<>(directory.rooms());
        list.setId("browse-rooms-list");
        list.setPrefSize(460, 300);
        list.setMinHeight(160);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setPlaceholder(placeholder(directory));
        list.setCellFactory(view -> new DirectoryCell(directory, rooms));
        list.setOnKeyPressed(e -> {
            ServerMessage.PublicRoom selected = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && selected != null) {
                e.consume();
                directory.join(selected.room());
            }
        });

        Button more = new Button("Load more rooms");
        more.setId("browse-rooms-more");
        more.visibleProperty().bind(directory.moreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.disableProperty().bind(directory.loadingProperty());
        more.setOnAction(e -> directory.loadMore());

        Label error = new Label();
        error.setId("browse-rooms-error");
        error.getStyleClass().add("signin-error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(directory.errorProperty());
        error.visibleProperty().bind(directory.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.visibleProperty().addListener((obs, was, now) -> javafx.application.Platform.runLater(
                () -> dialog.getDialogPane().getScene().getWindow().sizeToScene()));

        VBox box = new VBox(list, more, error);
        box.getStyleClass().add("dialog-form");
        dialog.getDialogPane().setContent(box);
        dialog.setResizable(true);

        // Joining (or opening) a room shows it: the dialog has done its job.
        String before = rooms.currentRoomProperty().get();
        ChangeListener<String> opened = (obs, old, now) -> {
            if (!now.equals(before)) {
                dialog.close();
            }
        };
        rooms.currentRoomProperty().addListener(opened);
        dialog.setOnHidden(e -> rooms.currentRoomProperty().removeListener(opened));
        ThemeManager.style(dialog.getDialogPane().getScene());
        directory.refresh();
        list.requestFocus();
        dialog.showAndWait();
    }

    private static Label placeholder(RoomDirectoryViewModel directory) {
        Label empty = new Label();
        empty.getStyleClass().add("status-muted");
        empty.setWrapText(true);
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(directory.loadingProperty())
                .then("Loading rooms…").otherwise("No public rooms yet: create one with +."));
        return empty;
    }

    /** One public room: its name and member count, and Join (or Open when the user is in it). */
    private static final class DirectoryCell extends ListCell<ServerMessage.PublicRoom> {
        private final Label name = new Label();
        private final Label members = new Label();
        private final Button action = new Button();
        private final HBox line;

        DirectoryCell(RoomDirectoryViewModel directory, RoomsViewModel rooms) {
            name.getStyleClass().add("room-title");
            name.setGraphic(new FontIcon(Feather.HASH));
            name.setMinWidth(0);
            members.getStyleClass().add("status-muted");
            members.setMinWidth(Region.USE_PREF_SIZE);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            action.getStyleClass().add(Styles.SMALL);
            action.setMinWidth(Region.USE_PREF_SIZE);
            action.setOnAction(e -> {
                if (getItem() != null) {
                    directory.join(getItem().room());
                }
            });
            line = new HBox(name, members, gap, action);
            line.getStyleClass().add("directory-line");
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ServerMessage.PublicRoom room, boolean empty) {
            super.updateItem(room, empty);
            setText(null);
            if (empty || room == null) {
                setGraphic(null);
                return;
            }
            name.setText(room.room());
            name.setTooltip(new javafx.scene.control.Tooltip("#" + room.room()));
            members.setText(room.members() == 1 ? "1 member" : room.members() + " members");
            action.setText(room.joined() ? "Open" : "Join");
            action.setId("browse-join-" + room.room());
            action.getStyleClass().remove(Styles.ACCENT);
            if (!room.joined()) {
                action.getStyleClass().add(Styles.ACCENT);
            }
            setGraphic(line);
        }
    }
}
