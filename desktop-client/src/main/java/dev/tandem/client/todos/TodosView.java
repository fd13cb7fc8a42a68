package dev.tandem.client.todos;

import atlantafx.base.theme.Styles;
import dev.tandem.model.Limits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The todo pane: new-todo field with toggle-all, the filtered list, and the footer with counter and filters. */
public final class TodosView extends BorderPane {
    private static final javafx.css.PseudoClass ALL_DONE = javafx.css.PseudoClass.getPseudoClass("all-done");
    private static final javafx.scene.input.KeyCombination UNDO = javafx.scene.input.KeyCombination.keyCombination("Shortcut+Z");

    private final TodosViewModel model;
    private final VBox list = new VBox();
    private final Map<TodoItem, TodoRow> rows = new HashMap<>();

    public TodosView(TodosViewModel model) {
        this.model = model;
        setId("todos-view");
        getStyleClass().add("pane-card");
        setMinWidth(420);

        setTop(new VBox(header(), entry(), error()));
        setCenter(items());
        setBottom(new VBox(new UndoSnackbar(model), footer()));
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

    private Node header() {
        Label title = new Label("Todos");
        title.getStyleClass().add("pane-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label subtitle = new Label("shared by your windows");
        subtitle.getStyleClass().add("pane-subtitle");
        HBox header = new HBox(new FontIcon(Feather.CHECK_SQUARE), title, subtitle);
        header.getStyleClass().add("pane-header");
        return header;
    }

    private Node entry() {
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

        TextField input = new TextField();
        input.setId("todo-input");
        input.setPromptText("What needs to be done?");
        input.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().length() <= Limits.MAX_TODO_TITLE ? change : null));
        input.textProperty().bindBidirectional(model.newTitleProperty());
        input.setOnAction(e -> model.add());
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

        Label empty = new Label();
        empty.setId("todo-empty");
        empty.getStyleClass().add("todo-empty");
        empty.setWrapText(true);
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
        StackPane.setAlignment(empty, javafx.geometry.Pos.TOP_CENTER);
        return new StackPane(scroll, empty);
    }

    private Node footer() {
        Label count = new Label();
        count.setId("todo-count");
        count.getStyleClass().add("todo-count");
        count.textProperty().bind(model.itemsLeftTextProperty());

        count.setMinWidth(Region.USE_PREF_SIZE);
        Region left = new Region();
        HBox.setHgrow(left, Priority.ALWAYS);
        Region right = new Region();
        HBox.setHgrow(right, Priority.ALWAYS);

        ToggleGroup group = new ToggleGroup();
        ToggleButton all = filterButton(TodoFilter.ALL, group, Styles.LEFT_PILL);
        ToggleButton active = filterButton(TodoFilter.ACTIVE, group, Styles.CENTER_PILL);
        ToggleButton completed = filterButton(TodoFilter.COMPLETED, group, Styles.RIGHT_PILL);
        // Exactly one filter is always selected: clicking the selected one keeps it.
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                model.filterProperty().set((TodoFilter) now.getUserData());
            }
        });
        model.filterProperty().addListener((obs, old, now) -> selectFilter(group, now));
        selectFilter(group, model.filterProperty().get());
        HBox filters = new HBox(all, active, completed);
        filters.setMinWidth(Region.USE_PREF_SIZE);

        Button clear = new Button("Clear completed");
        clear.setId("todo-clear-completed");
        clear.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        clear.visibleProperty().bind(model.hasCompletedProperty());
        clear.disableProperty().bind(model.editableProperty().not());
        clear.setOnAction(e -> model.clearCompleted());

        clear.setMinWidth(Region.USE_PREF_SIZE);
        // Hidden but still taking its place, so the filters stay centred when it comes and goes.
        HBox footer = new HBox(count, left, filters, right, clear);
        footer.setId("todo-footer");
        footer.getStyleClass().add("todo-footer");
        footer.visibleProperty().bind(model.hasItemsProperty());
        footer.managedProperty().bind(footer.visibleProperty());
        return footer;
    }

    private ToggleButton filterButton(TodoFilter filter, ToggleGroup group, String pill) {
        ToggleButton button = new ToggleButton(filter.label());
        button.setId("todo-filter-" + filter.name().toLowerCase(java.util.Locale.ROOT));
        button.getStyleClass().addAll(pill, Styles.SMALL);
        button.setUserData(filter);
        button.setToggleGroup(group);
        button.setFocusTraversable(false);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private static void selectFilter(ToggleGroup group, TodoFilter filter) {
        group.getToggles().stream().filter(t -> t.getUserData() == filter).findFirst()
                .ifPresent(t -> t.setSelected(true));
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
