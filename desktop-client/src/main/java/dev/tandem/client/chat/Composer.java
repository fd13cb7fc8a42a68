package dev.tandem.client.chat;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Button;
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
 * scrolled up; Page Up / Page Down scroll the list. The box grows with its text from one line up to
 * {@link #MAX_ROWS}, then scrolls.
 *
 * <p>Threads: JavaFX thread only.
 */
final class Composer extends VBox {
    static final int MIN_ROWS = 1;
    static final int MAX_ROWS = 6;

    private final ChatViewModel model;
    private final TextArea input = new TextArea();
    /** Measures how many lines the text takes at the width the text area wraps it at. */
    private final Text probe = new Text();
    private Region content;

    Composer(ChatViewModel model, ChatList list, String focusShortcut) {
        this.model = model;
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

        Button send = new Button(null, new FontIcon(Feather.SEND));
        send.setId("chat-send");
        send.getStyleClass().addAll(Styles.ACCENT, Styles.BUTTON_ICON);
        send.setTooltip(new Tooltip("Send (Enter)"));
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

        getChildren().addAll(row, hint, warning);
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
                if (e.isShiftDown()) {
                    input.replaceSelection("\n");
                } else {
                    model.send();
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
                if (!model.atBottomProperty().get()) {
                    e.consume();
                    model.jumpToLatest();
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
