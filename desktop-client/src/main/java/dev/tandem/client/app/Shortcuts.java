package dev.tandem.client.app;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The window's keyboard shortcuts, taken before any control sees the key (so they work from inside a text box
 * too): the theme on both screens, the focus ones, Alt+Up / Alt+Down between rooms and Ctrl+K (the quick
 * switcher) while the main screen shows. Their display text goes into the tooltips.
 *
 * <p>Threads: JavaFX thread only.
 */
final class Shortcuts {
    static final KeyCombination FOCUS_COMPOSER = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination FOCUS_NEW_TODO = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination TOGGLE_THEME =
            new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination PREVIOUS_ROOM = new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN);
    static final KeyCombination NEXT_ROOM = new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN);
    static final KeyCombination QUICK_SWITCHER = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);

    private Shortcuts() {
    }

    /**
     * Installs the shortcuts on {@code scene}; those of the main screen act while {@code main} is visible.
     *
     * @param quickSwitcher opens the quick switcher (Ctrl+K)
     */
    static void install(Scene scene, MainView main, AppViewModel model, Runnable quickSwitcher) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (TOGGLE_THEME.match(e)) {
                e.consume();
                model.toggleTheme();
            } else if (!main.isVisible()) {
                return;
            } else if (FOCUS_COMPOSER.match(e)) {
                e.consume();
                main.focusChat();
            } else if (FOCUS_NEW_TODO.match(e)) {
                e.consume();
                main.focusNewTodo();
            } else if (PREVIOUS_ROOM.match(e)) {
                e.consume();
                model.rooms().previous();
            } else if (NEXT_ROOM.match(e)) {
                e.consume();
                model.rooms().next();
            } else if (QUICK_SWITCHER.match(e)) {
                e.consume();
                quickSwitcher.run();
            }
        });
    }
}
