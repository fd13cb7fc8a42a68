package dev.tandem.client.todos;

import atlantafx.base.theme.Styles;
import dev.tandem.model.Limits;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One todo: a checkbox, the title and a delete button (shown on hover and while focused). The title is edited
 * by double-click, or by F2 or Enter while the row has the focus; Enter or leaving the field saves, Escape
 * cancels, an empty title deletes. Up and Down move the focus to the row above or below.
 *
 * <p>Threads: JavaFX thread only; it listens to its item until {@link #dispose()}.
 */
final class TodoRow extends HBox {
    private static final PseudoClass COMPLETED = PseudoClass.getPseudoClass("completed");
    private static final PseudoClass EDITING = PseudoClass.getPseudoClass("editing");
    private static final PseudoClass UNSAVED = PseudoClass.getPseudoClass("unsaved");
    private static final Tooltip UNSAVED_TIP = new Tooltip("Not saved yet: sent when the connection is back");

    private final TodoItem item;
    private final TodosViewModel model;
    private final CheckBox check = new CheckBox();
    private final Label title = new Label();
    private final TextField editor = new TextField();
    private final Button delete = new Button(null, new FontIcon(Feather.X));
    private final ChangeListener<Boolean> completedListener;
    private final ChangeListener<Boolean> pendingListener;
    private boolean editing;

    TodoRow(TodoItem item, TodosViewModel model) {
        this.item = item;
        this.model = model;
        getStyleClass().add("todo-row");

        check.getStyleClass().add("todo-check");
        check.setSelected(item.completed());
        check.setOnAction(e -> model.setCompleted(item, check.isSelected()));
        check.disableProperty().bind(model.editableProperty().not());
        check.setTooltip(new Tooltip("Done (Space) · Edit (F2 or Enter)"));

        title.getStyleClass().add("todo-title");
        title.textProperty().bind(item.titleProperty());
        title.setMaxWidth(Double.MAX_VALUE);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
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

        delete.getStyleClass().addAll("todo-delete", Styles.BUTTON_ICON, Styles.FLAT, Styles.DANGER);
        delete.setTooltip(new Tooltip("Delete"));
        delete.setOnAction(e -> {
            Node next = delete.isFocused() ? neighbour(+1, 2) : null;
            if (next == null && delete.isFocused()) {
                next = neighbour(-1, 2);
            }
            model.delete(item);
            if (next != null) {
                next.requestFocus(); // a keyboard user stays in the list
            }
        });
        delete.disableProperty().bind(model.editableProperty().not());
        delete.setMinWidth(Region.USE_PREF_SIZE);

        completedListener = (obs, was, now) -> {
            check.setSelected(now);
            pseudoClassStateChanged(COMPLETED, now);
        };
        item.completedProperty().addListener(completedListener);
        pseudoClassStateChanged(COMPLETED, item.completed());
        // A change of ours with no answer yet (offline, or in flight): muted, and the tooltip says why.
        pendingListener = (obs, was, now) -> showPending(now);
        item.pendingProperty().addListener(pendingListener);
        showPending(item.pending());

        addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        getChildren().addAll(check, title, delete);
    }

    TodoItem item() {
        return item;
    }

    void dispose() {
        item.completedProperty().removeListener(completedListener);
        item.pendingProperty().removeListener(pendingListener);
    }

    private void showPending(boolean pending) {
        pseudoClassStateChanged(UNSAVED, pending);
        title.setTooltip(pending ? UNSAVED_TIP : null);
    }

    private void keyPressed(KeyEvent e) {
        if (editing || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
            return;
        }
        if (e.getCode() == KeyCode.F2 || e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
            e.consume();
            startEditing();
        } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.UP) {
            int part = getChildren().indexOf(e.getTarget() instanceof Node n && n == delete ? delete : check);
            Node next = neighbour(e.getCode() == KeyCode.DOWN ? 1 : -1, part);
            if (next != null) {
                e.consume();
                next.requestFocus();
            }
        }
    }

    /** The control at {@code part} (0 the checkbox, 2 the delete button) of the row {@code step} rows away. */
    private Node neighbour(int step, int part) {
        if (getParent() == null) {
            return null;
        }
        List<Node> siblings = getParent().getChildrenUnmodifiable();
        int index = siblings.indexOf(this) + step;
        if (index < 0 || index >= siblings.size() || !(siblings.get(index) instanceof TodoRow row)) {
            return null;
        }
        return part == 2 ? row.delete : row.check;
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
        boolean hadFocus = editor.isFocused();
        getChildren().set(1, title);
        pseudoClassStateChanged(EDITING, false);
        if (hadFocus) {
            check.requestFocus(); // back where the edit started, for the keyboard
        }
        if (save) {
            model.rename(item, editor.getText());
        }
    }
}
