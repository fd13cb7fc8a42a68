package dev.tandem.client.switcher;

import dev.tandem.client.people.OnlineDot;
import java.util.function.Consumer;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The quick switcher's window: a text field over the matching rooms, DMs and people, in front of the main
 * window and near its top. Typing filters, Up / Down choose, Enter or a click opens, Escape (or a click
 * elsewhere) closes. The keyboard stays in the field throughout.
 *
 * <p>Threads: JavaFX thread only.
 */
public final class SwitcherDialog {
    static final double WIDTH = 440;
    static final double HEIGHT = 340;
    private static final String STYLESHEET = SwitcherDialog.class.getResource("switcher.css").toExternalForm();

    private final SwitcherViewModel model;
    private final Window owner;
    private final Consumer<Scene> style;
    private Stage stage;
    private TextField field;

    /**
     * @param style adds the app's stylesheets to the dialog's scene (as to every window's)
     */
    public SwitcherDialog(SwitcherViewModel model, Window owner, Consumer<Scene> style) {
        this.model = model;
        this.owner = owner;
        this.style = style;
    }

    /** Opens the switcher (again) with nothing typed; does nothing if it is open. */
    public void show() {
        if (stage == null) {
            stage = build();
        }
        if (stage.isShowing()) {
            field.requestFocus();
            return;
        }
        model.open();
        stage.setX(owner.getX() + Math.max(0, (owner.getWidth() - WIDTH) / 2));
        stage.setY(owner.getY() + Math.min(96, Math.max(0, owner.getHeight() - HEIGHT) / 2));
        stage.show();
        stage.toFront();
        field.requestFocus();
    }

    /** True while it is open. */
    public boolean isShowing() {
        return stage != null && stage.isShowing();
    }

    /** Closes it without opening anything. */
    public void close() {
        if (stage != null) {
            stage.hide();
        }
    }

    private Stage build() {
        field = new TextField();
        field.setId("switcher-field");
        field.setPromptText("Jump to a room or a person…");
        field.textProperty().bindBidirectional(model.queryProperty());
        FontIcon search = new FontIcon(Feather.SEARCH);
        search.getStyleClass().add("switcher-search-icon");
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox top = new HBox(search, field);
        top.getStyleClass().add("switcher-top");

        ListView<Choice> list = new ListView<>(model.results());
        list.setId("switcher-list");
        list.getStyleClass().add("switcher-list");
        list.setFocusTraversable(false);
        list.setFixedCellSize(34);
        list.setCellFactory(view -> new ChoiceCell());
        Label none = new Label("No room or person matches");
        none.getStyleClass().add("switcher-none");
        list.setPlaceholder(none);
        VBox.setVgrow(list, Priority.ALWAYS);
        model.selectedProperty().addListener((obs, old, now) -> {
            int index = now.intValue();
            if (index < 0) {
                list.getSelectionModel().clearSelection();
            } else {
                list.getSelectionModel().select(index);
                list.scrollTo(Math.max(0, index - 3));
            }
        });
        list.getItems().addListener((ListChangeListener<Choice>) change -> {
            if (model.selectedProperty().get() >= 0) {
                list.getSelectionModel().select(model.selectedProperty().get());
            }
        });

        Label hint = new Label("↑ ↓ to choose · Enter to open · Esc to close · # rooms · @ people");
        hint.setId("switcher-hint");
        hint.getStyleClass().add("switcher-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);

        VBox root = new VBox(top, list, hint);
        root.setId("switcher");
        root.getStyleClass().add("switcher");
        root.getStylesheets().add(STYLESHEET);

        Stage dialog = new Stage(StageStyle.UNDECORATED);
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Jump to");
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        style.accept(scene);
        dialog.setScene(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP -> {
                    e.consume();
                    model.moveUp();
                }
                case DOWN -> {
                    e.consume();
                    model.moveDown();
                }
                case ENTER -> {
                    e.consume();
                    if (model.choose()) {
                        dialog.hide();
                    }
                }
                case ESCAPE -> {
                    e.consume();
                    dialog.hide();
                }
                default -> {
                }
            }
        });
        // A click elsewhere closes it, as a person expects of a palette (only once it had the focus).
        SimpleBooleanProperty hadFocus = new SimpleBooleanProperty();
        dialog.focusedProperty().addListener((obs, was, now) -> {
            if (now) {
                hadFocus.set(true);
            } else if (hadFocus.get()) {
                dialog.hide();
            }
        });
        dialog.setOnHidden(e -> hadFocus.set(false));
        return dialog;
    }

    /** One line: an icon for its kind, the name, what it is, an online dot (DMs, people), the unread count. */
    private final class ChoiceCell extends ListCell<Choice> {
        private final FontIcon icon = new FontIcon();
        private final Label title = new Label();
        private final Label detail = new Label();
        private final OnlineDot dot = new OnlineDot();
        private final Label unread = new Label();
        private final HBox row;

        ChoiceCell() {
            getStyleClass().add("choice-cell");
            icon.getStyleClass().add("choice-icon");
            title.getStyleClass().add("choice-title");
            title.setMinWidth(Region.USE_PREF_SIZE);
            detail.getStyleClass().add("choice-detail");
            detail.setMinWidth(0);
            HBox.setHgrow(detail, Priority.ALWAYS);
            detail.setMaxWidth(Double.MAX_VALUE);
            unread.getStyleClass().add("choice-unread");
            unread.setMinWidth(Region.USE_PREF_SIZE);
            row = new HBox(icon, title, detail, dot, unread);
            row.getStyleClass().add("choice-row");
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !isEmpty() && model.choose(getItem())) {
                    close();
                }
            });
        }

        @Override
        protected void updateItem(Choice choice, boolean empty) {
            super.updateItem(choice, empty);
            setText(null);
            if (empty || choice == null) {
                setGraphic(null);
                dot.show(null);
                return;
            }
            icon.setIconCode(switch (choice.kind()) {
                case ROOM -> Feather.HASH;
                case DM -> Feather.MESSAGE_CIRCLE;
                case PERSON -> Feather.USER_PLUS;
            });
            title.setText(choice.title());
            detail.setText(choice.detail());
            boolean person = choice.kind() != Choice.Kind.ROOM;
            dot.setVisible(person);
            dot.setManaged(person);
            dot.show(new SimpleBooleanProperty(choice.online()));
            unread.setText(choice.unread() > 99 ? "99+" : Integer.toString(choice.unread()));
            unread.setVisible(choice.unread() > 0);
            unread.setManaged(choice.unread() > 0);
            setGraphic(row);
        }
    }
}
