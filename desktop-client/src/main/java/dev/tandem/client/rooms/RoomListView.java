package dev.tandem.client.rooms;

import atlantafx.base.theme.Styles;
import dev.tandem.client.theme.ThemeManager;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The room list in the sidebar: a "Rooms" header with "+" (create a room, browse rooms, message someone), then every room and
 * DM ({@link RoomCell}: unread ones bold with their count), the one on screen selected. Clicking a room or
 * moving through the list with the arrow keys opens it; its menu (right-click, or the menu key / Shift+F10 on
 * the list) leaves a room. A
 * line under the list says what became of a DM or leave request that did not work.
 *
 * <p>Threads: JavaFX thread only.
 */
public final class RoomListView extends VBox {
    private final RoomsViewModel model;
    private final ListView<RoomItem> list = new ListView<>();
    /** Whether a DM's other user is online (the dot on DM lines); none until {@link #showPresence}. */
    private Function<String, ObservableValue<Boolean>> presence = user -> null;
    /** Set while the selection follows the model, so that it does not open the room again. */
    private boolean following;

    /** @param nextKeys how the shortcuts between rooms read (for the list's tooltip) */
    public RoomListView(RoomsViewModel model, String nextKeys) {
        this.model = model;
        setId("room-list-view");
        getStyleClass().add("room-list-view");

        list.setId("room-list");
        list.getStyleClass().addAll("room-list", Styles.DENSE);
        list.setItems(model.rooms());
        list.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        list.setCellFactory(view -> new RoomCell(model, user -> presence.apply(user)));
        list.setTooltip(new Tooltip("Rooms and direct messages (" + nextKeys + " from anywhere)"));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !following) {
                model.openRoom(now.room());
            }
        });
        // The menu of the room selected in the list, by keyboard: the menu key or Shift+F10.
        list.setOnKeyPressed(e -> {
            RoomItem item = list.getSelectionModel().getSelectedItem();
            boolean menuKey = e.getCode() == KeyCode.CONTEXT_MENU || (e.isShiftDown() && e.getCode() == KeyCode.F10);
            if (menuKey && item != null) {
                e.consume();
                Node anchor = list.lookupAll(".room-cell").stream()
                        .filter(cell -> cell instanceof RoomCell room && room.getItem() == item).findFirst().orElse(list);
                RoomCell.menuFor(model, item).show(anchor, Side.BOTTOM, 24, 0);
            }
        });
        model.currentRoomProperty().addListener((obs, old, now) -> follow());
        model.rooms().addListener((javafx.collections.ListChangeListener<RoomItem>) c -> follow());
        follow();
        VBox.setVgrow(list, Priority.ALWAYS);

        getChildren().addAll(header(), list, notice());
    }

    /** Shows a presence dot on each DM line: {@code presence} gives whether a user is online. */
    public void showPresence(Function<String, ObservableValue<Boolean>> presence) {
        this.presence = presence;
        list.refresh();
    }

    /** Puts the keyboard focus on the list. */
    public void focusList() {
        list.requestFocus();
    }

    private void follow() {
        following = true;
        try {
            model.find(model.currentRoomProperty().get()).ifPresent(item -> {
                list.getSelectionModel().select(item);
                list.scrollTo(item);
            });
        } finally {
            following = false;
        }
    }

    private Node header() {
        Label title = new Label("Rooms");
        title.getStyleClass().add("sidebar-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);

        MenuItem create = new MenuItem("Create a room…", new FontIcon(Feather.PLUS));
        create.setId("rooms-create");
        create.setOnAction(e -> CreateRoomDialog.show(getScene().getWindow(), model.createForm()));
        MenuItem browse = new MenuItem("Browse rooms…", new FontIcon(Feather.SEARCH));
        browse.setId("rooms-browse");
        browse.setOnAction(e -> BrowseRoomsDialog.show(getScene().getWindow(), model));
        MenuItem message = new MenuItem("Message someone…", new FontIcon(Feather.AT_SIGN));
        message.setId("rooms-message");
        message.setOnAction(e -> askWhoToMessage());
        MenuButton add = new MenuButton(null, new FontIcon(Feather.PLUS), create, browse, message);
        add.setId("rooms-add");
        add.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "no-arrow");
        add.setTooltip(new Tooltip("Create or join a room, or message someone"));

        HBox header = new HBox(title, gap, add);
        header.getStyleClass().add("sidebar-header");
        return header;
    }

    /** "Message someone": a user name, then their DM opens (or is made); a name that is no one is said under the list. */
    private void askWhoToMessage() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("Message someone");
        dialog.setHeaderText(null);
        dialog.setContentText("User name");
        dialog.setGraphic(null);
        dialog.getDialogPane().setId("dm-dialog");
        dialog.getEditor().setId("dm-user");
        dialog.getEditor().setPromptText("e.g. bob");
        dialog.getDialogPane().lookupButton(ButtonType.OK).setId("dm-open");
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(dialog.getEditor().textProperty().isEmpty());
        ThemeManager.style(dialog.getDialogPane().getScene());
        dialog.showAndWait().map(String::strip).filter(name -> !name.isEmpty()).ifPresent(model::openDm);
    }

    private Node notice() {
        Label text = new Label();
        text.setId("rooms-notice");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.textProperty().bind(model.noticeProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button close = new Button(null, new FontIcon(Feather.X));
        close.setId("rooms-notice-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setTooltip(new Tooltip("Dismiss"));
        close.setOnAction(e -> model.dismissNotice());
        HBox box = new HBox(text, close);
        box.getStyleClass().add("rooms-notice");
        box.visibleProperty().bind(Bindings.isNotEmpty(model.noticeProperty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }
}
