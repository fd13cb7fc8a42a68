package dev.tandem.system.client;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The mouse gestures the UI tests make in a window that {@link ClientDriver#mouse()} made the robot's target:
 * drags (a divider, a scroll bar's thumb, a text selection) and a double-click at a point.
 */
final class Mouse {
    private final FxRobot robot;

    Mouse(FxRobot robot) {
        this.robot = robot;
    }

    /**
     * Scrolls a scroll pane up by dragging its scroll bar's thumb, as a person would with the mouse
     * (headless Monocle's robot has no mouse wheel).
     */
    Mouse dragScrollBarUp(Node scrollPane, double pixels) {
        Node thumb = Fx.fx(() -> robot.from(scrollPane).lookup(".scroll-bar:vertical .thumb").query());
        robot.drag(thumb, MouseButton.PRIMARY).dropBy(0, -pixels);
        return this;
    }

    /** Drags {@code node} sideways by {@code dx} pixels with the mouse (a split's divider). */
    Mouse drag(Node node, double dx) {
        robot.drag(node, MouseButton.PRIMARY).dropBy(dx, 0);
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** Double-clicks at a screen point (a word in a text). */
    Mouse doubleClickOnScreen(double x, double y) {
        robot.moveTo(new Point2D(x, y));
        robot.doubleClickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** Presses the mouse at one screen point, moves to another and lets go: a selection drag. */
    Mouse dragOnScreen(double fromX, double fromY, double toX, double toY) {
        robot.moveTo(new Point2D(fromX, fromY));
        robot.press(MouseButton.PRIMARY);
        robot.moveTo(new Point2D((fromX + toX) / 2, (fromY + toY) / 2));
        robot.moveTo(new Point2D(toX, toY));
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

}
