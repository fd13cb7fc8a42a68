package dev.tandem.client.chat;

import java.time.Clock;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The chat pane: a header, the message list ({@link ChatList}) and the composer ({@link Composer}).
 *
 * <p>Threads: JavaFX thread only.
 */
public final class ChatView extends BorderPane {
    /** Below this the chat is not meant to be squeezed (the split keeps it). */
    public static final double MIN_WIDTH = 340;

    private final Composer composer;

    /**
     * @param openLink opens an http/https address from a message in the browser
     * @param focusShortcut how the shortcut that focuses the composer reads (for its tooltip)
     */
    public ChatView(ChatViewModel model, Clock clock, Consumer<String> openLink, String focusShortcut) {
        setId("chat-view");
        getStyleClass().add("pane-card");
        setMinWidth(MIN_WIDTH);

        ChatList list = new ChatList(model, clock, openLink);
        composer = new Composer(model, list, focusShortcut);
        setTop(header());
        setCenter(list);
        setBottom(composer);
    }

    /** Puts the cursor into the composer. */
    public void focusInput() {
        composer.focusInput();
    }

    private static Node header() {
        Label title = new Label("Chat");
        title.getStyleClass().add("pane-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label subtitle = new Label("everyone on this server cluster");
        subtitle.getStyleClass().add("pane-subtitle");
        subtitle.setWrapText(true);
        subtitle.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(subtitle, Priority.ALWAYS);
        FontIcon icon = new FontIcon(Feather.MESSAGE_SQUARE);
        HBox header = new HBox(icon, title, subtitle);
        header.getStyleClass().add("pane-header");
        return header;
    }
}
