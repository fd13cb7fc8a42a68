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
 * The message list of the room on screen: one row per entry (a {@link MessageRow}, a {@link GapRow} for a gap
 * marker, a {@link DividerRow} for "New messages"), kept in step with the room's {@link RoomTimeline}
 * incrementally, under the {@link OlderRow} that loads older history; day separators above the first message
 * of each day; "Jump to latest (n)" while the user is scrolled up. Where it is scrolled is {@link ChatScroll}'s.
 *
 * <p>Threads: JavaFX thread only.
 */
final class ChatList extends StackPane {

    private final ChatViewModel model;
    private final Clock clock;
    private final Consumer<String> openLink;
    private final MessageRow.Actions actions;
    private final VBox list = new VBox();
    private final ChatScroll scrolling;
    private final Map<ChatEntry, Node> rows = new HashMap<>();
    private final ListChangeListener<ChatEntry> entriesWatch = this::entriesChanged;
    private RoomTimeline shown;
    /** The day the separators were written for: "Today" becomes "Yesterday" at midnight. */
    private LocalDate separatorsToday;

    ChatList(ChatViewModel model, Clock clock, Consumer<String> openLink, MessageRow.Actions actions) {
        this.model = model;
        this.clock = clock;
        this.openLink = openLink;
        this.actions = actions;
        list.setId("chat-list");
        list.getStyleClass().add("chat-list");
        VBox content = new VBox(new OlderRow(model), list);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setId("chat-scroll");
        scroll.getStyleClass().add("chat-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setFocusTraversable(false); // the composer scrolls it (Page Up / Page Down)
        scrolling = new ChatScroll(scroll, content, model::loadOlder);

        Label empty = new Label("No messages yet. Say hello!");
        empty.setId("chat-empty");
        empty.getStyleClass().add("chat-empty");
        empty.setWrapText(true);
        empty.setMinHeight(Region.USE_PREF_SIZE);
        empty.setMouseTransparent(true);

        Button jump = new Button();
        jump.setId("chat-jump-latest");
        jump.getStyleClass().addAll(Styles.ACCENT, Styles.SMALL, "jump-latest");
        jump.setGraphic(new FontIcon(Feather.ARROW_DOWN));
        jump.setMinWidth(Region.USE_PREF_SIZE);
        jump.setTooltip(new Tooltip("Show the newest message (Escape in the message box)"));
        jump.setOnAction(e -> model.jumpToLatest());
        StackPane.setAlignment(jump, Pos.BOTTOM_CENTER);
        StackPane.setMargin(jump, new Insets(0, 0, 12, 0));

        getChildren().addAll(scroll, empty, jump);

        model.composer().editingProperty().addListener((obs, old, now) -> {
            markEditing(old, false);
            markEditing(now, true);
        });
        model.currentProperty().addListener((obs, old, now) -> {
            show(now);
            bindToRoom(empty, jump, now);
        });
        show(model.currentProperty().get());
        bindToRoom(empty, jump, model.currentProperty().get());
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
        scrolling.scrollPage(down);
    }

    /** The message being edited stands out while the composer holds it. */
    private void markEditing(ChatEntry.Message message, boolean on) {
        if (message != null && rows.get(message) instanceof MessageRow row) {
            row.line().getStyleClass().remove("editing");
            if (on) {
                row.line().getStyleClass().add("editing");
            }
        }
    }

    private static void bindToRoom(Label empty, Button jump, RoomTimeline room) {
        empty.visibleProperty().bind(Bindings.isEmpty(room.entries())
                .and(room.olderProperty().isNotEqualTo(RoomTimeline.Older.LOADING)));
        jump.textProperty().bind(Bindings.createStringBinding(
                () -> room.unseenProperty().get() > 0 ? "Jump to latest (" + room.unseenProperty().get() + ")"
                        : "Jump to latest", room.unseenProperty()));
        jump.visibleProperty().bind(room.atBottomProperty().not());
    }

    /** Shows another room: its rows, at its bottom or at its divider. */
    private void show(RoomTimeline room) {
        if (shown != null) {
            shown.entries().removeListener(entriesWatch);
        }
        shown = room;
        room.entries().addListener(entriesWatch);
        rebuild();
        scrolling.opened(room, () -> room.divider().map(rows::get).orElse(null));
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
                    dispose(node);
                }
                gone.clear();
            }
            if (change.wasAdded()) {
                if (change.getFrom() == 0 && !list.getChildren().isEmpty()) {
                    scrolling.addingAbove(); // older messages above what is read
                }
                if (change.getAddedSubList().stream().anyMatch(ChatEntry.Divider.class::isInstance)) {
                    scrolling.dividerAdded(); // the room's history came after it opened
                }
                List<Node> added = change.getAddedSubList().stream().map(this::rowFor).toList();
                list.getChildren().addAll(change.getFrom(), added);
            }
        }
        refreshDays();
    }

    private void rebuild() {
        List.copyOf(rows.values()).forEach(this::dispose);
        rows.clear();
        list.getChildren().setAll(shown.entries().stream().map(this::rowFor).toList());
        refreshDays();
    }

    private void dispose(Node node) {
        if (node instanceof MessageRow row) {
            row.dispose();
            rows.remove(row.entry());
        } else {
            rows.values().remove(node);
        }
    }

    /**
     * A separator above each message whose day differs from the message before it (and above the first
     * one, and the first after a gap). One pass over the rows; rows whose separator does not change are not
     * touched.
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
            } else if (node instanceof GapRow) {
                previous = null; // after a gap, say again which day it is
            }
        }
    }

    private Node rowFor(ChatEntry entry) {
        return rows.computeIfAbsent(entry, e -> {
            if (e instanceof ChatEntry.Gap gap) {
                return new GapRow(gap);
            }
            if (e instanceof ChatEntry.Divider divider) {
                return new DividerRow(divider);
            }
            return new MessageRow((ChatEntry.Message) e, clock, actions, openLink);
        });
    }
}
