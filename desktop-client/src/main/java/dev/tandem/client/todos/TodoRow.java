package dev.tandem.client.todos;

import atlantafx.base.theme.Styles;
import dev.tandem.model.Limits;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One todo: a checkbox, the title (double-click to edit: Enter or leaving the field saves, Escape cancels,
 * an empty title deletes) and a delete button that shows on hover.
 */
final class TodoRow extends HBox {
    private static final PseudoClass COMPLETED = PseudoClass.getPseudoClass("completed");
    private static final PseudoClass EDITING = PseudoClass.getPseudoClass("editing");

    private final TodoItem item;
    private final TodosViewModel model;
    private final CheckBox check = new CheckBox();
    private final Label title = new Label();
    private final TextField editor = new TextField();
    private final ChangeListener<Boolean> completedListener;
    private boolean editing;

    TodoRow(TodoItem item, TodosViewModel model) {
        this.item = item;
        this.model = model;
        getStyleClass().add("todo-row");

        check.getStyleClass().add("todo-check");
        check.setSelected(item.completed());
        check.setOnAction(e -> model.setCompleted(item, check.isSelected()));
        check.disableProperty().bind(model.editableProperty().not());

        title.getStyleClass().add("todo-title");
        title.textProperty().bind(item.titleProperty());
        title.setMaxWidth(Double.MAX_VALUE);
        title.setWrapText(true);
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                startEditing();
            }
        });

        editor.getStyleClass().add("todo-edit");
        editor.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().length() <= Limits.MAX_TODO_TITLE ? change : null));
        HBox.setHgrow(editor, Priority.ALWAYS);
        editor.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                finishEditing(true);
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                finishEditing(false);
            }
        });
        editor.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                finishEditing(true);
            }
        });

        Button delete = new Button(null, new FontIcon(Feather.X));
        delete.getStyleClass().addAll("todo-delete", Styles.BUTTON_ICON, Styles.FLAT, Styles.DANGER);
        delete.setTooltip(new Tooltip("Delete"));
        delete.setOnAction(e -> model.delete(item));
        delete.disableProperty().bind(model.editableProperty().not());

        completedListener = (obs, was, now) -> {
            check.setSelected(now);
            pseudoClassStateChanged(COMPLETED, now);
        };
        item.completedProperty().addListener(completedListener);
        pseudoClassStateChanged(COMPLETED, item.completed());

        getChildren().addAll(check, title, delete);
    }

    TodoItem item() {
        return item;
    }

    void dispose() {
        item.completedProperty().removeListener(completedListener);
    }

    private void startEditing() {
        if (editing || !model.editableProperty().get()) {
            return;
        }
        editing = true;
        editor.setText(item.title());
        getChildren().set(1, editor);
        pseudoClassStateChanged(EDITING, true);
        editor.requestFocus();
        editor.selectAll();
    }

    private void finishEditing(boolean save) {
        if (!editing) {
            return;
        }
        editing = false;
        getChildren().set(1, title);
        pseudoClassStateChanged(EDITING, false);
        if (save) {
            model.rename(item, editor.getText());
        }
    }
}
