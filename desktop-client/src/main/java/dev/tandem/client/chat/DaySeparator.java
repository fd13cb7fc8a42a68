package dev.tandem.client.chat;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** "Today", "Yesterday", "Monday 30 November" between two rules, above the first message of a day. */
final class DaySeparator extends HBox {
    private final Label label = new Label();

    DaySeparator() {
        getStyleClass().add("chat-day");
        setAlignment(Pos.CENTER);
        label.getStyleClass().add("chat-day-text");
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(rule(), label, rule());
    }

    String text() {
        return label.getText();
    }

    void setText(String text) {
        label.setText(text);
    }

    private static Region rule() {
        Region rule = new Region();
        rule.getStyleClass().add("chat-day-rule");
        HBox.setHgrow(rule, Priority.ALWAYS);
        return rule;
    }
}
