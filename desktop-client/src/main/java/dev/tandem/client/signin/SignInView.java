package dev.tandem.client.signin;

import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The sign-in screen: a centred card that binds to a {@link SignInViewModel}, with two actions: "Sign in"
 * (Enter) to an account that exists, and "Create account" for a new name. When an attempt takes longer than
 * {@link #SLOW}, the card says what the server is doing. The card scrolls when the window is too short for
 * it, so no text is ever cut.
 */
public final class SignInView extends StackPane {
    /** How long an attempt may take before the card explains the wait. */
    static final Duration SLOW = Duration.millis(1500);

    private final SignInViewModel model;
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();

    public SignInView(SignInViewModel model) {
        this.model = model;
        setId("signin-view");
        getStyleClass().add("signin-backdrop");

        FontIcon logo = new FontIcon(Feather.LAYERS);
        logo.getStyleClass().add("signin-logo");
        Label title = new Label("Tandem");
        title.getStyleClass().add("signin-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox brand = new HBox(10, logo, title);
        brand.setAlignment(Pos.CENTER_LEFT);
        Label subtitle = wrapped(new Label("Sign in to chat and share your todos."));
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);

        TextField server = new TextField();
        server.setId("signin-server");
        server.setPromptText("ws://localhost:8080/ws");
        server.textProperty().bindBidirectional(model.serverProperty());

        user.setId("signin-user");
        user.setPromptText("e.g. alice");
        user.textProperty().bindBidirectional(model.userProperty());

        password.setId("signin-password");
        password.setPromptText("at least 8 characters");
        password.textProperty().bindBidirectional(model.passwordProperty());

        Label error = wrapped(new Label());
        error.setId("signin-error");
        error.getStyleClass().add("signin-error");
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.messageProperty());
        error.visibleProperty().bind(model.messageProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        for (Node field : new Node[] {server, user, password}) {
            field.disableProperty().bind(model.busyProperty());
        }
        // After a failed attempt the fields come back enabled: put the cursor where the fix goes.
        model.busyProperty().addListener((obs, was, busy) -> {
            if (!busy) {
                focusFirstEmptyField();
            }
        });

        VBox card = new VBox(brand, subtitle,
                field("Server", server), field("User name", user), field("Password", password),
                error, actions(), busyNote(), explanation());
        card.getStyleClass().add("signin-card");
        card.setMaxWidth(420);
        card.setMaxHeight(USE_PREF_SIZE);

        StackPane centre = new StackPane(card);
        centre.getStyleClass().add("signin-centre");
        StackPane.setMargin(card, new Insets(16, 24, 16, 24));
        ScrollPane scroll = new ScrollPane(centre);
        scroll.getStyleClass().add("signin-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setFocusTraversable(false);
        // Centred while it fits; scrolled (never squeezed) when the window is shorter than the card.
        centre.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> scroll.getViewportBounds().getHeight(), scroll.viewportBoundsProperty()));
        getChildren().add(scroll);
    }

    /** Puts the cursor where typing is needed: the password when the name is known. */
    public void focusFirstEmptyField() {
        if (user.getText() == null || user.getText().isBlank()) {
            user.requestFocus();
        } else {
            password.requestFocus();
        }
    }

    private Node actions() {
        Button signIn = new Button("Sign in");
        signIn.setId("signin-submit");
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.setDefaultButton(true);
        signIn.setTooltip(new Tooltip("Sign in to an account you already have (Enter)"));
        signIn.setOnAction(e -> model.submit());

        Button create = new Button("Create account");
        create.setId("signin-create");
        create.setTooltip(new Tooltip("Register this name with this password"));
        create.setOnAction(e -> model.createAccount());
        // Enter on a focused button would otherwise fire the default one ("Sign in").
        create.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                create.fire();
            }
        });

        // Two equal halves, whatever their words.
        GridPane actions = new GridPane();
        actions.setHgap(10);
        for (int column = 0; column < 2; column++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            actions.getColumnConstraints().add(half);
        }
        Button[] buttons = {signIn, create};
        for (int column = 0; column < 2; column++) {
            Button button = buttons[column];
            button.setMaxWidth(Double.MAX_VALUE);
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.disableProperty().bind(model.canSubmitProperty().not());
            actions.add(button, column, 0);
        }
        return actions;
    }

    /** The spinner while an attempt runs, and after {@link #SLOW} the reason it takes a while. */
    private Node busyNote() {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("signin-progress");
        progress.setPrefSize(22, 22);
        progress.setMinSize(22, 22);

        Label slow = wrapped(new Label());
        slow.setId("signin-slow");
        slow.getStyleClass().add("signin-slow");
        slow.textProperty().bind(model.busyDetailProperty());
        slow.setVisible(false);
        HBox.setHgrow(slow, Priority.ALWAYS);

        PauseTransition reveal = new PauseTransition(SLOW);
        reveal.setOnFinished(e -> slow.setVisible(model.busyProperty().get()));
        model.busyProperty().addListener((obs, was, busy) -> {
            slow.setVisible(false);
            if (busy) {
                reveal.playFromStart();
            } else {
                reveal.stop();
            }
        });

        HBox note = new HBox(10, progress, slow);
        note.setId("signin-busy");
        note.setAlignment(Pos.TOP_LEFT);
        note.visibleProperty().bind(model.busyProperty());
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }

    private static Node explanation() {
        Label hint = wrapped(new Label("Sign in uses an account you already have. New here? Type the name and "
                + "password you want, then choose Create account."));
        hint.setId("signin-hint");
        hint.getStyleClass().add("signin-hint");
        return hint;
    }

    private static VBox field(String label, Node input) {
        Label caption = new Label(label);
        caption.getStyleClass().add("field-label");
        caption.setLabelFor(input);
        caption.setMinWidth(Region.USE_PREF_SIZE);
        return new VBox(5, caption, input);
    }

    /** A label that wraps and is always as tall as its text needs. */
    private static Label wrapped(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
