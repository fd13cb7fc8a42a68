package dev.tandem.client.rooms;

import dev.tandem.client.theme.ThemeManager;
import dev.tandem.model.Limits;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Create a room": the name (as rooms are named), Create (Enter) and Cancel (Escape). It stays open while the
 * server answers and says why a name is refused; it closes once the room is created (and opened).
 *
 * <p>Threads: JavaFX thread only.
 */
final class CreateRoomDialog {
    private CreateRoomDialog() {
    }

    static void show(Window owner, CreateRoomViewModel form) {
        form.reset();
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Create a room");
        dialog.setHeaderText(null);
        ButtonType create = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(create, ButtonType.CANCEL);
        dialog.getDialogPane().setId("create-room-dialog");

        Label label = new Label("Name");
        label.getStyleClass().add("field-label");
        TextField name = new TextField();
        name.setId("create-room-name");
        name.setPromptText("e.g. design");
        name.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().length() > Limits.MAX_CLIENT_ID ? null : change));
        name.textProperty().bindBidirectional(form.nameProperty());
        label.setLabelFor(name);
        Label hint = new Label("Lower-case letters, digits, - and _. Anyone can find and join it.");
        hint.getStyleClass().add("signin-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        Label error = new Label();
        error.setId("create-room-error");
        error.getStyleClass().add("signin-error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(form.errorProperty());
        error.visibleProperty().bind(form.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        // The window grows with what it says (a refusal), instead of cutting off its buttons.
        error.visibleProperty().addListener((obs, was, now) -> Platform.runLater(() -> dialog.getDialogPane().getScene().getWindow().sizeToScene()));
        VBox box = new VBox(label, name, hint, error);
        box.getStyleClass().add("dialog-form");
        box.setPrefWidth(360);
        dialog.getDialogPane().setContent(box);

        Node createButton = dialog.getDialogPane().lookupButton(create);
        createButton.setId("create-room-submit");
        createButton.disableProperty().bind(form.canSubmitProperty().not());
        createButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // stays open until the server has made the room
            form.submit();
        });
        ChangeListener<Boolean> closeWhenDone = (obs, was, done) -> {
            if (done) {
                dialog.close();
            }
        };
        form.doneProperty().addListener(closeWhenDone);
        dialog.setOnHidden(e -> form.doneProperty().removeListener(closeWhenDone));
        ThemeManager.style(dialog.getDialogPane().getScene());
        Platform.runLater(name::requestFocus);
        dialog.showAndWait();
    }
}
