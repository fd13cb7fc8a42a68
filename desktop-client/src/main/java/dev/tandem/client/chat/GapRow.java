package dev.tandem.client.chat;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The marker where messages are missing (sent while this window was away, beyond what the welcome's
 * history brings): a centred notice between two rules, unlike any message row. Its text comes from the
 * view model; the entry never changes, so there is nothing to listen to.
 */
final class GapRow extends HBox {
    private final ChatEntry.Gap entry;

    GapRow(ChatEntry.Gap entry) {
        this.entry = entry;
        setId("chat-gap");
        getStyleClass().add("chat-gap");
        setAlignment(Pos.CENTER);

        Label text = new Label(entry.text(), new FontIcon(Feather.MORE_HORIZONTAL));
        text.getStyleClass().add("chat-gap-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);

        getChildren().addAll(rule(), text, rule());
    }

    ChatEntry.Gap entry() {
        return entry;
    }

    private static Region rule() {
        Region rule = new Region();
        rule.getStyleClass().add("chat-gap-rule");
        HBox.setHgrow(rule, Priority.ALWAYS);
        return rule;
    }
}
