package dev.tandem.client.chat;

import java.time.Clock;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * One message: avatar, author and time, then the text; a continuation shows only the text. Own messages
 * are tinted; pending and failed ones say so, and a failed one offers "Retry".
 */
final class MessageRow extends HBox {
    private static final Duration PENDING_DELAY = Duration.millis(400);
    private final ChatEntry entry;
    private final Clock clock;
    private final Label time = new Label();
    private final Label state = new Label();
    private final HBox failure = new HBox();
    private final Label failureText = new Label();
    private final HBox meta;
    private final Region avatarSlot;
    private final Region spacer = new Region();
    private final Tooltip fullTime = new Tooltip();
    private final ChangeListener<Object> refresh = (obs, old, now) -> refresh();
    private final PauseTransition pendingReveal = new PauseTransition(PENDING_DELAY);

    MessageRow(ChatEntry entry, Clock clock, Consumer<ChatEntry> retry) {
        this.entry = entry;
        this.clock = clock;
        getStyleClass().add("chat-message");
        if (entry.own()) {
            getStyleClass().add("own");
        }

        Label author = new Label(entry.own() ? entry.author() + " (you)" : entry.author());
        author.getStyleClass().add("chat-author");
        time.getStyleClass().add("chat-time");
        // The whole row carries the full date, so continuations (which show no time) have it too.
        Tooltip.install(this, fullTime);
        state.getStyleClass().add("chat-state");
        meta = new HBox(author, time);
        meta.getStyleClass().add("chat-meta");

        Label text = new Label(entry.text());
        text.getStyleClass().add("chat-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);

        Hyperlink retryLink = new Hyperlink("Retry");
        retryLink.getStyleClass().add("chat-retry");
        retryLink.setOnAction(e -> retry.accept(entry));
        failure.getChildren().addAll(failureText, retryLink);
        failure.getStyleClass().add("chat-failure");

        VBox body = new VBox(meta, text, state, failure);
        body.getStyleClass().add("chat-body");
        HBox.setHgrow(body, Priority.ALWAYS);
        body.setMinWidth(0);

        avatarSlot = new Avatar(entry.author(), false);
        spacer.getStyleClass().add("avatar-spacer");
        getChildren().addAll(avatarSlot, body);

        MenuItem copy = new MenuItem("Copy text");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(entry.text());
            Clipboard.getSystemClipboard().setContent(content);
        });
        ContextMenu menu = new ContextMenu(copy);
        setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));

        // Weak enough: the row lives exactly as long as the entry is shown; the ChatView drops both together.
        entry.stateProperty().addListener(refresh);
        entry.sentAtProperty().addListener(refresh);
        entry.continuationProperty().addListener(refresh);
        entry.failureProperty().addListener(refresh);
        pendingReveal.setOnFinished(e -> {
            if (entry.state() == ChatEntry.State.PENDING) {
                setStyleClass("pending", true);
                state.setVisible(true);
                state.setManaged(true);
            }
        });
        refresh();
    }

    ChatEntry entry() {
        return entry;
    }

    /** Stops listening to the entry (the row is gone for good). */
    void dispose() {
        pendingReveal.stop();
        entry.stateProperty().removeListener(refresh);
        entry.sentAtProperty().removeListener(refresh);
        entry.continuationProperty().removeListener(refresh);
        entry.failureProperty().removeListener(refresh);
    }

    /** Re-reads the times ("today" moves on). */
    void refreshTime() {
        refresh();
    }

    private void refresh() {
        boolean continuation = entry.isContinuation();
        setStyleClass("continuation", continuation);
        // A confirmation usually arrives within milliseconds: only show "pending" if it takes noticeably long,
        // so sending does not make the row flicker.
        if (entry.state() == ChatEntry.State.PENDING) {
            if (!getStyleClass().contains("pending") && pendingReveal.getStatus() != Animation.Status.RUNNING) {
                pendingReveal.playFromStart();
            }
        } else {
            pendingReveal.stop();
            setStyleClass("pending", false);
        }
        setStyleClass("failed", entry.state() == ChatEntry.State.FAILED);
        meta.setVisible(!continuation);
        meta.setManaged(!continuation);
        getChildren().set(0, continuation ? spacer : avatarSlot);

        time.setText(ChatTimes.brief(entry.sentAt(), clock.instant(), clock.getZone()));
        fullTime.setText(ChatTimes.full(entry.sentAt(), clock.getZone()));
        boolean pending = entry.state() == ChatEntry.State.PENDING && getStyleClass().contains("pending");
        state.setText("Sending…");
        state.setVisible(pending);
        state.setManaged(pending);
        boolean failed = entry.state() == ChatEntry.State.FAILED;
        failure.setVisible(failed);
        failure.setManaged(failed);
        failureText.setText(failed ? entry.failureProperty().get() : "");
    }

    private void setStyleClass(String styleClass, boolean on) {
        if (on && !getStyleClass().contains(styleClass)) {
            getStyleClass().add(styleClass);
        } else if (!on) {
            getStyleClass().remove(styleClass);
        }
    }
}
