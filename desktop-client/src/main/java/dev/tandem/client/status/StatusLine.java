package dev.tandem.client.status;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/**
 * The bar at the bottom of the main window: a coloured dot, the connection status, "Retry now" while
 * waiting to reconnect, and on the right who is signed in and the version. Fixed height, so status changes
 * never move the layout. The status is never cut: when the bar is too narrow for everything, the version
 * and then the user (both shown elsewhere too) step aside whole.
 *
 * <p>Threads: JavaFX thread only.
 */
public final class StatusLine extends HBox {
    private static final double DOT_WIDTH = 8;
    private final Label status = new Label();
    private final Hyperlink retry = new Hyperlink("Retry now");
    private final Label who = new Label();
    private final Label version = new Label();

    public StatusLine(StatusViewModel model, ObservableStringValue user, String appVersion, Runnable retryNow) {
        getStyleClass().add("status-bar");
        setId("status-bar");

        Circle dot = new Circle(DOT_WIDTH / 2);
        dot.getStyleClass().add("status-dot");

        status.setId("status-line");
        status.textProperty().bind(model.textProperty());

        retry.setId("status-retry-now");
        retry.setTooltip(new javafx.scene.control.Tooltip("Reconnect now instead of waiting"));
        retry.visibleProperty().bind(model.canRetryNowProperty());
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> retryNow.run());

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        gap.setMinWidth(0);

        who.setId("status-user");
        who.getStyleClass().add("status-muted");
        who.textProperty().bind(Bindings.concat("Signed in as ", user));
        version.setId("status-version");
        version.getStyleClass().add("status-muted");
        version.setText("Tandem " + appVersion);

        for (Region region : new Region[] {status, retry, who, version}) {
            region.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(dot, status, retry, gap, who, version);

        model.toneProperty().addListener((obs, old, now) -> tone(now));
        tone(model.toneProperty().get());
    }

    @Override
    protected void layoutChildren() {
        // Whole labels or none: the right-hand ones go first when the width runs out.
        double available = getWidth() - snappedLeftInset() - snappedRightInset();
        double spacing = getSpacing();
        double left = DOT_WIDTH + spacing + status.prefWidth(-1)
                + (retry.isManaged() ? spacing + retry.prefWidth(-1) : 0);
        double withWho = left + 2 * spacing + who.prefWidth(-1); // the gap between is a child too
        double withBoth = withWho + spacing + version.prefWidth(-1);
        show(version, withBoth <= available);
        show(who, withWho <= available);
        super.layoutChildren();
    }

    private static void show(Node node, boolean shown) {
        if (node.isVisible() != shown) {
            node.setVisible(shown);
            node.setManaged(shown);
        }
    }

    private void tone(StatusViewModel.Tone tone) {
        for (StatusViewModel.Tone t : StatusViewModel.Tone.values()) {
            getStyleClass().remove(t.name().toLowerCase(Locale.ROOT));
        }
        getStyleClass().add(tone.name().toLowerCase(Locale.ROOT));
    }
}
