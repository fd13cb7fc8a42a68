package dev.tandem.client;

import dev.tandem.client.connection.Connection;
import dev.tandem.model.ClientMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Records what view models ask of the connection (view model tests have no network). */
public final class RecordingConnection implements Connection {
    public final List<ClientMessage.Command> sent = new ArrayList<>();
    /** What went through {@link #sendNow}: typing, read marks. */
    public final List<ClientMessage> sentNow = new ArrayList<>();
    public final List<String> signIns = new ArrayList<>();
    public final List<String> restores = new ArrayList<>();
    /** Every room the view models said is on screen, in order. */
    public final List<String> roomsOnScreen = new ArrayList<>();
    public int reconnects;
    public int signOuts;

    @Override
    public void signIn(URI server, String user, String password, boolean createAccount) {
        signIns.add(server + " " + user + (createAccount ? " (create)" : ""));
    }

    @Override
    public void restore(URI server, String user) {
        restores.add(server + " " + user);
    }

    @Override
    public void send(ClientMessage.Command command) {
        sent.add(command);
    }

    @Override
    public void roomOnScreen(String room) {
        roomsOnScreen.add(room);
    }

    @Override
    public void sendNow(ClientMessage message) {
        sentNow.add(message);
    }

    @Override
    public void reconnectNow() {
        reconnects++;
    }

    @Override
    public void signOut() {
        signOuts++;
    }

    /** The commands of one type sent, in order. */
    public <T extends ClientMessage> List<T> sent(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** What went through {@link #sendNow} of one type, in order. */
    public <T extends ClientMessage> List<T> sentNow(Class<T> type) {
        return sentNow.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The last command sent, cast to its type. */
    public <T extends ClientMessage.Command> T last(Class<T> type) {
        return type.cast(sent.get(sent.size() - 1));
    }
}
