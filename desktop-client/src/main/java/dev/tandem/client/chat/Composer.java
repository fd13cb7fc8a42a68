package dev.tandem.client.chat;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Where a message is written. Enter sends, Shift+Enter adds a line; Tab and Shift+Tab move the focus like
 * everywhere else (a message gets no tab characters); Escape jumps to the newest message when the list is
 * scrolled up; Page Up / Page Down scroll the list. Up in the empty box edits the user's newest message: a bar
 * says so (with Cancel), Enter saves, Escape cancels, and Enter on an emptied text asks whether to delete the
 * message. The box grows with its text from one line up to {@link #MAX_ROWS}, then scrolls.
 *
 * <p>Threads: JavaFX thread only.
 */
final class Composer extends VBox {
    static final int MIN_ROWS = 1;
    static final int MAX_ROWS = 6;

    private final ChatViewModel chat;
    private final ComposerViewModel model;
    private final TextArea input = new TextArea();
    /** Measures how many lines the text takes at the width the text area wraps it at. */
    private final Text probe = new Text();
    private final Consumer<ChatEntry.Message> confirmDelete;
    private Region content;

    /** @param confirmDelete asks whether to delete a message of ours, and does */
    Composer(ChatViewModel chat, ChatList list, String focusShortcut, Consumer<ChatEntry.Message> confirmDelete) {
        this.chat = chat;
        this.model = chat.composer();
        this.confirmDelete = confirmDelete;
        getStyleClass().add("composer");

        input.setId("chat-input");
        input.setPromptText("Write a message…");
        input.setWrapText(true);
        input.setPrefRowCount(MIN_ROWS);
        input.setTooltip(new Tooltip("Write a message (" + focusShortcut + "). Enter sends, Shift+Enter adds a line."));
        input.textProperty().bindBidirectional(model.draftProperty());
        HBox.setHgrow(input, Priority.ALWAYS);
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> keyPressed(e, list));
        input.textProperty().addListener((obs, old, now) -> fitRows());
        input.widthProperty().addListener((obs, old, now) -> fitRows());

        Button send = new Button();
        send.setId("chat-send");
        send.getStyleClass().addAll(Styles.ACCENT, Styles.BUTTON_ICON);
        BooleanBinding editing = model.editingProperty().isNotNull();
        send.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(editing.get() ? Feather.CHECK : Feather.SEND), editing));
        send.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> new Tooltip(editing.get() ? "Save the edit (Enter)" : "Send (Enter)"), editing));
        send.disableProperty().bind(model.canSendProperty().not());
        send.setOnAction(e -> {
            model.send();
            input.requestFocus();
        });
        send.setMinSize(36, 36);

        HBox row = new HBox(input, send);
        row.getStyleClass().add("composer-row");

        Label hint = wrapped(new Label());
        hint.setId("chat-hint");
        hint.getStyleClass().add("composer-hint");
        hint.textProperty().bind(model.composerHintProperty());
        Label warning = wrapped(new Label());
        warning.setId("chat-limit-hint");
        warning.getStyleClass().add("composer-warning");
        warning.textProperty().bind(model.draftHintProperty());
        warning.visibleProperty().bind(warning.textProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());

        Label editLabel = new Label("Editing your message", new FontIcon(Feather.EDIT_2));
        editLabel.setId("chat-editing");
        editLabel.getStyleClass().add("composer-editing-text");
        editLabel.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Hyperlink cancel = new Hyperlink("Cancel");
        cancel.setId("chat-edit-cancel");
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setTooltip(new Tooltip("Stop editing (Escape)"));
        cancel.setOnAction(e -> {
            model.cancelEdit();
            input.requestFocus();
        });
        HBox editBar = new HBox(editLabel, gap, cancel);
        editBar.getStyleClass().add("composer-editing");
        editBar.visibleProperty().bind(editing);
        editBar.managedProperty().bind(editing);
        model.editingProperty().addListener((obs, old, now) -> {
            if (now != null) {
                Platform.runLater(() -> input.positionCaret(input.getLength())); // once the text is in
            }
        });

        getChildren().addAll(editBar, row, hint, warning);
    }

    /** Puts the cursor into the message box. */
    void focusInput() {
        input.requestFocus();
    }

    Node input() {
        return input;
    }

    private void keyPressed(KeyEvent e, ChatList list) {
        switch (e.getCode()) {
            case ENTER -> {
                // TextArea inserts a newline on Enter by itself; plain Enter sends, Shift+Enter inserts the break.
                e.consume();
                ChatEntry.Message editing = model.editingProperty().get();
                if (e.isShiftDown()) {
                    input.replaceSelection("\n");
                } else if (editing != null && model.draftProperty().get().isBlank()) {
                    confirmDelete.accept(editing); // an emptied message: delete it?
                } else {
                    model.send();
                }
            }
            case UP -> {
                if (!e.isShiftDown() && !e.isAltDown() && !e.isShortcutDown() && model.editLast()) {
                    e.consume();
                }
            }
            case TAB -> {
                // TextArea types a tab on Tab and moves the focus on Ctrl+Tab: make plain Tab move it too.
                if (!e.isControlDown()) {
                    e.consume();
                    input.fireEvent(new KeyEvent(e.getSource(), e.getTarget(), e.getEventType(), e.getCharacter(),
                            e.getText(), KeyCode.TAB, e.isShiftDown(), true, e.isAltDown(), e.isMetaDown()));
                }
            }
            case ESCAPE -> {
                if (model.editingProperty().get() != null) {
                    e.consume();
                    model.cancelEdit();
                } else if (!chat.atBottomProperty().get()) {
                    e.consume();
                    chat.jumpToLatest();
                }
            }
            case PAGE_UP, PAGE_DOWN -> {
                e.consume();
                list.scrollPage(e.getCode() == KeyCode.PAGE_DOWN);
            }
            default -> {
            }
        }
    }

    /** One row per line the text takes (a trailing line break counts), between MIN_ROWS and MAX_ROWS. */
    private void fitRows() {
        if (content == null) {
            // The skin's content view, inside its scroll pane, is the width the text wraps at; it exists once
            // the text area has been laid out.
            content = (Region) input.lookup(".content");
            if (content == null) {
                return;
            }
            content.widthProperty().addListener((o, was, width) -> fitRows());
        }
        double wrapWidth = content.getWidth() - content.snappedLeftInset() - content.snappedRightInset();
        if (wrapWidth <= 0) {
            return;
        }
        probe.setFont(input.getFont());
        probe.setWrappingWidth(0);
        probe.setText("X");
        double lineHeight = probe.getLayoutBounds().getHeight();
        String text = input.getText() == null ? "" : input.getText();
        probe.setText(text.isEmpty() || text.endsWith("\n") ? text + "X" : text);
        probe.setWrappingWidth(wrapWidth);
        int lines = (int) Math.round(probe.getLayoutBounds().getHeight() / lineHeight);
        int rows = Math.max(MIN_ROWS, Math.min(MAX_ROWS, lines));
        if (input.getPrefRowCount() != rows) {
            input.setPrefRowCount(rows);
        }
    }

    private static Label wrapped(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
