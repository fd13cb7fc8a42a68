package dev.tandem.client.chat;

import atlantafx.base.theme.Styles;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The message list: one row per entry (a {@link MessageRow}, or a {@link GapRow} for a gap marker), kept in
 * step with the view model incrementally, with day separators above the first message of each day; kept
 * scrolled to the newest message while the user is at the bottom, with "Jump to latest (n)" otherwise.
 *
 * <p>Threads: JavaFX thread only.
 */
final class ChatList extends StackPane {
    /** How close to the end (in pixels) still counts as "at the bottom". */
    private static final double BOTTOM_SLACK = 24;

    private final ChatViewModel model;
    private final Clock clock;
    private final Consumer<String> openLink;
    private final VBox list = new VBox();
    private final ScrollPane scroll = new ScrollPane(list);
    private final Map<ChatEntry, Node> rows = new HashMap<>();
    private double lastContentHeight = -1;
    /** A scroll to the bottom is queued for after the current layout pass. */
    private boolean pinPending;
    /** The day the separators were written for: "Today" becomes "Yesterday" at midnight. */
    private LocalDate separatorsToday;

    ChatList(ChatViewModel model, Clock clock, Consumer<String> openLink) {
        this.model = model;
        this.clock = clock;
        this.openLink = openLink;
        list.setId("chat-list");
        list.getStyleClass().add("chat-list");
        scroll.setId("chat-scroll");
        scroll.getStyleClass().add("chat-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setFocusTraversable(false); // the composer scrolls it (Page Up / Page Down)
        followTheBottom();

        Label empty = new Label("No messages yet. Say hello!");
        empty.setId("chat-empty");
        empty.getStyleClass().add("chat-empty");
        empty.setWrapText(true);
        empty.setMinHeight(Region.USE_PREF_SIZE);
        empty.visibleProperty().bind(Bindings.isEmpty(model.entries()));
        empty.setMouseTransparent(true);

        Button jump = new Button();
        jump.setId("chat-jump-latest");
        jump.getStyleClass().addAll(Styles.ACCENT, Styles.SMALL, "jump-latest");
        jump.setGraphic(new FontIcon(Feather.ARROW_DOWN));
        jump.setMinWidth(Region.USE_PREF_SIZE);
        jump.setTooltip(new Tooltip("Show the newest message (Escape in the message box)"));
        jump.textProperty().bind(Bindings.createStringBinding(
                () -> model.unseenProperty().get() > 0 ? "Jump to latest (" + model.unseenProperty().get() + ")"
                        : "Jump to latest", model.unseenProperty()));
        jump.visibleProperty().bind(model.atBottomProperty().not());
        jump.setOnAction(e -> model.jumpToLatest());
        StackPane.setAlignment(jump, Pos.BOTTOM_CENTER);
        StackPane.setMargin(jump, new Insets(0, 0, 12, 0));

        getChildren().addAll(scroll, empty, jump);

        model.entries().addListener((ListChangeListener<ChatEntry>) this::entriesChanged);
        rebuild();
        Timeline midnight = new Timeline(new KeyFrame(Duration.minutes(1), e -> {
            if (!ChatDays.dayOf(clock.instant(), clock.getZone()).equals(separatorsToday)) {
                refreshDays();
            }
        }));
        midnight.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                midnight.stop();
            } else {
                midnight.play();
            }
        });
    }

    /** Scrolls by about a page (Page Up / Page Down in the composer). */
    void scrollPage(boolean down) {
        double content = list.getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (content <= viewport) {
            return;
        }
        double step = viewport * 0.9 / (content - viewport) * (scroll.getVmax() - scroll.getVmin());
        scroll.setVvalue(Math.max(scroll.getVmin(), Math.min(scroll.getVmax(), scroll.getVvalue() + (down ? step : -step))));
    }

    private void followTheBottom() {
        // Follow the newest message only while the user is at the bottom. When the content grows, the skin
        // moves vvalue to keep the pixel offset: that is layout, not the user scrolling, so it must not count
        // as "scrolled up". Pinning to the bottom waits for the layout pass to finish (runLater).
        list.heightProperty().addListener((obs, old, height) -> {
            lastContentHeight = height.doubleValue();
            pinIfFollowing();
        });
        scroll.viewportBoundsProperty().addListener((obs, old, bounds) -> pinIfFollowing());
        scroll.vvalueProperty().addListener((obs, old, value) -> {
            if (!pinPending && list.getHeight() == lastContentHeight) {
                model.atBottomProperty().set(isAtBottom());
            }
        });
        model.atBottomProperty().addListener((obs, was, now) -> {
            if (now) {
                pinIfFollowing();
            }
        });
    }

    private void pinIfFollowing() {
        if (!model.atBottomProperty().get() || pinPending) {
            return;
        }
        pinPending = true;
        Platform.runLater(() -> {
            scroll.setVvalue(scroll.getVmax());
            pinPending = false;
        });
    }

    private boolean isAtBottom() {
        double content = list.getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        double scrollable = content - viewport;
        if (scrollable <= 1) {
            return true;
        }
        double range = scroll.getVmax() - scroll.getVmin();
        double offset = range <= 0 ? 0 : (scroll.getVvalue() - scroll.getVmin()) / range * scrollable;
        return scrollable - offset <= BOTTOM_SLACK;
    }

    // ---- list maintenance: one row per entry, updated incrementally ----

    private void entriesChanged(ListChangeListener.Change<? extends ChatEntry> change) {
        while (change.next()) {
            if (change.wasPermutated()) {
                rebuild();
                return;
            }
            if (change.wasRemoved()) {
                int from = change.getFrom();
                List<Node> gone = list.getChildren().subList(from, from + change.getRemovedSize());
                for (Node node : List.copyOf(gone)) {
                    if (node instanceof MessageRow row) {
                        row.dispose();
                        rows.remove(row.entry());
                    } else if (node instanceof GapRow row) {
                        rows.remove(row.entry());
                    }
                }
                gone.clear();
            }
            if (change.wasAdded()) {
                List<Node> added = change.getAddedSubList().stream().map(this::rowFor).toList();
                list.getChildren().addAll(change.getFrom(), added);
            }
        }
        refreshDays();
    }

    private void rebuild() {
        rows.values().forEach(node -> {
            if (node instanceof MessageRow row) {
                row.dispose();
            }
        });
        rows.clear();
        list.getChildren().setAll(model.entries().stream().map(this::rowFor).toList());
        refreshDays();
    }

    /**
     * A separator above each message whose day differs from the message before it (and above the first
     * one, and the first after a gap). One pass over at most {@link ChatViewModel#MAX_ENTRIES} rows; rows whose
     * separator does not change are not touched.
     */
    private void refreshDays() {
        separatorsToday = ChatDays.dayOf(clock.instant(), clock.getZone());
        LocalDate previous = null;
        for (Node node : list.getChildren()) {
            if (node instanceof MessageRow row) {
                LocalDate day = row.entry().sentAt() == null ? null
                        : ChatDays.dayOf(row.entry().sentAt(), clock.getZone());
                row.showDay(ChatDays.separatorBefore(previous, day, separatorsToday));
                if (day != null) {
                    previous = day;
                }
            } else {
                previous = null; // after a gap, say again which day it is
            }
        }
    }

    private Node rowFor(ChatEntry entry) {
        return rows.computeIfAbsent(entry, e -> e instanceof ChatEntry.Gap gap ? new GapRow(gap)
                : new MessageRow((ChatEntry.Message) e, clock, model::retry, openLink));
    }
}
