package dev.tandem.client.chat;

import atlantafx.base.theme.Styles;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The chat pane: the message list (kept scrolled to the newest message while the user is at the bottom),
 * a "jump to latest" control otherwise, and the composer where Enter sends and Shift+Enter adds a line.
 */
public final class ChatView extends BorderPane {
    /** How close to the end (in pixels) still counts as "at the bottom". */
    private static final double BOTTOM_SLACK = 24;

    private final ChatViewModel model;
    private final Clock clock;
    private final VBox list = new VBox();
    private final ScrollPane scroll = new ScrollPane(list);
    private final TextArea input = new TextArea();
    /** One row per entry: a {@link MessageRow}, or a {@link GapRow} for a gap marker. */
    private final Map<ChatEntry, Node> rows = new HashMap<>();
    private double lastContentHeight = -1;
    /** A scroll to the bottom is queued for after the current layout pass. */
    private boolean pinPending;

    public ChatView(ChatViewModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
        setId("chat-view");
        getStyleClass().add("pane-card");
        setMinWidth(300);

        setTop(header());
        setCenter(messages());
        setBottom(composer());

        model.entries().addListener((ListChangeListener<ChatEntry>) this::entriesChanged);
        rebuild();
    }

    /** Puts the cursor into the composer. */
    public void focusInput() {
        input.requestFocus();
    }

    private Node header() {
        Label title = new Label("Chat");
        title.getStyleClass().add("pane-title");
        Label subtitle = new Label("everyone on this server cluster");
        subtitle.getStyleClass().add("pane-subtitle");
        HBox header = new HBox(new FontIcon(Feather.MESSAGE_SQUARE), title, subtitle);
        header.getStyleClass().add("pane-header");
        return header;
    }

    private Node messages() {
        list.setId("chat-list");
        list.getStyleClass().add("chat-list");
        scroll.setId("chat-scroll");
        scroll.getStyleClass().add("chat-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

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

        Label empty = new Label("No messages yet. Say hello!");
        empty.setId("chat-empty");
        empty.getStyleClass().add("chat-empty");
        empty.visibleProperty().bind(Bindings.isEmpty(model.entries()));
        empty.setMouseTransparent(true);

        Button jump = new Button();
        jump.setId("chat-jump-latest");
        jump.getStyleClass().addAll(Styles.ACCENT, Styles.SMALL, "jump-latest");
        jump.setGraphic(new FontIcon(Feather.ARROW_DOWN));
        jump.textProperty().bind(Bindings.createStringBinding(
                () -> model.unseenProperty().get() > 0 ? "Jump to latest (" + model.unseenProperty().get() + ")"
                        : "Jump to latest", model.unseenProperty()));
        jump.visibleProperty().bind(model.atBottomProperty().not());
        jump.setOnAction(e -> model.jumpToLatest());
        StackPane.setAlignment(jump, Pos.BOTTOM_CENTER);
        StackPane.setMargin(jump, new javafx.geometry.Insets(0, 0, 12, 0));

        return new StackPane(scroll, empty, jump);
    }

    private Node composer() {
        input.setId("chat-input");
        input.setPromptText("Write a message…");
        input.setWrapText(true);
        input.setPrefRowCount(2);
        input.textProperty().bindBidirectional(model.draftProperty());
        HBox.setHgrow(input, Priority.ALWAYS);
        // TextArea inserts a newline on Enter by itself; take Enter first: plain Enter sends, Shift+Enter
        // inserts the line break explicitly.
        input.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER) {
                event.consume();
                if (event.isShiftDown()) {
                    input.replaceSelection("\n");
                } else {
                    model.send();
                }
            }
        });

        Button send = new Button(null, new FontIcon(Feather.SEND));
        send.setId("chat-send");
        send.getStyleClass().addAll(Styles.ACCENT, Styles.BUTTON_ICON);
        send.setTooltip(new Tooltip("Send (Enter)"));
        send.disableProperty().bind(model.canSendProperty().not());
        send.setOnAction(e -> {
            model.send();
            input.requestFocus();
        });
        send.setMinHeight(36);

        HBox row = new HBox(input, send);
        row.getStyleClass().add("composer-row");

        Label hint = new Label();
        hint.getStyleClass().add("composer-hint");
        hint.textProperty().bind(Bindings.when(model.onlineProperty())
                .then("Enter to send · Shift+Enter for a new line")
                .otherwise("Offline: your message is kept and can be sent once reconnected"));
        Label warning = new Label();
        warning.setId("chat-limit-hint");
        warning.getStyleClass().add("composer-warning");
        warning.textProperty().bind(model.draftHintProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox hints = new HBox(hint, gap, warning);

        VBox composer = new VBox(row, hints);
        composer.getStyleClass().add("composer");
        return composer;
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
    }

    private void rebuild() {
        rows.values().forEach(node -> {
            if (node instanceof MessageRow row) {
                row.dispose();
            }
        });
        rows.clear();
        list.getChildren().setAll(model.entries().stream().map(this::rowFor).toList());
    }

    private Node rowFor(ChatEntry entry) {
        return rows.computeIfAbsent(entry, e -> e.isGap() ? new GapRow(e) : new MessageRow(e, clock, model::retry));
    }
}
