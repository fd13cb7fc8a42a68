package dev.tandem.client.app;

import dev.tandem.client.chat.ChatViewModel;
import dev.tandem.client.connection.Connection;
import dev.tandem.client.connection.ConnectionListener;
import dev.tandem.client.connection.ConnectionStatus;
import dev.tandem.client.connection.ServerMessageListener;
import dev.tandem.client.rooms.RoomItem;
import dev.tandem.client.rooms.RoomsViewModel;
import dev.tandem.client.connection.Scheduler;
import dev.tandem.client.connection.SignInFailure;
import dev.tandem.client.settings.Settings;
import dev.tandem.client.signin.SignInViewModel;
import dev.tandem.client.status.StatusViewModel;
import dev.tandem.client.theme.ThemeChoice;
import dev.tandem.client.todos.TodoFilter;
import dev.tandem.client.todos.TodosViewModel;
import dev.tandem.client.connection.ServerAddress;
import dev.tandem.client.store.DataDirectory;
import dev.tandem.client.store.SavedCopies;
import dev.tandem.client.store.SavedCopy;
import dev.tandem.client.store.SavedSession;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's top view model: which screen shows, who is signed in, and the routing of connection
 * events to the room list, chat, todo, sign-in and status view models. It is the {@link ConnectionListener},
 * so every callback arrives on the UI thread (the connection hands them over through its UI executor).
 *
 * <p>Every welcome and every server message passes {@link #welcomed} and {@link #received}: after the view
 * models here, each {@link #addServerListener listener} sees it too (presence, typing, notifications).
 *
 * <p>Threads: UI thread only.
 */
public final class AppViewModel implements ConnectionListener {
    private static final Logger log = LoggerFactory.getLogger(AppViewModel.class);

    /** The two screens. */
    public enum Screen { SIGN_IN, MAIN }

    private final Settings settings;
    private final Connection connection;
    private final SignInViewModel signIn;
    private final ChatViewModel chat;
    private final RoomsViewModel rooms;
    private final TodosViewModel todos;
    private final List<ServerMessageListener> listeners = new ArrayList<>();
    private final StatusViewModel status = new StatusViewModel();
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(this, "screen", Screen.SIGN_IN);
    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper(this, "user", "");
    private final ObjectProperty<ThemeChoice> theme = new SimpleObjectProperty<>(this, "theme");
    private final ReadOnlyBooleanWrapper session = new ReadOnlyBooleanWrapper(this, "session");
    private final ReadOnlyIntegerWrapper welcomes = new ReadOnlyIntegerWrapper(this, "welcomes");
    private final DataDirectory data;
    private final SavedCopies copies;
    private final Clock clock;
    /** The server of the session, once there is one (the saved copy is kept per server and user). */
    private URI sessionServer;

    /**
     * @param connect builds the connection that reports to this view model (the connection needs its
     *                listener, and the sub view models need the connection)
     * @param uiTimers timers that run on the UI thread (the sign-in form's hold after {@code rate_limited})
     */
    public AppViewModel(Settings settings, Clock clock, Function<ConnectionListener, Connection> connect,
                        DataDirectory data, SavedCopies copies, Scheduler uiTimers) {
        this.settings = settings;
        this.clock = clock;
        this.data = data;
        this.copies = copies;
        this.connection = connect.apply(this);
        this.signIn = new SignInViewModel(connection, uiTimers);
        this.chat = new ChatViewModel(connection, clock);
        this.rooms = new RoomsViewModel(connection, chat);
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
        chat.signedInProperty().bind(session);
        todos.onlineProperty().bind(status.onlineProperty());
        todos.editableProperty().bind(session); // offline too: changes wait in the outbox
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

    /** True from sign-in (or the saved session at start) until sign-out: chat and todos can be changed. */
    public ReadOnlyBooleanProperty sessionProperty() {
        return session.getReadOnlyProperty();
    }

    /** How many welcomes this window has had (sign-ins and resumes): each one brought the server's state. */
    public ReadOnlyIntegerProperty welcomesProperty() {
        return welcomes.getReadOnlyProperty();
    }

    public SignInViewModel signIn() {
        return signIn;
    }

    public ChatViewModel chat() {
        return chat;
    }

    /** The room list: which room shows, unread badges, {@code openRoom}, {@code openDm}. */
    public RoomsViewModel rooms() {
        return rooms;
    }

    /** The connection, for view models that send what is not worth keeping ({@code typing}) with {@code sendNow}. */
    public Connection connection() {
        return connection;
    }

    /** {@code listener} sees every welcome and server message from now on, after the view models here. */
    public void addServerListener(ServerMessageListener listener) {
        listeners.add(listener);
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

    /**
     * At start: if the app was signed in when it last quit, comes back signed in — the saved copy of the chat
     * and todos on screen at once, marked as not yet up to date, and the saved session resumed (whatever
     * the outbox holds is sent once connected). Returns false when there is no saved session (sign in).
     */
    public boolean restoreSession() {
        String lastUser = settings.user();
        URI server;
        try {
            server = ServerAddress.parse(settings.server(""));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (lastUser.isBlank() || SavedSession.load(data.account(server, lastUser)).isEmpty()) {
            return false;
        }
        sessionServer = server;
        chat.open(lastUser);
        copies.load(server, lastUser).ifPresent(copy -> {
            chat.showSaved(lastUser, copy.chats());
            rooms.showSaved(lastUser, copy.rooms(), copy.room());
            todos.showSaved(copy.todos());
            status.showingSavedCopy(SAVED_AT.format(copy.savedAt().atZone(clock.getZone())));
        });
        user.set(lastUser);
        session.set(true);
        screen.set(Screen.MAIN);
        log.info("restoring the session of {} at {}", lastUser, server);
        connection.restore(server, lastUser);
        return true;
    }

    public void signOut() {
        todos.commitUndoable();
        connection.signOut();
        todos.clear();
        rooms.clear();
        session.set(false);
        user.set("");
        screen.set(Screen.SIGN_IN);
    }

    /** The window is closing: a pending undo offer is committed and the saved copy written. */
    public void closing() {
        todos.commitUndoable();
        saveCopy();
    }

    // ---- connection events (UI thread) ----

    @Override
    public void statusChanged(ConnectionStatus newStatus) {
        status.update(newStatus);
    }

    @Override
    public void welcomed(ServerMessage.Welcome welcome, boolean resumed) {
        if (!resumed) {
            settings.rememberServer(signIn.serverProperty().get());
            settings.rememberUser(welcome.user());
            sessionServer = ServerAddress.parse(signIn.serverProperty().get());
            signIn.succeeded(welcome.registered());
        }
        chat.welcomed(welcome.user(), welcome.room(), welcome.history(), welcome.hasOlderHistory());
        rooms.welcomed(welcome);
        todos.welcomed(welcome.todos());
        user.set(welcome.user());
        session.set(true);
        screen.set(Screen.MAIN);
        saveCopy();
        welcomes.set(welcomes.get() + 1);
        List.copyOf(listeners).forEach(listener -> listener.welcomed(welcome, resumed));
    }

    @Override
    public void outboxRestored(String owner, List<ClientMessage.Command> pending) {
        List<ClientMessage.TodoCommand> changes = new ArrayList<>();
        for (ClientMessage.Command command : pending) {
            if (command instanceof ClientMessage.TodoCommand change) {
                changes.add(change);
            }
        }
        chat.restoreQueued(owner, pending);
        todos.restoreQueued(changes);
    }

    @Override
    public void received(ServerMessage message) {
        boolean answered = rooms.received(message);
        if (message instanceof ChatMessage chatMessage) {
            chat.received(chatMessage);
        } else if (message instanceof ServerMessage.ChatEdited edited) {
            chat.edited(edited);
        } else if (message instanceof ServerMessage.ChatDeleted deleted) {
            chat.deleted(deleted);
        } else if (message instanceof ServerMessage.ChatPage page) {
            chat.page(page);
        } else if (message instanceof ServerMessage.TodoChanged change) {
            todos.changed(change);
        } else if (message instanceof ServerMessage.TodoSnapshot snapshot) {
            todos.snapshot(snapshot);
        } else if (message instanceof ServerMessage.Error error) {
            if (!answered && !chat.error(error) && !todos.error(error)) {
                log.warn("server error {}: {}", error.code(), error.message());
            }
        }
        if (changesTheCopy(message)) {
            saveCopy();
        }
        List.copyOf(listeners).forEach(listener -> listener.received(message));
    }

    @Override
    public void signInFailed(SignInFailure failure) {
        signIn.failed(failure);
    }

    @Override
    public void sendFailed(String clientId, String reason) {
        if (!rooms.sendFailed(clientId, reason) && !chat.sendFailed(clientId, reason)) {
            todos.sendFailed(clientId, reason);
        }
    }

    @Override
    public void sendHeld(String clientId, Duration wait, String code) {
        String words = SendHoldWords.of(wait, code);
        if (!chat.sendHeld(clientId, words)) {
            todos.sendHeld(clientId, words);
        }
    }

    @Override
    public void sendResumed(String clientId) {
        if (!chat.sendResumed(clientId)) {
            todos.sendResumed(clientId);
        }
    }

    @Override
    public void connectionLost() {
        chat.connectionLost();
    }

    @Override
    public void sessionEnded(SignInFailure reason) {
        todos.clear();
        rooms.clear();
        session.set(false);
        status.showingSavedCopy(null);
        signIn.userProperty().set(user.get().isEmpty() ? signIn.userProperty().get() : user.get());
        user.set("");
        signIn.failed(reason);
        screen.set(Screen.SIGN_IN);
    }

    // ---- internals ----

    private static final DateTimeFormatter SAVED_AT = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    /** Keeps the on-disk copy of the rooms, their chat and the todos current (written at most once a second). */
    private void saveCopy() {
        if (session.get() && sessionServer != null && !user.get().isEmpty() && todos.revision() >= 0) {
            copies.save(sessionServer, user.get(), new SavedCopy(clock.instant(), todos.confirmedList(),
                    rooms.currentRoomProperty().get(), rooms.rooms().stream().map(RoomItem::summary).toList(),
                    chat.recent(Limits.HISTORY_ON_SIGN_IN)));
        }
    }

    /** Presence, typing, pongs, rosters and directory pages change nothing that is saved. */
    private static boolean changesTheCopy(ServerMessage message) {
        return !(message instanceof ServerMessage.Presence || message instanceof ServerMessage.Typing
                || message instanceof ServerMessage.Pong || message instanceof ServerMessage.RoomRoster
                || message instanceof ServerMessage.RoomDirectory || message instanceof ServerMessage.Error);
    }
}
