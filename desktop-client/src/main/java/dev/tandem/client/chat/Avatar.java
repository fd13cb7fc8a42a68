package dev.tandem.client.chat;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** A round badge with a user's initial, coloured by the name so each person keeps one colour. */
public final class Avatar extends StackPane {
    private static final int COLOURS = 8;

    public Avatar(String user, boolean small) {
        String initial = user == null || user.isEmpty() ? "?" : user.substring(0, 1).toUpperCase(java.util.Locale.ROOT);
        getChildren().add(new Label(initial));
        getStyleClass().addAll("avatar", "avatar-" + colourOf(user));
        if (small) {
            getStyleClass().add("small");
        }
        setMouseTransparent(true);
    }

    /** A stable colour index for a name. */
    static int colourOf(String user) {
        return user == null ? 0 : Math.floorMod(user.hashCode(), COLOURS);
    }
}
