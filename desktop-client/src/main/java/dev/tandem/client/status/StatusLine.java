package dev.tandem.client.status;

import java.util.Locale;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/**
 * The bar at the bottom of the main window: a coloured dot, the connection status, "Retry now" while
 * waiting to reconnect, and on the right who is signed in. Fixed height, so status changes never move the
 * layout.
 */
public final class StatusLine extends HBox {

    public StatusLine(StatusViewModel model, javafx.beans.value.ObservableStringValue user, String version,
                      Runnable retryNow) {
        getStyleClass().add("status-bar");
        setId("status-bar");

        Circle dot = new Circle(4);
        dot.getStyleClass().add("status-dot");

        Label text = new Label();
        text.setId("status-line");
        text.textProperty().bind(model.textProperty());

        Hyperlink retry = new Hyperlink("Retry now");
        retry.setId("status-retry-now");
        retry.visibleProperty().bind(model.canRetryNowProperty());
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> retryNow.run());

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);

        Label who = new Label();
        who.getStyleClass().add("status-muted");
        who.textProperty().bind(javafx.beans.binding.Bindings.concat("Signed in as ", user));
        Label ver = new Label("Tandem " + version);
        ver.getStyleClass().add("status-muted");

        getChildren().addAll(dot, text, retry, gap, who, ver);

        model.toneProperty().addListener((obs, old, now) -> tone(now));
        tone(model.toneProperty().get());
    }

    private void tone(StatusViewModel.Tone tone) {
        for (StatusViewModel.Tone t : StatusViewModel.Tone.values()) {
            getStyleClass().remove(t.name().toLowerCase(Locale.ROOT));
        }
        getStyleClass().add(tone.name().toLowerCase(Locale.ROOT));
    }
}
