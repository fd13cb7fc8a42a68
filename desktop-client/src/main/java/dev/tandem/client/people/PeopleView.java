package dev.tandem.client.people;

import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The "People" list of the sidebar: a heading with how many are online, then everyone online with a green
 * dot, oneself first. A click, or Enter on the focused line, opens the DM with that person. The list is as
 * tall as its lines up to {@link #ROWS_SHOWN}, then scrolls, and never shrinks below two lines, so the room
 * list above keeps most of a short window.
 *
 * <p>Threads: JavaFX thread only.
 */
public final class PeopleView extends VBox {
    /** Lines shown before the list scrolls. */
    static final int ROWS_SHOWN = 6;
    static final double ROW_HEIGHT = 28;
    private static final String STYLESHEET = PeopleView.class.getResource("people.css").toExternalForm();

    private final ListView<Person> list = new ListView<>();

    public PeopleView(PeopleViewModel model) {
        setId("people");
        getStyleClass().add("people");
        getStylesheets().add(STYLESHEET);

        Label title = new Label("People");
        title.getStyleClass().add("people-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label count = new Label();
        count.setId("people-count");
        count.getStyleClass().add("people-count");
        count.textProperty().bind(model.summaryProperty());
        count.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip offline = new Tooltip("Offline: who was online when the connection was lost");
        count.tooltipProperty().bind(Bindings.when(model.liveProperty())
                .then((Tooltip) null).otherwise(offline));
        HBox.setHgrow(count, Priority.ALWAYS);
        HBox header = new HBox(title, count);
        header.getStyleClass().add("people-header");

        list.setId("people-list");
        list.getStyleClass().add("people-list");
        list.setItems(model.people());
        list.setFixedCellSize(ROW_HEIGHT);
        list.setCellFactory(view -> new PersonCell(model));
        Label empty = new Label("Nobody online");
        empty.getStyleClass().add("people-empty");
        list.setPlaceholder(empty);
        // As tall as its lines (2 to ROWS_SHOWN), plus the border.
        list.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(2, Math.min(ROWS_SHOWN, model.people().size())) * ROW_HEIGHT + 2, model.people()));
        list.setMinHeight(2 * ROW_HEIGHT + 2);
        list.maxHeightProperty().bind(list.prefHeightProperty());
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                Person focused = list.getFocusModel().getFocusedItem();
                if (focused != null) {
                    e.consume();
                    model.open(focused);
                }
            }
        });

        getChildren().addAll(header, list);
    }

    /** Puts the keyboard focus on the list. */
    public void focusList() {
        list.requestFocus();
    }

    /** One person: the dot, the name ("(you)" after one's own), and a tooltip saying what a click does. */
    private static final class PersonCell extends ListCell<Person> {
        private static final PseudoClass ME = PseudoClass.getPseudoClass("me");
        private final PeopleViewModel model;
        private final OnlineDot dot = new OnlineDot();
        private final Label name = new Label();
        private final HBox row = new HBox(dot, name);

        PersonCell(PeopleViewModel model) {
            this.model = model;
            getStyleClass().add("person-cell");
            row.getStyleClass().add("person-row");
            name.getStyleClass().add("person-name");
            name.setMinWidth(0);
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !isEmpty()) {
                    model.open(getItem());
                }
            });
        }

        @Override
        protected void updateItem(Person person, boolean empty) {
            super.updateItem(person, empty);
            setText(null);
            if (empty || person == null) {
                dot.show(null);
                setGraphic(null);
                setTooltip(null);
                setId(null);
                pseudoClassStateChanged(ME, false);
                return;
            }
            setId("person-" + person.name());
            dot.show(model.presenceProperty(person.name()));
            name.setText(person.label());
            pseudoClassStateChanged(ME, person.me());
            setTooltip(new Tooltip(person.me() ? "You are online" : "Message " + person.name() + " (Enter)"));
            setGraphic(row);
        }
    }
}
