package dev.tandem.client.app;

import dev.tandem.client.theme.ThemeManager;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** "About Tandem": name, version, what it is, and the runtime it runs on. */
final class AboutDialog {
    private AboutDialog() {
    }

    static void show(Window owner, String serverId) {
        Alert alert = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("About Tandem");
        alert.setHeaderText(null);

        FontIcon logo = new FontIcon(Feather.LAYERS);
        logo.getStyleClass().add("signin-logo");
        Label name = new Label("Tandem");
        name.getStyleClass().add("signin-title");
        Label version = new Label("Version " + AppVersion.get());
        version.setId("about-version");
        Label what = new Label("Chat with everyone, share todos between your windows.");
        what.setWrapText(true);
        Label runtime = new Label("Java " + System.getProperty("java.version") + " · JavaFX "
                + System.getProperty("javafx.runtime.version", "?")
                + (serverId == null || serverId.isBlank() ? "" : " · server " + serverId));
        runtime.getStyleClass().add("status-muted");

        VBox box = new VBox(logo, name, version, what, runtime);
        box.getStyleClass().add("about-box");
        alert.getDialogPane().setContent(box);
        alert.getDialogPane().setId("about-dialog");
        ThemeManager.style(alert.getDialogPane().getScene());
        alert.showAndWait();
    }
}
