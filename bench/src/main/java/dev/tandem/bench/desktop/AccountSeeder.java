package dev.tandem.bench.desktop;

import dev.tandem.bench.wire.TandemWire;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.Protocol;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Gives a fresh bench account realistic state through the server, the way a client would: a password
 * sign-in that registers the name, then N chat messages and M todos (every third then marked completed),
 * each confirmed by the server's echo before the next phase. Commands are paced just under the rate the
 * welcome announces, so none is refused with {@code rate_limited}. Uses the JDK's WebSocket: a handful of
 * sequential requests need no event loop.
 *
 * <p>Threads: the calling thread does everything; the WebSocket listener (on the HTTP client's threads) only
 * decodes whole frames onto a queue that the calling thread drains.
 */
final class AccountSeeder {
    private static final String[] WORDS = ("the build is green again lunch at noon can someone review my pull request "
            + "please deploy on friday coffee first meeting moved to three thanks looks good ship it tomorrow the "
            + "tests are flaky on the shared machine I will fix the proxy config after the call").split(" ");

    /**
     * What the account holds afterwards.
     *
     * @param historyBefore    chat messages the welcome held before posting (the chat is shared by everyone)
     * @param expectedMessages messages a welcome holds now: the newest {@link Limits#HISTORY_ON_SIGN_IN}
     */
    record Seeded(String user, String serverId, int historyBefore, int messagesPosted, int todos, int completed,
                  int expectedMessages, int messagesPerSecond, double seconds) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user", user);
            m.put("serverId", serverId);
            m.put("historyBefore", historyBefore);
            m.put("messagesPosted", messagesPosted);
            m.put("todos", todos);
            m.put("completed", completed);
            m.put("expectedMessages", expectedMessages);
            m.put("announcedRateLimit", messagesPerSecond);
            m.put("seconds", Math.round(seconds * 10) / 10.0);
            return m;
        }
    }

    private record Closed(int code, String reason) {
    }

    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Codec codec = Codec.get();
    /** Commands sent and not yet echoed, by client id. */
    private final Map<String, Integer> pending = new HashMap<>();
    /** The id the server gave each added todo, by the client id of its add. */
    private final Map<String, String> todoIds = new HashMap<>();
    private final Duration timeout;
    private long nextDue;
    private double intervalNanos;

    AccountSeeder(Duration timeout) {
        this.timeout = timeout;
    }

    Seeded seed(URI target, String user, String password, int messages, int todos, String runId) throws Exception {
        long began = System.nanoTime();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(new TandemWire().connectUri(target, user), new Listener())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            send(ws, new ClientMessage.SignIn(Protocol.VERSION, user, password, true));
            ServerMessage.Welcome welcome = awaitWelcome();
            // 10% under the announced rate: the server's bucket and this pacing do not share a clock.
            intervalNanos = 1e9 / Math.max(1, welcome.messagesPerSecond()) * 1.1;
            nextDue = System.nanoTime();
            SplittableRandom random = new SplittableRandom(runId.hashCode());
            for (int i = 0; i < messages; i++) {
                String id = "d" + runId + "-m" + i;
                pending.put(id, i);
                paced(ws, new ClientMessage.ChatSend(id, words(random, 3, 40)));
            }
            awaitAll();
            for (int i = 0; i < todos; i++) {
                String id = "d" + runId + "-t" + i;
                pending.put(id, i);
                paced(ws, new ClientMessage.TodoAdd(id, "Todo " + (i + 1) + ": " + words(random, 2, 8)));
            }
            awaitAll();
            int completed = 0;
            for (int i = 2; i < todos; i += 3) {
                String id = "d" + runId + "-c" + i;
                pending.put(id, i);
                paced(ws, new ClientMessage.TodoSetCompleted(id, todoIds.get("d" + runId + "-t" + i), true));
                completed++;
            }
            awaitAll();
            int expected = Math.min(Limits.HISTORY_ON_SIGN_IN, welcome.history().size() + messages);
            return new Seeded(user, welcome.serverId(), welcome.history().size(), messages, todos, completed, expected,
                    welcome.messagesPerSecond(), (System.nanoTime() - began) / 1e9);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "seeded");
        }
    }

    private void send(WebSocket ws, ClientMessage message) throws Exception {
        ws.sendText(codec.encode(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends once the pacing allows, handling whatever answers arrived meanwhile. */
    private void paced(WebSocket ws, ClientMessage message) throws Exception {
        long wait;
        while ((wait = nextDue - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        nextDue += (long) intervalNanos;
        send(ws, message);
        Object answer;
        while ((answer = inbox.poll()) != null) {
            handle(answer);
        }
    }

    private ServerMessage.Welcome awaitWelcome() throws Exception {
        while (true) {
            Object next = take("the welcome");
            if (next instanceof ServerMessage.Welcome w) {
                return w;
            }
            handle(next);
        }
    }

    /** Waits until every pending command is echoed. */
    private void awaitAll() throws Exception {
        while (!pending.isEmpty()) {
            handle(take(pending.size() + " answers"));
        }
    }

    private Object take(String what) throws InterruptedException {
        Object next = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new IllegalStateException("preparing the account: no " + what + " from the server within "
                    + timeout.toSeconds() + " s");
        }
        return next;
    }

    /** Crosses an echoed command off (an add leaves its item's id); an error, close or failure ends the preparation. */
    private void handle(Object answer) {
        if (answer instanceof ChatMessage m && m.clientId() != null) {
            pending.remove(m.clientId());
        } else if (answer instanceof ServerMessage.TodoChanged c && c.clientId() != null
                && pending.remove(c.clientId()) != null && !c.upserted().isEmpty()) {
            todoIds.put(c.clientId(), c.upserted().get(0).id());
        } else if (answer instanceof ServerMessage.Error e) {
            throw new IllegalStateException("preparing the account: the server answered " + e.code() + " ("
                    + e.message() + ")" + (e.ref() == null ? "" : " to " + e.ref()));
        } else if (answer instanceof Closed c) {
            throw new IllegalStateException("preparing the account: the server closed the connection (" + c.code()
                    + " " + c.reason() + ")");
        } else if (answer instanceof Throwable t) {
            throw new IllegalStateException("preparing the account: the connection failed: " + t, t);
        }
    }

    private static String words(SplittableRandom random, int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        List<String> picked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            picked.add(WORDS[random.nextInt(WORDS.length)]);
        }
        String text = String.join(" ", picked);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Collects each text message's parts and queues it decoded; queues closes and failures as they are. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder frame = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                try {
                    inbox.add(codec.decodeServer(frame.toString()));
                } catch (ProtocolException e) {
                    inbox.add(e);
                }
                frame.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            inbox.add(new Closed(code, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            inbox.add(error);
        }
    }
}
