package dev.tandem.client.notify;

import dev.tandem.client.nav.RoomOpener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Popup;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Desktop notifications as small popups at the bottom right of the screen the window is on: above every
 * other window, never taking the keyboard focus, the newest at the bottom and up to {@link #MAX_SHOWN} stacked
 * above it (a further one pushes the oldest out). Each goes after {@link #SHOWN} (the time stops while the
 * pointer is on it). They are square cards without a shadow: without a compositing window manager (openbox,
 * Xvfb) a popup's transparent parts would show as a frame. A click brings the window to the front and opens the room. No system tray: there is none
 * under many window managers, nor on a headless display.
 *
 * <p>Threads: JavaFX thread only.
 */
public final class PopupNotifier implements Notifier {
    /** How many notifications show at once. */
    public static final int MAX_SHOWN = 3;
    /** How long one shows. */
    public static final Duration SHOWN = Duration.ofSeconds(6);
    /** Space between the notifications and the screen's edge, and between two of them. */
    private static final double MARGIN = 16;
    private static final double GAP = 8;

    private record Shown(Popup popup, NotificationCard card, PauseTransition timer) {
    }

    private final Stage window;
    private final RoomOpener opener;
    /** Oldest first. */
    private final List<Shown> shown = new ArrayList<>();

    /**
     * @param window the main window: notifications show on its screen, and a click brings it to the front
     * @param opener opens the room of a clicked notification
     */
    public PopupNotifier(Stage window, RoomOpener opener) {
        this.window = Objects.requireNonNull(window);
        this.opener = Objects.requireNonNull(opener);
    }

    @Override
    public void show(Notification notification) {
        if (!window.isShowing()) {
            return;
        }
        while (shown.size() >= MAX_SHOWN) {
            close(shown.get(0));
        }
        NotificationCard card = new NotificationCard(notification);
        Popup popup = new Popup();
        popup.setAutoFix(false);
        popup.setAutoHide(false);
        popup.getContent().add(card);
        PauseTransition timer = new PauseTransition(javafx.util.Duration.millis(SHOWN.toMillis()));
        Shown entry = new Shown(popup, card, timer);
        timer.setOnFinished(e -> close(entry));
        card.setOnMouseEntered(e -> timer.pause());
        card.setOnMouseExited(e -> timer.play());
        card.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                clicked(entry);
            }
        });
        shown.add(entry);
        Rectangle2D screen = screen();
        popup.show(window, screen.getMaxX() - MARGIN - NotificationCard.WIDTH, screen.getMaxY());
        place();
        timer.play();
    }

    /** The notifications on screen, oldest first (for tests and for closing). */
    public List<Notification> showing() {
        return shown.stream().map(entry -> entry.card().notification()).toList();
    }

    /** Takes every notification off the screen (the window is closing). */
    public void closeAll() {
        List.copyOf(shown).forEach(this::close);
    }

    private void clicked(Shown entry) {
        String room = entry.card().notification().room();
        List.copyOf(shown).stream().filter(other -> other.card().notification().room().equals(room))
                .forEach(this::close);
        opener.openRoom(room); // first: the window comes up in that room, not briefly in the one it had
        if (window.isIconified()) {
            window.setIconified(false);
        }
        window.toFront();
        window.requestFocus();
    }

    private void close(Shown entry) {
        if (shown.remove(entry)) {
            entry.timer().stop();
            entry.popup().hide();
            place();
        }
    }

    /** Stacks the notifications up from the bottom right corner, the newest lowest. */
    private void place() {
        Rectangle2D screen = screen();
        double bottom = screen.getMaxY() - MARGIN;
        for (int i = shown.size() - 1; i >= 0; i--) {
            Popup popup = shown.get(i).popup();
            NotificationCard card = shown.get(i).card();
            double height = card.getHeight() > 0 ? card.getHeight() : card.prefHeight(NotificationCard.WIDTH);
            popup.setX(screen.getMaxX() - MARGIN - NotificationCard.WIDTH);
            popup.setY(bottom - height);
            bottom -= height + GAP;
        }
    }

    /** The visual bounds of the screen most of the window is on (the primary one if none). */
    private Rectangle2D screen() {
        List<Screen> screens = Screen.getScreensForRectangle(window.getX(), window.getY(),
                Math.max(1, window.getWidth()), Math.max(1, window.getHeight()));
        return (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
    }
}
