package dev.tandem.client.status;

import dev.tandem.client.connection.ConnectionStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status line: "Connecting…", "Connected to server s1", "Server s1 is not responding…", "Reconnecting
 * in 3 s", "Offline", and while the window shows the copy saved at the last run, that it is not up to date.
 * Properties change only when the text really changes (JavaFX drops equal sets), and the connection
 * reports each status once, so the line does not flicker. UI thread only.
 */
public final class StatusViewModel {

    /** How the line is coloured. */
    public enum Tone { CONNECTED, BUSY, RECONNECTING, OFFLINE }

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "Offline");
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(this, "tone", Tone.OFFLINE);
    private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper(this, "online");
    private final ReadOnlyBooleanWrapper canRetryNow = new ReadOnlyBooleanWrapper(this, "canRetryNow");
    private final ReadOnlyStringWrapper serverId = new ReadOnlyStringWrapper(this, "serverId", "");

    private ConnectionStatus status = new ConnectionStatus.Offline();
    /** When the copy on screen was saved, while it is not yet brought up to date by the server; else null. */
    private String savedCopyAt;

    /** Shows a new connection status. */
    public void update(ConnectionStatus newStatus) {
        status = newStatus;
        if (status instanceof ConnectionStatus.Connected) {
            savedCopyAt = null; // the welcome brought the server's copy
        }
        show();
    }

    /**
     * The chat and todos on screen are the copy saved at {@code when} (e.g. "14:02"), not yet brought up to
     * date: the line says so until the server's copy arrives. Null clears it.
     */
    public void showingSavedCopy(String when) {
        savedCopyAt = when;
        show();
    }

    private void show() {
        if (status instanceof ConnectionStatus.Connected connected) {
            text.set("Connected to server " + connected.serverId());
            serverId.set(connected.serverId());
            tone.set(Tone.CONNECTED);
        } else if (status instanceof ConnectionStatus.NotResponding silent) {
            text.set("Server " + silent.serverId() + " is not responding…");
            tone.set(Tone.RECONNECTING);
        } else if (status instanceof ConnectionStatus.Connecting) {
            text.set("Connecting…");
            tone.set(Tone.BUSY);
        } else if (status instanceof ConnectionStatus.Reconnecting reconnecting) {
            text.set(reconnecting.secondsLeft() > 0
                    ? "Reconnecting in " + reconnecting.secondsLeft() + " s"
                    : "Reconnecting…");
            tone.set(Tone.RECONNECTING);
        } else {
            text.set("Offline");
            tone.set(Tone.OFFLINE);
        }
        if (savedCopyAt != null) {
            text.set(text.get() + " · showing the copy saved at " + savedCopyAt + ", not yet up to date");
        }
        online.set(status instanceof ConnectionStatus.Connected);
        canRetryNow.set(status instanceof ConnectionStatus.Reconnecting r && r.secondsLeft() > 0);
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    /** True while connected and answering (changes made meanwhile wait in the outbox). */
    public ReadOnlyBooleanProperty onlineProperty() {
        return online.getReadOnlyProperty();
    }

    /** True while waiting for the next reconnect attempt: "Retry now" shows. */
    public ReadOnlyBooleanProperty canRetryNowProperty() {
        return canRetryNow.getReadOnlyProperty();
    }

    /** The server the connection is (or was last) on. */
    public ReadOnlyStringProperty serverIdProperty() {
        return serverId.getReadOnlyProperty();
    }
}
