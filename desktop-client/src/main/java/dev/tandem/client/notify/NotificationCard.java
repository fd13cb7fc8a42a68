package dev.tandem.client.notify;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What one notification looks like: the room's name in bold, the author and the start of the message (for a
 * DM: the other user in bold and the start of the message), all plain text, at most three lines of it.
 *
 * <p>Threads: JavaFX thread only.
 */
final class NotificationCard extends VBox {
    static final double WIDTH = 320;
    private static final String STYLESHEET = NotificationCard.class.getResource("notify.css").toExternalForm();

    private final Notification notification;

    NotificationCard(Notification notification) {
        this.notification = notification;
        getStyleClass().add("notification-card");
        getStylesheets().add(STYLESHEET);
        setPrefWidth(WIDTH);
        setMaxWidth(WIDTH);

        FontIcon icon = new FontIcon(notification.dm() ? Feather.MESSAGE_CIRCLE : Feather.AT_SIGN);
        icon.getStyleClass().add("notification-icon");
        Label title = new Label(notification.title());
        title.getStyleClass().add("notification-title");
        title.setMinWidth(0);
        HBox.setHgrow(title, Priority.ALWAYS);
        Label hint = new Label("Tandem");
        hint.getStyleClass().add("notification-app");
        hint.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(icon, title, hint);
        top.getStyleClass().add("notification-top");

        Label author = new Label(notification.author());
        author.getStyleClass().add("notification-author");
        Label text = new Label(notification.excerpt());
        text.getStyleClass().add("notification-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);

        // A DM's title is its author already.
        if (notification.dm()) {
            getChildren().addAll(top, text);
        } else {
            getChildren().addAll(top, author, text);
        }
        setAccessibleText(notification.title() + ": " + notification.author() + ": " + notification.excerpt());
    }

    Notification notification() {
        return notification;
    }
}
