package dev.tandem.client.rooms;

import dev.tandem.client.people.OnlineDot;
import java.util.function.Function;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One line of the room list: "#" and the room's name, or "@" and the other user of a DM, then the unread count
 * as a badge; bold while something is unread; a DM's line has a dot while the other user is online. Its menu leaves a room (not general, not a DM).
 *
 * <p>Threads: JavaFX thread only; a cell listens to the item it shows until it shows another.
 */
final class RoomCell extends ListCell<RoomItem> {
    private static final PseudoClass UNREAD = PseudoClass.getPseudoClass("unread");

    private final FontIcon icon = new FontIcon();
    private final Label title = new Label();
    private final Label badge = new Label();
    private final OnlineDot dot = new OnlineDot();
    private final Function<String, ObservableValue<Boolean>> presence;
    private final HBox line;
    private final Tooltip tip = new Tooltip();
    private final ChangeListener<Number> unreadWatch = (obs, old, now) -> showUnread();
    private RoomItem shown;

    /** @param presence whether a user is online (a DM line's dot); null for no dot */
    RoomCell(RoomsViewModel model, Function<String, ObservableValue<Boolean>> presence) {
        this.presence = presence;
        getStyleClass().add("room-cell");
        icon.getStyleClass().add("room-icon");
        title.getStyleClass().add("room-title");
        title.setTextOverrun(OverrunStyle.ELLIPSIS);
        title.setMinWidth(0);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        badge.getStyleClass().add("room-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        line = new HBox(icon, title, dot, badge);
        line.getStyleClass().add("room-line");
        setOnContextMenuRequested(e -> {
            if (shown != null) {
                e.consume();
                menuFor(model, shown).show(this, e.getScreenX(), e.getScreenY());
            }
        });
        // A right-click asks for the menu; it does not open the room (a left click does).
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.SECONDARY) {
                e.consume();
            }
        });
        setPrefWidth(0); // the list's width, never the title's: long names are cut with "…" and a tooltip
    }

    @Override
    protected void updateItem(RoomItem item, boolean empty) {
        super.updateItem(item, empty);
        if (shown != null) {
            shown.unreadProperty().removeListener(unreadWatch);
        }
        shown = empty ? null : item;
        setText(null);
        if (shown == null) {
            dot.show(null);
            setGraphic(null);
            setTooltip(null);
            pseudoClassStateChanged(UNREAD, false);
            return;
        }
        icon.setIconCode(shown.isDm() ? Feather.AT_SIGN : Feather.HASH);
        ObservableValue<Boolean> online = shown.isDm() ? presence.apply(shown.title()) : null;
        dot.show(online);
        dot.setVisible(online != null);
        dot.setManaged(online != null);
        title.setText(shown.title());
        shown.unreadProperty().addListener(unreadWatch);
        showUnread();
        setGraphic(line);
        setTooltip(tip);
    }

    /** The menu of one room: leave it (not general, not a DM). */
    static ContextMenu menuFor(RoomsViewModel model, RoomItem item) {
        MenuItem leave = new MenuItem("Leave room");
        leave.setDisable(!item.canLeave());
        leave.setOnAction(e -> model.leave(item.room()));
        return new ContextMenu(leave);
    }

    private void showUnread() {
        int unread = shown.unread();
        badge.setText(unread > 99 ? "99+" : Integer.toString(unread));
        badge.setVisible(unread > 0);
        badge.setManaged(unread > 0);
        pseudoClassStateChanged(UNREAD, unread > 0);
        String what = shown.isDm() ? "Direct messages with " + shown.title() : "#" + shown.title();
        tip.setText(unread == 0 ? what : what + " · " + unread + " unread");
    }
}
