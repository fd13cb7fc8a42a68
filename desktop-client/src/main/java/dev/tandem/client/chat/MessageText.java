package dev.tandem.client.chat;

import java.text.BreakIterator;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.Cursor;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A message's text as it reads: wrapped like a label, its http/https addresses as links that open in the
 * browser (through {@code openLink}: nothing else in the text is ever interpreted), and selectable with the
 * mouse (drag, double-click a word, Ctrl+A while selected) for Ctrl+C. A plain {@link TextFlow} of {@link Text}
 * runs, as light as a label, so long lists still scroll smoothly.
 *
 * <p>The node takes the keyboard focus only once something is selected (never by Tab), so clicking a message or
 * a link does not take the cursor out of the composer.
 *
 * <p>Threads: JavaFX thread only.
 */
final class MessageText extends TextFlow {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SELECT_ALL = new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN);

    private final String text;
    private final Path highlight = new Path();
    private int anchor;
    private int caret;
    /**
     * While something is selected: watches this scene's focus owner and ends the selection when another control
     * of the window takes the focus. Watched on the focus owner, not on this node's focused flag, which stays
     * false while the window itself is not focused (it can lag, e.g. under headless Monocle) and so would miss
     * the change. A context menu or dialog is another window and leaves this scene's focus owner alone. Only a
     * text with a selection listens, so a long chat does not hang hundreds of listeners on the scene.
     */
    private final ChangeListener<Node> focusWatch = (owner, old, now) -> {
        if (now != null && now != this) {
            clearSelection();
        }
    };
    private Scene watched;

    MessageText(String text, Consumer<String> openLink) {
        this.text = text;
        getStyleClass().add("chat-text");
        setCursor(Cursor.TEXT);
        setFocusTraversable(false);

        highlight.getStyleClass().add("chat-selection");
        highlight.setManaged(false); // drawn under the runs, not one of them
        highlight.setStroke(null);
        highlight.setMouseTransparent(true);
        getChildren().add(highlight);
        for (ChatLinks.Span span : ChatLinks.split(text)) {
            Text run = new Text(span.text());
            run.getStyleClass().add(span.link() ? "chat-link" : "chat-run");
            if (span.link()) {
                run.setCursor(Cursor.HAND);
                run.setOnMouseClicked(e -> {
                    if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && !hasSelection()) {
                        e.consume();
                        openLink.accept(span.text());
                    }
                });
            }
            getChildren().add(run);
        }

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        sceneProperty().addListener((obs, was, now) -> {
            if (now != watched) {
                clearSelection(); // a row taken off the screen drops its selection, and with it the watch
            }
        });
    }

    /** The whole message text. */
    String text() {
        return text;
    }

    /** The selected part, or "" when nothing is selected. */
    String selectedText() {
        return text.substring(Math.min(anchor, caret), Math.max(anchor, caret));
    }

    boolean hasSelection() {
        return anchor != caret;
    }

    void select(int from, int to) {
        anchor = clamp(from);
        caret = clamp(to);
        highlight.getElements().setAll(hasSelection()
                ? rangeShape(Math.min(anchor, caret), Math.max(anchor, caret))
                : new javafx.scene.shape.PathElement[0]);
        watchFocus(hasSelection() ? getScene() : null);
        if (hasSelection() && getScene() != null && getScene().getFocusOwner() != this) {
            requestFocus();
        }
    }

    /** Moves {@link #focusWatch} to {@code scene} (null: nowhere). */
    private void watchFocus(Scene scene) {
        if (watched == scene) {
            return;
        }
        if (watched != null) {
            watched.focusOwnerProperty().removeListener(focusWatch);
        }
        watched = scene;
        if (scene != null) {
            scene.focusOwnerProperty().addListener(focusWatch);
        }
    }

    void clearSelection() {
        select(0, 0);
    }

    /** Puts the selection (or, with nothing selected, the whole message) on the clipboard. */
    void copy() {
        ClipboardContent content = new ClipboardContent();
        content.putString(hasSelection() ? selectedText() : text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        // Ours: the list's scroll pane would take the focus on a press, and with it the selection.
        e.consume();
        if (getScene() != null && getScene().getFocusOwner() instanceof MessageText other && other != this) {
            other.clearSelection(); // one selection at a time, as in any text view
        }
        int at = indexAt(e.getX(), e.getY());
        if (e.getClickCount() == 2) {
            BreakIterator words = BreakIterator.getWordInstance();
            words.setText(text);
            int end = words.following(Math.min(at, Math.max(0, text.length() - 1)));
            int start = words.previous();
            select(start, end == BreakIterator.DONE ? text.length() : end);
        } else if (e.getClickCount() >= 3) {
            select(0, text.length());
        } else if (e.isShiftDown() && hasSelection()) {
            select(anchor, at);
        } else {
            select(at, at);
        }
    }

    private void dragged(MouseEvent e) {
        if (e.isPrimaryButtonDown()) {
            select(anchor, indexAt(e.getX(), e.getY()));
            e.consume();
        }
    }

    private void keyPressed(KeyEvent e) {
        if (COPY.match(e) && hasSelection()) {
            copy();
            e.consume();
        } else if (SELECT_ALL.match(e)) {
            select(0, text.length());
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && hasSelection()) {
            clearSelection();
            e.consume();
        }
    }

    private int indexAt(double x, double y) {
        return clamp(hitTest(new Point2D(x, y)).getInsertionIndex());
    }

    private int clamp(int index) {
        return Math.max(0, Math.min(index, text.length()));
    }
}
