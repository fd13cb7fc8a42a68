package dev.tandem.client.app;

import dev.tandem.client.connection.ConnectionService;
import dev.tandem.client.notify.PopupNotifier;
import dev.tandem.client.notify.WindowTitle;
import dev.tandem.client.people.PeopleView;
import dev.tandem.client.settings.Settings;
import dev.tandem.client.signin.SignInView;
import dev.tandem.client.store.DataDirectory;
import dev.tandem.client.store.SavedCopies;
import dev.tandem.client.switcher.SwitcherDialog;
import dev.tandem.client.theme.ThemeManager;
import dev.tandem.client.typing.FxScheduler;
import dev.tandem.client.typing.TypingLine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * One Tandem window: its view models, its connection and its views, wired together on a stage, placed where
 * it was last time. The app opens one; UI tests open several in one JVM (two users, or two windows of one
 * user).
 *
 * <p>Threads: build and use on the JavaFX thread. The connection reports through {@code Platform::runLater}.
 */
public final class ClientWindow {
    private final Stage stage;
    private final AppViewModel model;
    private final ConnectionService connection;
    private final SavedCopies copies;
    private boolean closed;
    private PopupNotifier notifier;
    private SwitcherDialog switcher;

    private ClientWindow(Stage stage, AppViewModel model, ConnectionService connection, SavedCopies copies) {
        this.stage = stage;
        this.model = model;
        this.connection = connection;
        this.copies = copies;
    }

    /**
     * Builds the window on {@code stage} and shows it; signs in by itself if the command line says so.
     *
     * @param openLink opens a link from a chat message in the browser (the app: {@code HostServices})
     */
    public static ClientWindow open(Stage stage, CommandLine options, Settings settings, Consumer<String> openLink) {
        AtomicReference<ConnectionService> service = new AtomicReference<>();
        Clock clock = Clock.systemDefaultZone();
        DataDirectory data = options.dataDir().map(DataDirectory::new).orElseGet(DataDirectory::resolve);
        SavedCopies copies = new SavedCopies(data, Duration.ofSeconds(1));
        AppViewModel model = new AppViewModel(settings, clock,
                listener -> {
                    service.set(ConnectionService.create(Platform::runLater, listener, data, options.caFile()));
                    return service.get();
                }, data, copies, new FxScheduler());
        ClientWindow window = new ClientWindow(stage, model, service.get(), copies);
        window.build(options, settings, clock, openLink);
        return window;
    }

    public AppViewModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    /** Closes the connection and the window, which remembers where it was (the saved session stays too). */
    public void close() {
        shutDown();
        stage.close();
    }

    private void shutDown() {
        if (closed) {
            return; // the close request and the application's stop both get here
        }
        closed = true;
        notifier.closeAll();
        switcher.close();
        model.closing();
        connection.close();
        copies.close();
    }

    private void build(CommandLine options, Settings settings, Clock clock, Consumer<String> openLink) {
        ThemeManager.follow(model.themeProperty());
        SignInView signIn = new SignInView(model.signIn());
        MainView main = new MainView(model, clock, openLink);
        StackPane root = new StackPane(signIn, main);
        root.setId("tandem-root");
        signIn.visibleProperty().bind(model.screenProperty().isEqualTo(AppViewModel.Screen.SIGN_IN));
        main.visibleProperty().bind(model.screenProperty().isEqualTo(AppViewModel.Screen.MAIN));
        model.screenProperty().addListener((obs, old, now) -> {
            if (now == AppViewModel.Screen.MAIN) {
                main.focusChat();
            } else {
                signIn.focusFirstEmptyField();
            }
        });

        // Only what is in front of the user counts as seen (read positions, notifications): a minimized window is
        // not, whatever its focus flag still says.
        BooleanBinding inFront = stage.focusedProperty().and(stage.iconifiedProperty().not());
        model.chat().windowFocusedProperty().bind(inFront);

        // People, typing, notifications and the quick switcher.
        TeamFeatures team = new TeamFeatures(model, new FxScheduler(),
                opener -> notifier = new PopupNotifier(stage, opener));
        main.sidebar().setPeople(new PeopleView(team.people()));
        main.chat().setTypingLine(new TypingLine(team.typing()));
        team.notifications().windowFocusedProperty().bind(inFront);
        switcher = new SwitcherDialog(team.switcher(), stage, ThemeManager::style);
        main.onQuickSwitcher(switcher::show);
        main.sidebar().rooms().showPresence(team.people()::presenceProperty);

        Scene scene = new Scene(root);
        ThemeManager.style(scene);
        Shortcuts.install(scene, main, model, switcher::show);
        main.holdDivider(settings.dividerPosition(MainView.DEFAULT_DIVIDER), scene);
        stage.setScene(scene);
        WindowMemory.restore(stage, settings, options.windowOffset(), main::dividerPosition);
        stage.titleProperty().bind(Bindings.createStringBinding(
                () -> WindowTitle.of(model.userProperty().get(), team.notifications().markedCountProperty().get()),
                model.userProperty(), team.notifications().markedCountProperty()));
        var icon = ClientWindow.class.getResourceAsStream("tandem.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.setOnCloseRequest(e -> shutDown());

        options.server().ifPresent(model.signIn().serverProperty()::set);
        options.user().ifPresent(model.signIn().userProperty()::set);
        stage.show();
        signIn.focusFirstEmptyField();
        if (options.autoSignIn()) {
            model.signIn().passwordProperty().set(options.password().orElseThrow());
            if (options.createAccount()) {
                model.signIn().createAccount();
            } else {
                model.signIn().submit();
            }
        } else if (options.user().isEmpty() || options.user().get().equals(settings.user())) {
            model.restoreSession(); // signed in when it last quit: back at once, with the saved copy
        }
        StartupTrace trace = new StartupTrace();
        trace.firstPulse(scene, model);
        model.welcomesProperty().addListener((obs, was, now) -> trace.welcomed(model));
    }
}
