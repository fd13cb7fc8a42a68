package dev.tandem.client.chat;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * "New messages": a rule in the accent colour with the words at its end, above the first message the user
 * had not read when the room opened. The entry never changes.
 */
final class DividerRow extends HBox {
    private final ChatEntry.Divider entry;

    DividerRow(ChatEntry.Divider entry) {
        this.entry = entry;
        setId("chat-divider");
        getStyleClass().add("chat-divider");
        setAlignment(Pos.CENTER);

        Label text = new Label(entry.text());
        text.getStyleClass().add("chat-divider-text");
        text.setMinWidth(Region.USE_PREF_SIZE);

        Region rule = new Region();
        rule.getStyleClass().add("chat-divider-rule");
        HBox.setHgrow(rule, Priority.ALWAYS);
        getChildren().addAll(rule, text);
    }

    ChatEntry.Divider entry() {
        return entry;
    }
}
