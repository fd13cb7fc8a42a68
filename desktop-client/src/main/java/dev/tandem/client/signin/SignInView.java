package dev.tandem.client.signin;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The sign-in screen: a centred card that binds to a {@link SignInViewModel}. */
public final class SignInView extends StackPane {
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();

    public SignInView(SignInViewModel model) {
        setId("signin-view");
        getStyleClass().add("signin-backdrop");

        FontIcon logo = new FontIcon(Feather.LAYERS);
        logo.getStyleClass().add("signin-logo");
        Label title = new Label("Tandem");
        title.getStyleClass().add("signin-title");
        HBox brand = new HBox(10, logo, title);
        brand.setAlignment(Pos.CENTER_LEFT);
        Label subtitle = new Label("Sign in to chat and share your todos.");
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

        Label hint = new Label("A new name creates an account with this password.");
        hint.getStyleClass().add("signin-hint");
        hint.setWrapText(true);

        Label error = new Label();
        error.setId("signin-error");
        error.getStyleClass().add("signin-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.messageProperty());
        error.visibleProperty().bind(model.messageProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Button submit = new Button("Sign in");
        submit.setId("signin-submit");
        submit.getStyleClass().add(Styles.ACCENT);
        submit.setDefaultButton(true);
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.disableProperty().bind(model.canSubmitProperty().not());
        submit.setOnAction(e -> model.submit());
        HBox.setHgrow(submit, Priority.ALWAYS);

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("signin-progress");
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(model.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        HBox actions = new HBox(10, submit, progress);
        actions.setAlignment(Pos.CENTER_LEFT);

        // After a failed attempt the fields come back enabled: put the cursor where the fix goes.
        model.busyProperty().addListener((obs, was, busy) -> {
            if (!busy) {
                focusFirstEmptyField();
            }
        });
        server.disableProperty().bind(model.busyProperty());
        user.disableProperty().bind(model.busyProperty());
        password.disableProperty().bind(model.busyProperty());

        VBox card = new VBox(brand, subtitle,
                field("Server", server), field("User name", user), field("Password", password), hint,
                error, actions);
        card.getStyleClass().add("signin-card");
        card.setMaxWidth(400);
        card.setMaxHeight(USE_PREF_SIZE);
        getChildren().add(card);
        setAlignment(card, Pos.CENTER);
        setMargin(card, new javafx.geometry.Insets(24));
    }

    /** Puts the cursor where typing is needed: the password when the name is known. */
    public void focusFirstEmptyField() {
        if (user.getText() == null || user.getText().isBlank()) {
            user.requestFocus();
        } else {
            password.requestFocus();
        }
    }

    private static VBox field(String label, javafx.scene.Node input) {
        Label caption = new Label(label);
        caption.getStyleClass().add("field-label");
        caption.setLabelFor(input);
        return new VBox(5, caption, input);
    }
}
