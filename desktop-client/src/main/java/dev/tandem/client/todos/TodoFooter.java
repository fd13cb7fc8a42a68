package dev.tandem.client.todos;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The todo list's footer (TodoMVC): "N items left", the All / Active / Completed filters and "Clear completed"
 * (only when something is done). In a narrow pane the parts wrap onto a second line rather than being cut.
 *
 * <p>Threads: JavaFX thread only.
 */
final class TodoFooter extends FlowPane {

    TodoFooter(TodosViewModel model) {
        setId("todo-footer");
        getStyleClass().add("todo-footer");
        setAlignment(Pos.CENTER_LEFT);

        Label count = new Label();
        count.setId("todo-count");
        count.getStyleClass().add("todo-count");
        count.textProperty().bind(model.itemsLeftTextProperty());
        count.setMinWidth(Region.USE_PREF_SIZE);

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
        model.filterProperty().addListener((obs, old, now) -> select(group, now));
        select(group, model.filterProperty().get());
        HBox filters = new HBox(all, active, completed);
        filters.getStyleClass().add("todo-filters");
        filters.setMinWidth(Region.USE_PREF_SIZE);

        Button clear = new Button("Clear completed");
        clear.setId("todo-clear-completed");
        clear.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        clear.setTooltip(new Tooltip("Delete every completed todo"));
        clear.visibleProperty().bind(model.hasCompletedProperty());
        clear.managedProperty().bind(clear.visibleProperty());
        clear.disableProperty().bind(model.editableProperty().not());
        clear.setOnAction(e -> model.clearCompleted());
        clear.setMinWidth(Region.USE_PREF_SIZE);

        getChildren().addAll(count, filters, clear);
        visibleProperty().bind(model.hasItemsProperty());
        managedProperty().bind(visibleProperty());
    }

    private static ToggleButton filterButton(TodoFilter filter, ToggleGroup group, String pill) {
        ToggleButton button = new ToggleButton(filter.label());
        button.setId("todo-filter-" + filter.name().toLowerCase(Locale.ROOT));
        button.getStyleClass().addAll(pill, Styles.SMALL);
        button.setUserData(filter);
        button.setToggleGroup(group);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setTooltip(new Tooltip("Show " + switch (filter) {
            case ALL -> "all todos";
            case ACTIVE -> "the todos still to do";
            case COMPLETED -> "the completed todos";
        }));
        return button;
    }

    private static void select(ToggleGroup group, TodoFilter filter) {
        group.getToggles().stream().filter(t -> t.getUserData() == filter).findFirst()
                .ifPresent(t -> t.setSelected(true));
    }
}
