package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;
import static dev.tandem.system.client.Fx.until;

import dev.tandem.client.app.ClientWindow;
import dev.tandem.client.app.CommandLine;
import dev.tandem.client.settings.Settings;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives one real Tandem window through its UI with a TestFX robot: clicks and typing go through the
 * (headless Monocle) window system exactly as a person's would. Node lookups are scoped to this window,
 * so two windows in one test never get mixed up. Reads of JavaFX state happen on the FX thread.
 * <p>Public, with the few methods a test outside this package needs (web-tests' page-and-desktop test, through
 * this module's test-jar); the rest stays for this package's tests.
 */
public final class ClientDriver {
    /** Windows are placed side by side on the wide headless screen (headless.geometry in the pom). */
    private static final double SLOT_WIDTH = 1200;
    /** The width of a window in a slot (the default size may be wider than half the screen). */
    private static final double WINDOW_WIDTH = 1180;

    private final FxRobot robot = new FxRobot();
    private final Mouse mouse = new Mouse(robot);
    private final ClientWindow window;
    private final Settings settings;
    /** The links this window was asked to open in the browser (tests never open a browser). */
    private final List<String> openedLinks;

    private ClientDriver(ClientWindow window, Settings settings, List<String> openedLinks) {
        this.window = window;
        this.settings = settings;
        this.openedLinks = openedLinks;
    }

    /** Starts the JavaFX toolkit once per JVM (TestFX keeps it between test classes). */
    public static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /** Opens a fresh window in screen slot {@code slot} (0, 1, ...), with its own empty settings. */
    public static ClientDriver open(int slot) {
        ClientDriver driver = openWith("dev/tandem/system-tests/" + UUID.randomUUID(), 0);
        fx(() -> {
            Stage stage = driver.window.stage();
            stage.setX(slot * SLOT_WIDTH);
            stage.setY(0);
            stage.setWidth(Math.min(stage.getWidth(), WINDOW_WIDTH));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return driver;
    }

    /**
     * Opens a window on the settings at {@code prefsNode} as the app does: wherever those settings (or the
     * defaults, {@code windowOffset} cascade steps away) put it. For tests of what is remembered.
     */
    static ClientDriver openWith(String prefsNode, int windowOffset) {
        return openOn(Settings.at(prefsNode), windowOffset);
    }

    /** Opens a fresh window as {@code --ca-file caFile} starts the app: trusting that CA for {@code wss://}. */
    static ClientDriver openTrusting(java.nio.file.Path caFile) {
        Settings settings = Settings.at("dev/tandem/system-tests/" + UUID.randomUUID());
        List<String> links = new CopyOnWriteArrayList<>();
        ClientWindow window = fx(() -> ClientWindow.open(new Stage(), new CommandLine(Optional.empty(), Optional.empty(),
                Optional.empty(), CommandLine.Action.RUN, false, 0, Optional.of(caFile)), settings, links::add));
        WaitForAsyncUtils.waitForFxEvents();
        return new ClientDriver(window, settings, links);
    }

    private static ClientDriver openOn(Settings settings, int windowOffset) {
        List<String> links = new CopyOnWriteArrayList<>();
        ClientWindow window = fx(() -> ClientWindow.open(new Stage(), new CommandLine(Optional.empty(), Optional.empty(),
                Optional.empty(), CommandLine.Action.RUN, false, windowOffset), settings, links::add));
        WaitForAsyncUtils.waitForFxEvents();
        return new ClientDriver(window, settings, links);
    }

    ClientWindow window() {
        return window;
    }

    /**
     * Quits the app and starts it again as a person would: the window closes (its connection, outbox and
     * saved copy are closed properly) and a new one opens on the same settings and data directory.
     */
    ClientDriver quitAndStartAgain() {
        closeKeepingSettings();
        return openOn(settings, 0);
    }

    /** The links the window handed to the browser hook, in order. */
    List<String> openedLinks() {
        return List.copyOf(openedLinks);
    }

    /** Closes the window and deletes its settings. */
    public void close() {
        closeKeepingSettings();
        settings.clear();
    }

    /** Closes the window as a person does; what it remembers stays for the next window on these settings. */
    void closeKeepingSettings() {
        fx(() -> {
            window.close();
            return null;
        });
    }

    // ---- lookups (this window only) ----

    <T extends Node> T node(String query) {
        return fx(() -> {
            @SuppressWarnings("unchecked")
            T found = (T) robot.from(window.stage().getScene().getRoot()).lookup(query).query();
            return found;
        });
    }

    List<Node> nodes(String query) {
        return fx(() -> List.copyOf(robot.from(window.stage().getScene().getRoot()).lookup(query).queryAll()));
    }

    public String text(String query) {
        return fx(() -> SceneChecks.textOf(robot.from(window.stage().getScene().getRoot()).lookup(query).query()));
    }

    /** Texts of the visible nodes matching {@code query} under {@code container}, in order. */
    List<String> texts(String container, String query) {
        return fx(() -> robot.from(robot.from(window.stage().getScene().getRoot()).lookup(container).queryAll())
                .lookup(query).queryAll().stream()
                .filter(this::shown)
                .map(SceneChecks::textOf).toList());
    }

    /** True when {@code node} and every parent of it are visible. FX thread. */
    boolean shown(Node node) {
        return SceneChecks.shown(node);
    }

    /** Every visible label, button or link of this window whose text is not shown whole ({@link SceneChecks#cutLabels}). */
    List<String> cutLabels() {
        return fx(() -> SceneChecks.cutLabels(window.stage().getScene().getRoot()));
    }

    /** Resizes the window (as a person dragging its corner) and lets the layout settle. */
    ClientDriver resize(double width, double height) {
        fx(() -> {
            window.stage().setWidth(width);
            window.stage().setHeight(height);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            window.stage().getScene().getRoot().applyCss();
            window.stage().getScene().getRoot().layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** What has the keyboard focus in this window ({@link SceneChecks#describe}). */
    String focused() {
        return fx(() -> SceneChecks.describe(window.stage().getScene().getFocusOwner()));
    }

    /** The chat row showing {@code text}, or null. */
    Node chatRow(String text) {
        return row(".chat-message", ".chat-text", text);
    }

    /** The todo row titled {@code title}, or null. */
    Node todoRow(String title) {
        return row(".todo-row", ".todo-title", title);
    }

    /** The part of a row matching {@code query} (e.g. ".todo-check" in a todo row). */
    <T extends Node> T inRow(Node row, String query) {
        return fx(() -> {
            @SuppressWarnings("unchecked")
            T found = (T) robot.from(row).lookup(query).query();
            return found;
        });
    }

    /** Titles of the todo rows shown, in order. */
    public List<String> todoTitles() {
        return texts("#todo-list", ".todo-title");
    }

    /** Texts of the chat messages shown, in order. */
    public List<String> chatTexts() {
        return texts("#chat-list", ".chat-text");
    }

    private Node row(String rowQuery, String labelQuery, String text) {
        return fx(() -> robot.from(window.stage().getScene().getRoot()).lookup(rowQuery).queryAll().stream()
                .filter(row -> robot.from(row).lookup(labelQuery).queryAll().stream()
                        .anyMatch(label -> text.equals(SceneChecks.textOf(label))))
                .filter(this::shown)
                .findFirst().orElse(null));
    }

    // ---- actions ----

    /**
     * Makes this the focused window and the robot's target. Headless Monocle does not move keyboard focus
     * between windows on a click, so a person's "click into the other window" is done explicitly.
     */
    private void activate() {
        // Unconditionally: a stage's focused flag can stay true after Monocle moved its focus elsewhere.
        fx(() -> {
            window.stage().toFront();
            window.stage().requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        // TestFX types characters into the scene of its "target window", which it does not switch by itself.
        robot.targetWindow(window.stage());
    }

    ClientDriver click(String query) {
        Node target = node(query);
        return click(target);
    }

    ClientDriver click(Node node) {
        activate();
        robot.clickOn(node);
        return this;
    }

    /**
     * Asks {@code node} for its context menu, as a right-click does. Headless Monocle turns no mouse button into
     * a context-menu request, so the request the window system would make is sent to the node at its centre.
     */
    ClientDriver contextMenu(Node node) {
        activate();
        fx(() -> {
            javafx.geometry.Bounds screen = node.localToScreen(node.getLayoutBounds());
            javafx.geometry.Bounds local = node.getLayoutBounds();
            node.fireEvent(new javafx.scene.input.ContextMenuEvent(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                    local.getCenterX(), local.getCenterY(), screen.getCenterX(), screen.getCenterY(), false, null));
            return null;
        });
        return this;
    }

    // ---- this window's dialogs and menus (their own windows, on top of it) ----

    /** A node of a dialog or popup menu this window opened, looked up in every window. */
    <T extends Node> T dialogNode(String query) {
        return fx(() -> {
            @SuppressWarnings("unchecked")
            T found = (T) robot.lookup(query).query();
            return found;
        });
    }

    /** True when a dialog or popup of this window shows a node matching {@code query}. */
    boolean dialogShows(String query) {
        return fx(() -> robot.lookup(query).queryAll().stream().anyMatch(n -> n.getScene() != null
                && n.getScene().getWindow() != window.stage() && n.getScene().getWindow().isShowing() && shown(n)));
    }

    /**
     * Clicks a node of a dialog or a popup menu (found by id or, for a menu item, by its text): the robot
     * targets that window, not the main one, which must not come in front of it.
     */
    ClientDriver clickInDialog(String query) {
        until(query + " shows in a dialog or menu", () -> dialogShows(query)); // a menu or dialog opens a pulse later
        Node target = fx(() -> robot.lookup(query).queryAll().stream()
                .filter(n -> n.getScene() != null && n.getScene().getWindow() != window.stage() && shown(n))
                .findFirst().orElseThrow(() -> new AssertionError("no " + query + " in a dialog or menu")));
        robot.targetWindow(fx(() -> target.getScene().getWindow()));
        robot.clickOn(target);
        return this;
    }

    /** Types into the focused control of a dialog (the robot already targets it, after {@link #clickInDialog}). */
    ClientDriver writeInDialog(String text) {
        robot.write(text, 0);
        return this;
    }

    ClientDriver doubleClick(Node node) {
        activate();
        robot.doubleClickOn(node);
        return this;
    }

    /** Clicks into a text field, empties it and types {@code text} key by key. */
    public ClientDriver fill(String query, String text) {
        TextInputControl field = node(query);
        fx(() -> {
            field.clear();
            return null;
        });
        click(field);
        return write(text);
    }

    /**
     * Puts {@code text} into a field as a paste would (one change, not one event per key): for long values
     * whose typing is not what a test is about, e.g. the server address.
     */
    ClientDriver paste(String query, String text) {
        TextInputControl field = node(query);
        click(field);
        fx(() -> {
            field.selectAll();
            field.replaceSelection(text);
            return null;
        });
        return this;
    }

    /** Types into the focused control without the robot's default pause after every key. */
    ClientDriver write(String text) {
        activate();
        robot.write(text, 0);
        return this;
    }

    public ClientDriver type(KeyCode... keys) {
        activate();
        robot.type(keys);
        return this;
    }

    /** Presses {@code keys} together (modifiers first) and lets go of them in reverse. */
    ClientDriver press(KeyCode... keys) {
        activate();
        robot.press(keys);
        KeyCode[] reversed = new KeyCode[keys.length];
        for (int i = 0; i < keys.length; i++) {
            reversed[i] = keys[keys.length - 1 - i];
        }
        robot.release(reversed);
        return this;
    }

    /** Presses {@code key} with Shift held. */
    ClientDriver shift(KeyCode key) {
        activate();
        robot.press(KeyCode.SHIFT).type(key).release(KeyCode.SHIFT);
        return this;
    }

    /** Presses {@code key} with Ctrl held (the shortcut key on Linux). */
    ClientDriver ctrl(KeyCode key) {
        activate();
        robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
        return this;
    }

    /** Drags and double-clicks at places in this window. */
    Mouse mouse() {
        activate();
        return mouse;
    }

    ClientDriver shiftEnter() {
        activate();
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        return this;
    }

    /** Fills the sign-in form and presses "Sign in" (an account that exists). */
    ClientDriver signIn(int port, String user, String password) {
        fillSignIn(port, user, password);
        return click("#signin-submit");
    }

    /** Fills the sign-in form and presses "Create account" (a new name). */
    ClientDriver createAccount(int port, String user, String password) {
        fillSignIn(port, user, password);
        return click("#signin-create");
    }

    private void fillSignIn(int port, String user, String password) {
        paste("#signin-server", "ws://127.0.0.1:" + port + "/ws");
        fill("#signin-user", user);
        paste("#signin-password", password);
    }

    /** Signs in to an existing account and waits for the main window to show and the connection to be live. */
    public ClientDriver signedIn(int port, String user, String password) {
        signIn(port, user, password);
        return awaitMain(user);
    }

    /** Creates the account (a user's first sign-in) and waits until the main window is live. */
    public ClientDriver created(int port, String user, String password) {
        createAccount(port, user, password);
        return awaitMain(user);
    }

    /** Fills the sign-in form with a whole address (e.g. {@code wss://…}) and clicks Create account. */
    ClientDriver createAccountAt(String address, String user, String password) {
        paste("#signin-server", address);
        fill("#signin-user", user);
        paste("#signin-password", password);
        return click("#signin-create");
    }

    /** {@link #createAccountAt} and wait until the main window is live. */
    ClientDriver createdAt(String address, String user, String password) {
        createAccountAt(address, user, password);
        return awaitMain(user);
    }

    private ClientDriver awaitMain(String user) {
        until("signed in as " + user, () -> isShown("#main-view") && text("#status-line").startsWith("Connected"));
        return this;
    }

    boolean isShown(String query) {
        return fx(() -> shown(robot.from(window.stage().getScene().getRoot()).lookup(query).query()));
    }
}
