package dev.tandem.client.todos;

import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The bar under the todo list after a delete or "Clear completed": says what was done and offers "Undo"
 * for {@link #SHOWN_FOR}. When the time is up, or on ×, the change is sent for real
 * ({@link TodosViewModel#commitUndoable()}); Ctrl+Z in the todo pane undoes it too.
 *
 * <p>Threads: JavaFX thread only.
 */
final class UndoSnackbar extends HBox {
    /** Long enough to notice and reach the button, short enough that other windows follow soon. */
    static final Duration SHOWN_FOR = Duration.seconds(6);

    private final PauseTransition timer = new PauseTransition(SHOWN_FOR);

    UndoSnackbar(TodosViewModel model) {
        setId("todo-undo-bar");
        getStyleClass().add("todo-undo-bar");
        Label text = new Label();
        text.setId("todo-undo-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button undo = new Button("Undo");
        undo.setId("todo-undo");
        undo.getStyleClass().addAll(Styles.ACCENT, Styles.FLAT, Styles.SMALL);
        undo.setOnAction(e -> model.undo());
        Button dismiss = new Button(null, new FontIcon(Feather.X));
        dismiss.setId("todo-undo-dismiss");
        dismiss.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        dismiss.setAccessibleText("Dismiss");
        dismiss.setOnAction(e -> model.commitUndoable());
        getChildren().addAll(text, undo, dismiss);

        timer.setOnFinished(e -> model.commitUndoable());
        visibleProperty().bind(model.undoOfferProperty().isNotNull());
        managedProperty().bind(visibleProperty());
        model.undoOfferProperty().addListener((obs, old, offer) -> {
            timer.stop();
            if (offer != null) {
                text.setText(offer.text());
                timer.playFromStart(); // a new offer gets its full time
            }
        });
    }
}
