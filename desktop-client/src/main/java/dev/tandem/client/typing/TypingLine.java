package dev.tandem.client.typing;

import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The line under the messages that says who is typing in the room on screen. It is always one line tall,
 * empty or not, so the messages above never jump when someone starts or stops typing; a text too long for
 * the pane ends in "…" and shows whole in its tooltip.
 *
 * <p>Threads: JavaFX thread only.
 */
public final class TypingLine extends Label {
    private static final String STYLESHEET = TypingLine.class.getResource("typing.css").toExternalForm();

    public TypingLine(TypingViewModel model) {
        setId("typing-line");
        getStyleClass().add("typing-line");
        getStylesheets().add(STYLESHEET);
        setTextOverrun(OverrunStyle.ELLIPSIS);
        setMaxWidth(Double.MAX_VALUE);
        FontIcon pen = new FontIcon(Feather.EDIT_2);
        pen.getStyleClass().add("typing-icon");
        textProperty().bind(model.lineProperty());
        Tooltip full = new Tooltip();
        full.textProperty().bind(model.lineProperty());
        model.lineProperty().addListener((obs, old, now) -> {
            setGraphic(now.isEmpty() ? null : pen);
            setTooltip(now.isEmpty() ? null : full);
        });
        setGraphic(getText().isEmpty() ? null : pen);
        setTooltip(getText().isEmpty() ? null : full);
    }
}
