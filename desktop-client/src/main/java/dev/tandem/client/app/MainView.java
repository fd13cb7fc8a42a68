package dev.tandem.client.app;

import atlantafx.base.theme.Styles;
import dev.tandem.client.chat.Avatar;
import dev.tandem.client.chat.ChatView;
import dev.tandem.client.rooms.RoomListView;
import dev.tandem.client.status.StatusLine;
import dev.tandem.client.theme.ThemeChoice;
import dev.tandem.client.todos.TodosView;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window's content: header bar, the "account created" notice after a new account, the
 * {@link Sidebar} (rooms, and a slot for people), chat and todos in a split the user can move (chat is the
 * main pane: it takes what the window gains), and the status line.
 *
 * <p>Threads: JavaFX thread only.
 */
final class MainView extends BorderPane {
    /** Where the divider sits when nothing is remembered: chat gets most of the width. */
    static final double DEFAULT_DIVIDER = 0.6;

    private final ChatView chat;
    private final TodosView todos;
    private final Sidebar sidebar;
    private final SplitPane split;
    /** Opens the quick switcher (the header's search button, like Ctrl+K). */
    private Runnable quickSwitcher = () -> { };
    /** The divider is kept where it was remembered until the user first touches the window. */
    private boolean holdingDivider;

    MainView(AppViewModel model, Clock clock, Consumer<String> openLink) {
        setId("main-view");
        chat = new ChatView(model.chat(), clock, openLink, Shortcuts.FOCUS_COMPOSER.getDisplayText());
        todos = new TodosView(model.todos(), Shortcuts.FOCUS_NEW_TODO.getDisplayText());

        sidebar = new Sidebar(new RoomListView(model.rooms(), Shortcuts.PREVIOUS_ROOM.getDisplayText() + " / "
                + Shortcuts.NEXT_ROOM.getDisplayText()));

        split = new SplitPane(chat, todos);
        split.setId("main-split");
        // A wider window widens the chat; the todo pane keeps the width the user gave it.
        SplitPane.setResizableWithParent(todos, false);
        // Its own content never widens it at the sidebar's cost (a long message would): it takes what is left.
        split.setMinWidth(ChatView.MIN_WIDTH + TodosView.MIN_WIDTH);
        split.setPrefWidth(ChatView.MIN_WIDTH + TodosView.MIN_WIDTH);
        // The split takes what the window gains; when it is small the sidebar gives way first.
        HBox.setHgrow(split, Priority.ALWAYS);
        HBox.setHgrow(sidebar, Priority.SOMETIMES);
        HBox body = new HBox(sidebar, split);
        body.setId("main-body");

        setTop(new VBox(header(model), accountCreated(model)));
        setCenter(body);
        setBottom(new StatusLine(model.status(), model.userProperty(), AppVersion.get(), model::reconnectNow));
    }

    void focusChat() {
        chat.focusInput();
    }

    void focusNewTodo() {
        todos.focusNewTodo();
    }

    /** What the header's search button does: open the quick switcher. */
    void onQuickSwitcher(Runnable open) {
        quickSwitcher = open;
    }

    /** The left column, with its slot for the people list ({@link Sidebar#setPeople}). */
    Sidebar sidebar() {
        return sidebar;
    }

    /** The chat pane, with its slot for the typing line ({@link ChatView#setTypingLine}). */
    ChatView chat() {
        return chat;
    }

    /**
     * Keeps the divider at {@code position} (0..1 of the split's width) through the resizes of a window that is
     * opening (the window manager may size it two or three times), until the user first presses a key or the
     * mouse. From then on the todo pane keeps its width when the window resizes, and the divider is the user's.
     */
    void holdDivider(double position, Scene scene) {
        // After the layout pass: the split's own layout of a new width moves the divider by the panes' rules.
        holdingDivider = true;
        InvalidationListener hold = o -> Platform.runLater(() -> {
            if (holdingDivider) {
                split.setDividerPositions(position);
            }
        });
        split.setDividerPositions(position);
        split.widthProperty().addListener(hold);
        EventHandler<Event> release = new EventHandler<>() {
            @Override
            public void handle(Event event) {
                holdingDivider = false;
                split.widthProperty().removeListener(hold);
                scene.removeEventFilter(MouseEvent.MOUSE_PRESSED, this);
                scene.removeEventFilter(KeyEvent.KEY_PRESSED, this);
            }
        };
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, release);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, release);
    }

    /** Where the divider between chat and todos is, 0..1 of the split's width. */
    double dividerPosition() {
        return split.getDividerPositions()[0];
    }

    private Node header(AppViewModel model) {
        FontIcon logo = new FontIcon(Feather.LAYERS);
        logo.getStyleClass().add("app-logo");
        Label title = new Label("Tandem");
        title.getStyleClass().add("app-title");
        title.setMinWidth(Region.USE_PREF_SIZE);

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);

        HBox userChip = new HBox();
        userChip.getStyleClass().add("user-chip");
        Label userName = new Label();
        userName.setId("current-user");
        userName.setMinWidth(Region.USE_PREF_SIZE);
        userName.textProperty().bind(model.userProperty());
        model.userProperty().addListener((obs, old, now) -> userChip.getChildren().setAll(new Avatar(now, true), userName));
        userChip.getChildren().setAll(new Avatar(model.userProperty().get(), true), userName);

        String themeKeys = " (" + Shortcuts.TOGGLE_THEME.getDisplayText() + ")";
        Button theme = iconButton("theme-toggle", Feather.MOON, "Switch to the dark theme" + themeKeys);
        theme.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(model.themeProperty().get() == ThemeChoice.DARK ? Feather.SUN : Feather.MOON),
                model.themeProperty()));
        theme.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> new Tooltip((model.themeProperty().get() == ThemeChoice.DARK
                        ? "Switch to the light theme" : "Switch to the dark theme") + themeKeys), model.themeProperty()));
        theme.setOnAction(e -> model.toggleTheme());

        Button about = iconButton("about-button", Feather.INFO, "About Tandem");
        about.setOnAction(e -> AboutDialog.show(getScene().getWindow(), model.status().serverIdProperty().get()));

        Button signOut = iconButton("sign-out", Feather.LOG_OUT, "Sign out");
        signOut.setOnAction(e -> model.signOut());

        Button jump = iconButton("quick-switcher", Feather.SEARCH,
                "Jump to a room or a person (" + Shortcuts.QUICK_SWITCHER.getDisplayText() + ")");
        jump.setOnAction(e -> quickSwitcher.run());

        HBox header = new HBox(logo, title, gap, userChip, jump, theme, about, signOut);
        header.getStyleClass().add("app-header");
        return header;
    }

    /** "Account … created", once, right after "Create account" registered the name; closed with ×. */
    private static Node accountCreated(AppViewModel model) {
        Label text = new Label();
        text.setId("account-created-text");
        text.setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.textProperty().bind(Bindings.createStringBinding(() -> "Account created for \""
                        + model.signIn().createdAccountProperty().get() + "\". Welcome to Tandem!",
                model.signIn().createdAccountProperty()));
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);

        Button close = iconButton("account-created-close", Feather.X, "Dismiss");
        close.setOnAction(e -> model.signIn().dismissCreatedAccount());

        HBox banner = new HBox(text, close);
        banner.setId("account-created");
        banner.getStyleClass().add("notice-banner");
        banner.visibleProperty().bind(model.signIn().createdAccountProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private static Button iconButton(String id, Feather icon, String tip) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(tip));
        return button;
    }
}
