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
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One message of the list: a day separator when it is the first of its day, then the message itself
 * ({@code .chat-message}): avatar, author and time, then the text; a continuation shows only the text. Own
 * messages are tinted. One not yet confirmed says so once that takes noticeably long — "Not sent yet: waits
 * for the connection" while queued offline, "Sending…" while on its way — and a failed one offers "Retry".
 * An edited message says "(edited)"; a deleted one "This message was deleted"; both change live. The menu
 * (right-click, or the context-menu key) copies, and on our own messages edits and deletes.
 *
 * <p>Threads: JavaFX thread only; it listens to its entry until {@link #dispose()}.
 */
final class MessageRow extends VBox {
    /** A confirmation usually arrives within milliseconds: only then is a message shown as unconfirmed. */
    private static final Duration UNCONFIRMED_DELAY = Duration.millis(400);

    /** What the row's links and menu ask for. */
    interface Actions {
        void retry(ChatEntry.Message message);

        /** Puts our message into the composer to be edited. */
        void edit(ChatEntry.Message message);

        /** Asks whether to delete our message, and does. */
        void delete(ChatEntry.Message message);
    }

    private final ChatEntry.Message entry;
    private final Clock clock;
    private final DaySeparator day = new DaySeparator();
    private final HBox line = new HBox();
    private final Label time = new Label();
    private final Label state = new Label();
    private final FontIcon queuedIcon = new FontIcon(Feather.CLOCK);
    private final HBox failure = new HBox();
    private final Label failureText = new Label();
    private final HBox meta;
    private final VBox body;
    private final Consumer<String> openLink;
    private final Label deleted = new Label(ChatEntry.DELETED_TEXT);
    private final Label edited = new Label("(edited)");
    private final Label notice = new Label();
    private final Tooltip editedAt = new Tooltip();
    private MessageText text;
    private final Region avatarSlot;
    private final Region spacer = new Region();
    private final Tooltip fullTime = new Tooltip();
    private final ChangeListener<Object> refresh = (obs, old, now) -> refresh();
    private final PauseTransition unconfirmedReveal = new PauseTransition(UNCONFIRMED_DELAY);
    /** The unconfirmed state is on show (after the delay); it stays until the message is sent or failed. */
    private boolean unconfirmedShown;

    MessageRow(ChatEntry.Message entry, Clock clock, Actions actions, Consumer<String> openLink) {
        this.entry = entry;
        this.clock = clock;
        this.openLink = openLink;
        getStyleClass().add("chat-row");
        line.getStyleClass().add("chat-message");
        if (entry.own()) {
            line.getStyleClass().add("own");
        }

        Label author = new Label(entry.own() ? entry.author() + " (you)" : entry.author());
        author.getStyleClass().add("chat-author");
        author.setMinWidth(0);
        time.getStyleClass().add("chat-time");
        time.setMinWidth(Region.USE_PREF_SIZE);
        // The whole message carries the full date, so continuations (which show no time) have it too.
        Tooltip.install(line, fullTime);
        meta = new HBox(author, time);
        meta.getStyleClass().add("chat-meta");

        text = new MessageText(entry.text(), openLink);

        state.getStyleClass().add("chat-state");
        wrap(state);
        queuedIcon.getStyleClass().add("chat-state-icon");

        Hyperlink retryLink = new Hyperlink("Retry");
        retryLink.getStyleClass().add("chat-retry");
        retryLink.setMinWidth(Region.USE_PREF_SIZE);
        retryLink.setOnAction(e -> actions.retry(entry));
        wrap(failureText);
        HBox.setHgrow(failureText, Priority.SOMETIMES);
        failure.getChildren().addAll(failureText, retryLink);
        failure.getStyleClass().add("chat-failure");

        deleted.getStyleClass().add("chat-deleted");
        wrap(deleted);
        edited.getStyleClass().add("chat-edited");
        edited.setMinWidth(Region.USE_PREF_SIZE);
        edited.setTooltip(editedAt);
        notice.getStyleClass().add("chat-notice");
        wrap(notice);

        body = new VBox(meta, text, deleted, edited, notice, state, failure);
        body.getStyleClass().add("chat-body");
        HBox.setHgrow(body, Priority.ALWAYS);
        body.setMinWidth(0);

        avatarSlot = new Avatar(entry.author(), false);
        spacer.getStyleClass().add("avatar-spacer");
        line.getChildren().addAll(avatarSlot, body);
        day.setVisible(false);
        day.setManaged(false);
        getChildren().addAll(day, line);

        MenuItem copySelection = new MenuItem("Copy");
        copySelection.setOnAction(e -> text.copy());
        MenuItem copyAll = new MenuItem("Copy message");
        copyAll.setOnAction(e -> {
            text.clearSelection();
            text.copy();
        });
        MenuItem edit = new MenuItem("Edit");
        edit.setOnAction(e -> actions.edit(entry));
        MenuItem delete = new MenuItem("Delete…");
        delete.setOnAction(e -> actions.delete(entry));
        SeparatorMenuItem ownSeparator = new SeparatorMenuItem();
        ContextMenu menu = new ContextMenu(copySelection, copyAll, ownSeparator, edit, delete);
        menu.setOnShowing(e -> {
            copySelection.setDisable(entry.deleted() || !text.hasSelection());
            copyAll.setDisable(entry.deleted());
            boolean changeable = entry.changeable();
            ownSeparator.setVisible(changeable);
            edit.setVisible(changeable);
            delete.setVisible(changeable);
        });
        line.setOnContextMenuRequested(e -> menu.show(line, e.getScreenX(), e.getScreenY()));

        // The row lives exactly as long as the entry is shown; the list drops both together.
        entry.stateProperty().addListener(refresh);
        entry.sentAtProperty().addListener(refresh);
        entry.continuationProperty().addListener(refresh);
        entry.failureProperty().addListener(refresh);
        entry.textProperty().addListener(refresh);
        entry.editedAtProperty().addListener(refresh);
        entry.deletedProperty().addListener(refresh);
        entry.noticeProperty().addListener(refresh);
        unconfirmedReveal.setOnFinished(e -> {
            unconfirmedShown = isUnconfirmed();
            refresh();
        });
        refresh();
    }

    ChatEntry.Message entry() {
        return entry;
    }

    /** The message part (without the day separator): what carries {@code .chat-message} and its states. */
    HBox line() {
        return line;
    }

    MessageText text() {
        return text;
    }

    /** Shows {@code label} above the message, or no separator for null. */
    void showDay(String label) {
        boolean show = label != null;
        if (show) {
            day.setText(label);
        }
        if (day.isVisible() != show) {
            day.setVisible(show);
            day.setManaged(show);
        }
    }

    /** The separator above the message, or null. */
    String dayShown() {
        return day.isVisible() ? day.text() : null;
    }

    /** Stops listening to the entry (the row is gone for good). */
    void dispose() {
        unconfirmedReveal.stop();
        entry.stateProperty().removeListener(refresh);
        entry.sentAtProperty().removeListener(refresh);
        entry.continuationProperty().removeListener(refresh);
        entry.failureProperty().removeListener(refresh);
        entry.textProperty().removeListener(refresh);
        entry.editedAtProperty().removeListener(refresh);
        entry.deletedProperty().removeListener(refresh);
        entry.noticeProperty().removeListener(refresh);
    }

    private boolean isUnconfirmed() {
        return entry.state() == ChatEntry.State.QUEUED || entry.state() == ChatEntry.State.PENDING
                || entry.state() == ChatEntry.State.HELD;
    }

    private void refresh() {
        boolean continuation = entry.isContinuation();
        setStyleClass("continuation", continuation);
        meta.setVisible(!continuation);
        meta.setManaged(!continuation);
        line.getChildren().set(0, continuation ? spacer : avatarSlot);
        if (entry.sentAt() != null) {
            time.setText(ChatTimes.time(entry.sentAt(), clock.getZone()));
            fullTime.setText(ChatTimes.full(entry.sentAt(), clock.getZone()));
        }
        showText();

        // Queued → pending → sent moves through one line whose words change in place: it appears once (after
        // the delay, so a quick confirmation never shows it) and goes once, so nothing flickers.
        if (isUnconfirmed()) {
            if (!unconfirmedShown && unconfirmedReveal.getStatus() != Animation.Status.RUNNING) {
                unconfirmedReveal.playFromStart();
            }
        } else {
            unconfirmedReveal.stop();
            unconfirmedShown = false;
        }
        boolean queued = unconfirmedShown && entry.state() == ChatEntry.State.QUEUED;
        boolean pending = unconfirmedShown && entry.state() == ChatEntry.State.PENDING;
        boolean held = entry.state() == ChatEntry.State.HELD; // said at once: the wait is news, not a delay
        setStyleClass("queued", queued);
        setStyleClass("pending", pending);
        setStyleClass("held", held);
        state.setText(held ? entry.failureProperty().get() : queued ? "Not sent yet: waits for the connection"
                : pending ? "Sending…" : "");
        state.setGraphic(queued || held ? queuedIcon : null);
        state.setVisible(queued || pending || held);
        state.setManaged(queued || pending || held);

        boolean failed = entry.state() == ChatEntry.State.FAILED;
        setStyleClass("failed", failed);
        failure.setVisible(failed);
        failure.setManaged(failed);
        failureText.setText(failed ? entry.failureProperty().get() : "");
    }

    /** The text as it is now: an edit replaces it, a deletion hides it behind "This message was deleted". */
    private void showText() {
        if (!text.text().equals(entry.text())) {
            MessageText now = new MessageText(entry.text(), openLink);
            body.getChildren().set(body.getChildren().indexOf(text), now);
            text = now;
        }
        boolean isDeleted = entry.deleted();
        setStyleClass("deleted", isDeleted);
        show(text, !isDeleted);
        show(deleted, isDeleted);
        show(edited, entry.edited() && !isDeleted);
        if (entry.edited()) {
            editedAt.setText("Edited " + ChatTimes.full(entry.editedAtProperty().get(), clock.getZone()));
        }
        notice.setText(entry.noticeProperty().get());
        show(notice, !entry.noticeProperty().get().isEmpty());
    }

    private static void show(javafx.scene.Node node, boolean on) {
        node.setVisible(on);
        node.setManaged(on);
    }

    private void setStyleClass(String styleClass, boolean on) {
        if (on && !line.getStyleClass().contains(styleClass)) {
            line.getStyleClass().add(styleClass);
        } else if (!on) {
            line.getStyleClass().remove(styleClass);
        }
    }

    private static void wrap(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
    }
}
