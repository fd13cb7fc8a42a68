package dev.tandem.client.people;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.AccessibleRole;
import javafx.scene.layout.Region;

/**
 * A small round dot that is filled (the theme's success colour) while someone is online and hollow while not:
 * in the people list, and for the room list's DM rows ({@code new OnlineDot(people.presenceProperty(peer))}).
 * It binds (weakly, as JavaFX bindings do) to what it shows, so a list cell can {@link #show} another person
 * without leaking listeners.
 *
 * <p>Threads: JavaFX thread only.
 */
public final class OnlineDot extends Region {
    private static final PseudoClass ONLINE = PseudoClass.getPseudoClass("online");
    private static final String STYLESHEET = OnlineDot.class.getResource("online-dot.css").toExternalForm();

    private final BooleanProperty online = new SimpleBooleanProperty(this, "online") {
        @Override
        protected void invalidated() {
            pseudoClassStateChanged(ONLINE, get());
            setAccessibleText(get() ? "online" : "offline");
        }
    };

    /** A hollow dot until it is given someone to {@link #show}. */
    public OnlineDot() {
        getStyleClass().add("online-dot");
        getStylesheets().add(STYLESHEET);
        setAccessibleRole(AccessibleRole.TEXT);
        setAccessibleText("offline");
        setMouseTransparent(true);
    }

    /** A dot that follows {@code presence} (true while the person is online). */
    public OnlineDot(ObservableValue<Boolean> presence) {
        this();
        show(presence);
    }

    /** Follows {@code presence} from now on (null: hollow). */
    public void show(ObservableValue<Boolean> presence) {
        online.unbind();
        if (presence == null) {
            online.set(false);
        } else {
            online.bind(presence);
        }
    }

    /** Whether it shows someone online. */
    public boolean isOnline() {
        return online.get();
    }
}
