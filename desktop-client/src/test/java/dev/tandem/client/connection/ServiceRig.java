package dev.tandem.client.connection;

import dev.tandem.client.store.DataDirectory;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.TodoList;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ConnectionService} on a virtual clock with scripted links: the test plays the server, the UI
 * executor runs callbacks at once, and the outbox and saved session live in a real data directory (a
 * temporary one). Jitter is pinned to the top of its range, so backoff waits are exactly 1 s, 2 s, 4 s, ...
 * A second rig on the same directory is the app started again.
 */
final class ServiceRig {
    static final URI SERVER = URI.create("ws://localhost:7001/ws");
    static final Codec CODEC = Codec.get();

    final ManualScheduler scheduler = new ManualScheduler();
    final ScriptedTransport transport = new ScriptedTransport();
    final Events events = new Events();
    final ConnectionService service;

    ServiceRig(Path dataDir) {
        service = new ConnectionService(transport, scheduler, Runnable::run, events,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999999), Duration.ofSeconds(20),
                new DataDirectory(dataDir));
    }

    ScriptedTransport.ScriptedLink link() {
        return transport.last();
    }

    void signedIn(String token) {
        signedIn(token, 20);
    }

    /** Signs in as alice and welcomes her with an empty list and history. */
    void signedIn(String token, int rate) {
        service.signIn(SERVER, "alice", "password1", false);
        scheduler.runReady();
        open(link());
        say(link(), welcome("s1", token, rate, List.of()));
        events.statuses.clear();
    }

    void open(ScriptedTransport.ScriptedLink link) {
        link.listener.opened();
        scheduler.runReady();
    }

    void say(ScriptedTransport.ScriptedLink link, ServerMessage message) {
        link.listener.text(CODEC.encode(message));
        scheduler.runReady();
    }

    void lose(ScriptedTransport.ScriptedLink link, int code) {
        link.listener.closed(code, "test");
        scheduler.runReady();
    }

    void send(ClientMessage.Command command) {
        service.send(command);
        scheduler.runReady();
    }

    static ServerMessage.Welcome welcome(String serverId, String token) {
        return welcome(serverId, token, 20, List.of());
    }

    static ServerMessage.Welcome welcome(String serverId, String token, int rate, List<ChatMessage> history) {
        return new ServerMessage.Welcome(1, "alice", serverId, false, token, new TodoList(0, List.of()), "general", history, List.of(), List.of(), rate);
    }

    /** Every frame the client sent on {@code link}, decoded. */
    static List<ClientMessage> sent(ScriptedTransport.ScriptedLink link) {
        List<ClientMessage> messages = new ArrayList<>();
        for (String frame : link.sent) {
            try {
                messages.add(CODEC.decodeClient(frame));
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        }
        return messages;
    }

    /** The client ids of the commands (not pings, not sign-ins) sent on {@code link}, in order. */
    static List<String> commandIds(ScriptedTransport.ScriptedLink link) {
        return sent(link).stream().filter(m -> m instanceof ClientMessage.Command && !(m instanceof ClientMessage.Ping))
                .map(m -> ((ClientMessage.Command) m).clientId()).toList();
    }

    /** Records every callback, in order. */
    static final class Events implements ConnectionListener {
        final List<ConnectionStatus> statuses = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        final List<SignInFailure> failures = new ArrayList<>();
        final List<SignInFailure> ended = new ArrayList<>();
        final List<ServerMessage> received = new ArrayList<>();
        final List<ClientMessage.Command> restored = new ArrayList<>();

        @Override
        public void statusChanged(ConnectionStatus status) {
            statuses.add(status);
        }

        @Override
        public void welcomed(ServerMessage.Welcome welcome, boolean resumed) {
            log.add("welcomed " + welcome.serverId() + " resumed=" + resumed);
        }

        @Override
        public void received(ServerMessage message) {
            received.add(message);
        }

        @Override
        public void outboxRestored(String user, List<ClientMessage.Command> pending) {
            restored.addAll(pending);
        }

        @Override
        public void signInFailed(SignInFailure failure) {
            failures.add(failure);
        }

        @Override
        public void sendFailed(String clientId, String reason) {
            log.add("sendFailed " + clientId + " " + reason);
        }

        @Override
        public void sendHeld(String clientId, Duration wait, String code) {
            log.add("held " + clientId + " " + wait.toMillis() + " ms " + code);
        }

        @Override
        public void sendResumed(String clientId) {
            log.add("resumed " + clientId);
        }

        @Override
        public void connectionLost() {
            log.add("connectionLost");
        }

        @Override
        public void sessionEnded(SignInFailure reason) {
            ended.add(reason);
        }
    }
}
