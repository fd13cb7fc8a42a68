package dev.tandem.client.chat;

import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;

/**
 * Where the message list is scrolled, for the room on screen: it follows the newest message while the user is
 * at the bottom (and says so to the room: {@link RoomTimeline#atBottomProperty}), opens a room at its
 * "New messages" divider when what is new does not fit, keeps what the user is reading in place when older
 * messages go in above it, and asks for older messages when the user reaches the top.
 *
 * <p>Threads: JavaFX thread only.
 */
final class ChatScroll {
    /** How close to the end (in pixels) still counts as "at the bottom". */
    private static final double BOTTOM_SLACK = 24;
    /** How much of the last read message shows above the divider when a room opens at it. */
    private static final double DIVIDER_MARGIN = 24;

    private final ScrollPane scroll;
    private final Region content;
    private final Runnable reachedTop;
    private final ChangeListener<Boolean> bottomWatch = (obs, was, now) -> {
        if (now) {
            pinIfFollowing();
        }
    };
    private RoomTimeline room;
    /** Finds the divider's row (null if none shows). */
    private Supplier<Node> dividerRow = () -> null;
    private double lastContentHeight = -1;
    /** A scroll to the bottom is queued for after the current layout pass. */
    private boolean pinPending;
    /** The room just opened with a divider: scroll to it once laid out, if what is new does not fit. */
    private boolean revealDivider;
    /** After older messages went in above: keep this distance from the bottom of the content (-1: none). */
    private double keepFromBottom = -1;

    /**
     * @param content    what the scroll pane shows (the rows, under the older-history line)
     * @param reachedTop the user scrolled to the very top: fetch older messages
     */
    ChatScroll(ScrollPane scroll, Region content, Runnable reachedTop) {
        this.scroll = scroll;
        this.content = content;
        this.reachedTop = reachedTop;
        // Follow the newest message only while the user is at the bottom. When the content grows, the skin
        // moves vvalue to keep the pixel offset: that is layout, not the user scrolling, so it must not count
        // as "scrolled up". Pinning to the bottom waits for the layout pass to finish (runLater).
        content.heightProperty().addListener((obs, old, height) -> {
            lastContentHeight = height.doubleValue();
            if (keepFromBottom >= 0 || revealDivider) {
                Platform.runLater(this::settle);
            } else {
                pinIfFollowing();
            }
        });
        scroll.viewportBoundsProperty().addListener((obs, old, bounds) -> pinIfFollowing());
        scroll.vvalueProperty().addListener((obs, old, value) -> {
            if (room != null && !pinPending && !revealDivider && keepFromBottom < 0
                    && content.getHeight() == lastContentHeight) {
                room.atBottomProperty().set(isAtBottom());
                if (isAtTop()) {
                    reachedTop.run();
                }
            }
        });
    }

    /** Another room is on screen (its rows are in): at its bottom, or at its divider. */
    void opened(RoomTimeline shown, Supplier<Node> divider) {
        if (room != null) {
            room.atBottomProperty().removeListener(bottomWatch);
        }
        room = shown;
        dividerRow = divider;
        shown.atBottomProperty().addListener(bottomWatch);
        keepFromBottom = -1;
        pinPending = false;
        revealDivider = shown.divider().isPresent();
        if (!revealDivider) {
            shown.atBottomProperty().set(true);
        }
        Platform.runLater(this::settle);
    }

    /** Lines are about to go in above all others (older history): what the user reads stays where it is. */
    void addingAbove() {
        if (!room.atBottomProperty().get() && keepFromBottom < 0) {
            keepFromBottom = content.getHeight() - offset(); // the layout has not run yet: the old height
        }
    }

    /** The divider came in after the room opened (with the room's history): show it once laid out. */
    void dividerAdded() {
        revealDivider = true;
    }

    /** Scrolls by about a page (Page Up / Page Down in the composer). */
    void scrollPage(boolean down) {
        double height = content.getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (height <= viewport) {
            return;
        }
        double step = viewport * 0.9 / (height - viewport) * (scroll.getVmax() - scroll.getVmin());
        scroll.setVvalue(Math.max(scroll.getVmin(), Math.min(scroll.getVmax(), scroll.getVvalue() + (down ? step : -step))));
    }

    /** After a layout pass: open at the divider, or keep the place after older messages went in above. */
    private void settle() {
        double scrollable = content.getHeight() - scroll.getViewportBounds().getHeight();
        if (keepFromBottom >= 0) {
            double keep = keepFromBottom;
            keepFromBottom = -1;
            setOffset(scrollable, content.getHeight() - keep);
            return;
        }
        if (revealDivider) {
            revealDivider = false;
            Node divider = dividerRow.get();
            double at = divider == null ? scrollable : divider.getParent().getBoundsInParent().getMinY()
                    + divider.getBoundsInParent().getMinY() - DIVIDER_MARGIN;
            if (divider != null && at < scrollable) {
                room.atBottomProperty().set(false);
                setOffset(scrollable, at);
                return;
            }
            room.atBottomProperty().set(true);
        }
        pinIfFollowing();
    }

    private void setOffset(double scrollable, double offset) {
        if (scrollable <= 0) {
            return;
        }
        double range = scroll.getVmax() - scroll.getVmin();
        scroll.setVvalue(scroll.getVmin() + Math.max(0, Math.min(1, offset / scrollable)) * range);
    }

    private void pinIfFollowing() {
        if (room == null || !room.atBottomProperty().get() || pinPending || revealDivider) {
            return;
        }
        pinPending = true;
        Platform.runLater(() -> {
            scroll.setVvalue(scroll.getVmax());
            pinPending = false;
        });
    }

    private double offset() {
        double scrollable = content.getHeight() - scroll.getViewportBounds().getHeight();
        double range = scroll.getVmax() - scroll.getVmin();
        return scrollable <= 0 || range <= 0 ? 0 : (scroll.getVvalue() - scroll.getVmin()) / range * scrollable;
    }

    private boolean isAtBottom() {
        double scrollable = content.getHeight() - scroll.getViewportBounds().getHeight();
        return scrollable <= 1 || scrollable - offset() <= BOTTOM_SLACK;
    }

    private boolean isAtTop() {
        double scrollable = content.getHeight() - scroll.getViewportBounds().getHeight();
        return scrollable > 1 && offset() <= 1;
    }
}
