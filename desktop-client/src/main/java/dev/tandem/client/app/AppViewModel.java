package dev.tandem.client.app;

import dev.tandem.client.chat.ChatViewModel;
import dev.tandem.client.connection.Connection;
import dev.tandem.client.connection.ConnectionListener;
import dev.tandem.client.connection.ConnectionStatus;
import dev.tandem.client.connection.SignInFailure;
import dev.tandem.client.settings.Settings;
import dev.tandem.client.signin.SignInViewModel;
import dev.tandem.client.status.StatusViewModel;
import dev.tandem.client.theme.ThemeChoice;
import dev.tandem.client.todos.TodoFilter;
import dev.tandem.client.todos.TodosViewModel;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ServerMessage;
import java.time.Clock;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's top view model: which screen shows, who is signed in, and the routing of connection
 * events to the chat, todo, sign-in and status view models. It is the {@link ConnectionListener}, so every
 * callback arrives on the UI thread (the connection hands them over through its UI executor).
 */
public final class AppViewModel implements ConnectionListener {
    private static final Logger log = LoggerFactory.getLogger(AppViewModel.class);

    /** The two screens. */
    public enum Screen { SIGN_IN, MAIN }

    private final Settings settings;
    private final Connection connection;
    private final SignInViewModel signIn;
    private final ChatViewModel chat;
    private final TodosViewModel todos;
    private final StatusViewModel status = new StatusViewModel();
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(this, "screen", Screen.SIGN_IN);
    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper(this, "user", "");
    private final ObjectProperty<ThemeChoice> theme = new SimpleObjectProperty<>(this, "theme");

    /**
     * @param connect builds the connection that reports to this view model (the connection needs its
     *                listener, and the sub view models need the connection)
     */
    public AppViewModel(Settings settings, Clock clock, Function<ConnectionListener, Connection> connect) {
        this.settings = settings;
        this.connection = connect.apply(this);
        this.signIn = new SignInViewModel(connection);
        this.chat = new ChatViewModel(connection, clock);
        this.todos = new TodosViewModel(connection);

        String lastServer = settings.server("");
        if (!lastServer.isBlank()) {
            signIn.serverProperty().set(lastServer);
        }
        signIn.userProperty().set(settings.user());
        todos.filterProperty().set(TodoFilter.parse(settings.todoFilter(TodoFilter.ALL.name())));
        todos.filterProperty().addListener((obs, old, now) -> settings.rememberTodoFilter(now.name()));
        theme.set(ThemeChoice.parse(settings.theme(ThemeChoice.LIGHT.name())));
        theme.addListener((obs, old, now) -> settings.rememberTheme(now.name()));
        chat.onlineProperty().bind(status.onlineProperty());
        todos.onlineProperty().bind(status.onlineProperty());
        todos.editableProperty().bind(status.onlineProperty()); // until the outbox keeps offline changes
    }

    // ---- state ----

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    /** The signed-in user, empty on the sign-in screen. */
    public ReadOnlyStringProperty userProperty() {
        return user.getReadOnlyProperty();
    }

    /** The chosen theme; changes are remembered. */
    public ObjectProperty<ThemeChoice> themeProperty() {
        return theme;
    }

    public SignInViewModel signIn() {
        return signIn;
    }

    public ChatViewModel chat() {
        return chat;
    }

    public TodosViewModel todos() {
        return todos;
    }

    public StatusViewModel status() {
        return status;
    }

    // ---- commands ----

    public void toggleTheme() {
        theme.set(theme.get().other());
    }

    public void reconnectNow() {
        connection.reconnectNow();
    }

    public void signOut() {
        connection.signOut();
        todos.clear();
        user.set("");
        screen.set(Screen.SIGN_IN);
    }

    // ---- connection events (UI thread) ----

    @Override
    public void statusChanged(ConnectionStatus newStatus) {
        status.update(newStatus);
    }

    @Override
    public void welcomed(ServerMessage.Welcome welcome, boolean resumed) {
        if (resumed) {
            chat.mergeHistory(welcome.history());
        } else {
            settings.rememberServer(signIn.serverProperty().get());
            settings.rememberUser(welcome.user());
            signIn.succeeded(welcome.registered());
            chat.signedIn(welcome.user(), welcome.history());
        }
        todos.welcomed(welcome.todos());
        user.set(welcome.user());
        screen.set(Screen.MAIN);
    }

    @Override
    public void received(ServerMessage message) {
        if (message instanceof ChatMessage chatMessage) {
            chat.received(chatMessage);
        } else if (message instanceof ServerMessage.TodoChanged change) {
            todos.changed(change);
        } else if (message instanceof ServerMessage.TodoSnapshot snapshot) {
            todos.snapshot(snapshot);
        } else if (message instanceof ServerMessage.Error error) {
            if (!chat.error(error) && !todos.error(error)) {
                log.warn("server error {}: {}", error.code(), error.message());
            }
        }
    }

    @Override
    public void signInFailed(SignInFailure failure) {
        signIn.failed(failure);
    }

    @Override
    public void sendFailed(String clientId, String reason) {
        if (!chat.sendFailed(clientId, reason)) {
            todos.sendFailed(clientId, reason);
        }
    }

    @Override
    public void connectionLost() {
        chat.connectionLost();
    }

    @Override
    public void sessionEnded(SignInFailure reason) {
        todos.clear();
        user.set("");
        signIn.failed(reason);
        screen.set(Screen.SIGN_IN);
    }
}
