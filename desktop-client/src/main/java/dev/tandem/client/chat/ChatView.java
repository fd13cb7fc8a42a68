package dev.tandem.client.chat;

import dev.tandem.client.theme.ThemeManager;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The chat pane of the room on screen: its header (the room's name and member count, or the other user of a
 * DM), the message list ({@link ChatList}), a slot for a line under the messages ({@link #setTypingLine}),
 * and the composer ({@link Composer}).
 *
 * <p>Threads: JavaFX thread only.
 */
public final class ChatView extends BorderPane {
    /** Below this the chat is not meant to be squeezed (the split keeps it). */
    public static final double MIN_WIDTH = 340;

    private final ChatViewModel model;
    private final Composer composer;
    private final StackPane typingSlot = new StackPane();

    /**
     * @param openLink opens an http/https address from a message in the browser
     * @param focusShortcut how the shortcut that focuses the composer reads (for its tooltip)
     */
    public ChatView(ChatViewModel model, Clock clock, Consumer<String> openLink, String focusShortcut) {
        this.model = model;
        setId("chat-view");
        getStyleClass().add("pane-card");
        setMinWidth(MIN_WIDTH);

        MessageRow.Actions actions = new MessageRow.Actions() {
            @Override
            public void retry(ChatEntry.Message message) {
                model.retry(message);
            }

            @Override
            public void edit(ChatEntry.Message message) {
                if (model.composer().startEdit(message)) {
                    focusInput();
                }
            }

            @Override
            public void delete(ChatEntry.Message message) {
                confirmDelete(message);
            }
        };
        ChatList list = new ChatList(model, clock, openLink, actions);
        composer = new Composer(model, list, focusShortcut, this::confirmDelete);
        typingSlot.setId("chat-typing-slot");
        typingSlot.getStyleClass().add("chat-typing-slot");
        typingSlot.managedProperty().bind(Bindings.isNotEmpty(typingSlot.getChildren()));
        setTop(header(model));
        setCenter(list);
        setBottom(new VBox(typingSlot, composer));
    }

    /** Puts the cursor into the composer. */
    public void focusInput() {
        composer.focusInput();
    }

    /** Shows {@code line} right under the messages, above the composer ("bob is typing…"); null for none. */
    public void setTypingLine(Node line) {
        if (line == null) {
            typingSlot.getChildren().clear();
        } else {
            typingSlot.getChildren().setAll(line);
        }
    }

    /** Asks whether to delete one of our messages (it cannot be undone), and deletes it if so. */
    private void confirmDelete(ChatEntry.Message message) {
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                "Everyone in the room will see “" + ChatEntry.DELETED_TEXT + "” instead. This cannot be undone.",
                delete, ButtonType.CANCEL);
        alert.setTitle("Delete message");
        alert.setHeaderText("Delete this message?");
        alert.getDialogPane().setId("chat-delete-dialog");
        alert.getDialogPane().lookupButton(delete).setId("chat-delete-confirm");
        alert.getDialogPane().lookupButton(delete).getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        ThemeManager.style(alert.getDialogPane().getScene());
        alert.showAndWait().filter(delete::equals).ifPresent(choice -> model.composer().delete(message));
        focusInput();
    }

    private static Node header(ChatViewModel model) {
        FontIcon icon = new FontIcon();
        icon.getStyleClass().add("room-header-icon");
        icon.iconCodeProperty().bind(Bindings.createObjectBinding(
                () -> model.headingProperty().get().dm() ? Feather.AT_SIGN : Feather.HASH, model.headingProperty()));
        Label title = new Label();
        title.setId("chat-room-title");
        title.getStyleClass().add("pane-title");
        // A room name has no spaces: a long one wraps within the pane rather than pushing the detail out.
        title.setWrapText(true);
        title.setMinWidth(0);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.textProperty().bind(Bindings.createStringBinding(() -> model.headingProperty().get().title(),
                model.headingProperty()));
        Label subtitle = new Label();
        subtitle.setId("chat-room-detail");
        subtitle.getStyleClass().add("pane-subtitle");
        subtitle.setMinWidth(Region.USE_PREF_SIZE);
        subtitle.textProperty().bind(Bindings.createStringBinding(() -> model.headingProperty().get().detail(),
                model.headingProperty()));
        HBox.setHgrow(title, Priority.SOMETIMES);
        HBox header = new HBox(icon, title, subtitle);
        header.setId("chat-room-header");
        header.getStyleClass().add("pane-header");
        return header;
    }
}
