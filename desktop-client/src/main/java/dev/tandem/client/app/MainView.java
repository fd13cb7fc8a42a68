package dev.tandem.client.app;

import atlantafx.base.theme.Styles;
import dev.tandem.client.chat.Avatar;
import dev.tandem.client.chat.ChatView;
import dev.tandem.client.status.StatusLine;
import dev.tandem.client.theme.ThemeChoice;
import dev.tandem.client.todos.TodosView;
import java.time.Clock;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window's content: header bar, chat and todos side by side, and the status line. */
final class MainView extends BorderPane {
    private final ChatView chat;

    MainView(AppViewModel model, Clock clock) {
        setId("main-view");
        chat = new ChatView(model.chat(), clock);
        TodosView todos = new TodosView(model.todos());

        SplitPane split = new SplitPane(chat, todos);
        split.setDividerPositions(0.56);
        SplitPane.setResizableWithParent(todos, false);

        setTop(header(model));
        setCenter(split);
        setBottom(new StatusLine(model.status(), model.userProperty(), AppVersion.get(), model::reconnectNow));
    }

    void focusChat() {
        chat.focusInput();
    }

    private Node header(AppViewModel model) {
        FontIcon logo = new FontIcon(Feather.LAYERS);
        logo.getStyleClass().add("app-logo");
        Label title = new Label("Tandem");
        title.getStyleClass().add("app-title");

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);

        HBox userChip = new HBox();
        userChip.getStyleClass().add("user-chip");
        Label userName = new Label();
        userName.setId("current-user");
        userName.textProperty().bind(model.userProperty());
        model.userProperty().addListener((obs, old, now) -> userChip.getChildren().setAll(new Avatar(now, true), userName));
        userChip.getChildren().setAll(new Avatar(model.userProperty().get(), true), userName);

        Button theme = iconButton("theme-toggle", Feather.MOON, "Switch to the dark theme");
        theme.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(model.themeProperty().get() == ThemeChoice.DARK ? Feather.SUN : Feather.MOON),
                model.themeProperty()));
        theme.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> new Tooltip(model.themeProperty().get() == ThemeChoice.DARK
                        ? "Switch to the light theme" : "Switch to the dark theme"), model.themeProperty()));
        theme.setOnAction(e -> model.toggleTheme());

        Button about = iconButton("about-button", Feather.INFO, "About Tandem");
        about.setOnAction(e -> AboutDialog.show(getScene().getWindow(), model.status().serverIdProperty().get()));

        Button signOut = iconButton("sign-out", Feather.LOG_OUT, "Sign out");
        signOut.setOnAction(e -> model.signOut());

        HBox header = new HBox(logo, title, gap, userChip, theme, about, signOut);
        header.getStyleClass().add("app-header");
        return header;
    }

    private static Button iconButton(String id, Feather icon, String tip) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(tip));
        return button;
    }
}
