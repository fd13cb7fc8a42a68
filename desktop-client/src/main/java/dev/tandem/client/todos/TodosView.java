package dev.tandem.client.todos;

import atlantafx.base.theme.Styles;
import dev.tandem.model.Limits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The todo pane: new-todo field with toggle-all, the filtered list, and the {@link TodoFooter}. Controls are
 * enabled while the list can be changed ({@link TodosViewModel#editableProperty()}).
 *
 * <p>Threads: JavaFX thread only.
 */
public final class TodosView extends BorderPane {
    /** Below this the todo pane is not meant to be squeezed (the split keeps it). */
    public static final double MIN_WIDTH = 300;
    private static final PseudoClass ALL_DONE = PseudoClass.getPseudoClass("all-done");
    private static final javafx.scene.input.KeyCombination UNDO = javafx.scene.input.KeyCombination.keyCombination("Shortcut+Z");

    private final TodosViewModel model;
    private final VBox list = new VBox();
    private final Map<TodoItem, TodoRow> rows = new HashMap<>();
    private final TextField input = new TextField();

    /** @param focusShortcut how the shortcut that focuses "new todo" reads (for its tooltip) */
    public TodosView(TodosViewModel model, String focusShortcut) {
        this.model = model;
        setId("todos-view");
        getStyleClass().add("pane-card");
        setMinWidth(MIN_WIDTH);

        setTop(new VBox(header(), entry(focusShortcut), error()));
        setCenter(items());
        setBottom(new VBox(new UndoSnackbar(model), new TodoFooter(model)));
        // A filter, so that it also works from the (empty) new-todo field; a field with text keeps its own undo.
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            boolean textToUndo = getScene() != null && getScene().getFocusOwner() instanceof javafx.scene.control.TextInputControl field
                    && !field.getText().isEmpty();
            if (UNDO.match(e) && model.undoOfferProperty().get() != null && !textToUndo) {
                model.undo();
                e.consume();
            }
        });

        model.visibleItems().addListener((ListChangeListener<TodoItem>) c -> reconcile());
        reconcile();
    }

    /** Puts the cursor into "What needs to be done?". */
    public void focusNewTodo() {
        input.requestFocus();
    }

    private Node header() {
        Label title = new Label("Todos");
        title.getStyleClass().add("pane-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label subtitle = new Label("shared by your windows");
        subtitle.getStyleClass().add("pane-subtitle");
        subtitle.setWrapText(true);
        subtitle.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(subtitle, Priority.ALWAYS);
        HBox header = new HBox(new FontIcon(Feather.CHECK_SQUARE), title, subtitle);
        header.getStyleClass().add("pane-header");
        return header;
    }

    private Node entry(String focusShortcut) {
        // TodoMVC's chevron: highlighted when everything is done; a click completes all, or re-opens all.
        Button toggleAll = new Button(null, new FontIcon(Feather.CHEVRON_DOWN));
        toggleAll.setId("todo-toggle-all");
        toggleAll.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "todo-toggle-all");
        toggleAll.tooltipProperty().bind(Bindings.when(model.allCompletedProperty())
                .then(new Tooltip("Mark all as active")).otherwise(new Tooltip("Mark all as complete")));
        model.allCompletedProperty().addListener((obs, was, now) ->
                toggleAll.pseudoClassStateChanged(ALL_DONE, now));
        toggleAll.visibleProperty().bind(model.hasItemsProperty());
        toggleAll.disableProperty().bind(model.editableProperty().not());
        toggleAll.setOnAction(e -> model.toggleAll());

        input.setId("todo-input");
        input.setPromptText("What needs to be done?");
        input.setTooltip(new Tooltip("New todo (" + focusShortcut + "): type it and press Enter"));
        input.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().length() <= Limits.MAX_TODO_TITLE ? change : null));
        input.textProperty().bindBidirectional(model.newTitleProperty());
        input.setOnAction(e -> model.add());
        input.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !input.getText().isEmpty()) {
                e.consume();
                input.clear();
            }
        });
        input.disableProperty().bind(model.editableProperty().not());
        HBox.setHgrow(input, Priority.ALWAYS);

        HBox entry = new HBox(toggleAll, input);
        entry.getStyleClass().add("todo-entry");
        return entry;
    }

    private Node error() {
        Label error = new Label();
        error.setId("todo-error");
        error.getStyleClass().add("todo-error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    private Node items() {
        list.setId("todo-list");
        list.getStyleClass().add("todo-list");
        ScrollPane scroll = new ScrollPane(list);
        scroll.getStyleClass().add("todo-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setFocusTraversable(false);

        Label empty = new Label();
        empty.setId("todo-empty");
        empty.getStyleClass().add("todo-empty");
        empty.setWrapText(true);
        empty.setMinHeight(Region.USE_PREF_SIZE);
        empty.textProperty().bind(Bindings.createStringBinding(() -> {
            if (!model.hasItemsProperty().get()) {
                return "Nothing to do yet. Add a todo above.";
            }
            return switch (model.filterProperty().get()) {
                case ACTIVE -> "All done!";
                case COMPLETED -> "Nothing completed yet.";
                case ALL -> "";
            };
        }, model.hasItemsProperty(), model.filterProperty()));
        empty.visibleProperty().bind(Bindings.isEmpty(model.visibleItems()));
        empty.setMouseTransparent(true);
        StackPane.setAlignment(empty, Pos.TOP_CENTER);
        return new StackPane(scroll, empty);
    }

    /** Shows one row per visible item, reusing rows (so a row being edited survives unrelated changes). */
    private void reconcile() {
        List<TodoItem> visible = List.copyOf(model.visibleItems());
        rows.keySet().removeIf(item -> {
            if (!model.allItems().contains(item)) {
                rows.get(item).dispose();
                return true;
            }
            return false;
        });
        List<Node> nodes = visible.stream().map(item -> (Node) rows.computeIfAbsent(item,
                i -> new TodoRow(i, model))).toList();
        if (!nodes.equals(list.getChildren())) {
            list.getChildren().setAll(nodes);
        }
    }
}
