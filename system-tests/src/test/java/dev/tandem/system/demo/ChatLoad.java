package dev.tandem.system.demo;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TestClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One user posting chat through the proxy at a steady pace while processes restart under it, as a careful
 * client does: every message has its own client id; a message counts as acknowledged once its own
 * {@code chat.message} comes back, or once a welcome's history shows it; after every reconnect (by resume
 * token) every message not yet acknowledged is sent again, with the same client id. It keeps every chat
 * message it saw (live or in a welcome's history) by id, so duplicates and gaps can be counted afterwards.
 *
 * <p>Threads: the load runs on one thread of its own, which alone touches the connection and the books.
 * {@link #stopSendingAndAwaitAcks} and {@link #close()} are called from the test's thread and hand over
 * through a volatile flag; the books are read by the test thread only after {@link #close()} joined the load
 * thread (join is the happens-before edge).
 */
final class ChatLoad implements AutoCloseable {
    private static final Duration SIGN_IN_WAIT = Duration.ofSeconds(15);

    private final int port;
    private final String user;
    private final String password;
    private final String prefix;
    private final long intervalNanos;
    private final Thread thread;

    // Books: owned by the load thread until close() has joined it.
    private final Set<String> sent = new LinkedHashSet<>();
    private final Map<String, Long> acked = new HashMap<>();
    private final TreeMap<Long, ChatMessage> seen = new TreeMap<>();
    private final Deque<String> retry = new ArrayDeque<>();
    private int reconnects;
    private int resends;
    private int refusedTokens;
    private TestClient client;
    private String resumeToken;

    private volatile boolean sending = true;
    private volatile boolean sendingStopped; // set by the load thread once it posts nothing new any more
    private volatile boolean running = true;
    private volatile int pending;
    private volatile Throwable failure;

    ChatLoad(int port, String user, String password, String prefix, Duration interval) {
        this.port = port;
        this.user = user;
        this.password = password;
        this.prefix = prefix;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::run, "chat-load-" + user);
    }

    ChatLoad start() {
        thread.start();
        return this;
    }

    /** Stops posting new messages and waits until every message sent so far is acknowledged. */
    boolean stopSendingAndAwaitAcks(Duration timeout) {
        sending = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!sendingStopped || pending > 0) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // Poll interval of the condition wait.
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (failure != null) {
            throw new AssertionError("the chat load failed", failure);
        }
    }

    /** Client ids sent (each once, however often resent), in order. Read after {@link #close()}. */
    List<String> sent() {
        return new ArrayList<>(sent);
    }

    /** Client id to the message id of its acknowledgement. Read after {@link #close()}. */
    Map<String, Long> acked() {
        return Map.copyOf(acked);
    }

    /** Every chat message seen, by id. Read after {@link #close()}. */
    TreeMap<Long, ChatMessage> seen() {
        return new TreeMap<>(seen);
    }

    int reconnects() {
        return reconnects;
    }

    int resends() {
        return resends;
    }

    /** How often a resume token was refused (bad_token): each time, this window would have been signed out. */
    int refusedTokens() {
        return refusedTokens;
    }

    private void run() {
        try {
            long next = System.nanoTime();
            int count = 0;
            while (running) {
                if (client == null || client.isClosed()) {
                    if (!connect()) {
                        LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // Back-off between reconnects.
                        continue;
                    }
                    retry.clear();
                    sent.stream().filter(id -> !acked.containsKey(id)).forEach(retry::add);
                    resends += retry.size();
                }
                if (!retry.isEmpty()) {
                    if (!post(retry.peekFirst())) {
                        continue;
                    }
                    retry.pollFirst();
                } else if (sending && System.nanoTime() >= next) {
                    String clientId = prefix + "-" + (++count);
                    sent.add(clientId);
                    next += intervalNanos;
                    if (!post(clientId)) {
                        continue;
                    }
                }
                receive(client.poll(5));
                pending = (int) sent.stream().filter(id -> !acked.containsKey(id)).count();
                if (!sending) {
                    sendingStopped = true; // pending, just counted, includes every message it will ever send
                }
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    /** Sends one chat.send; false (and the connection dropped) when the connection is gone. */
    private boolean post(String clientId) {
        try {
            client.send(new ClientMessage.ChatSend(clientId, "load " + clientId));
            return true;
        } catch (RuntimeException e) {
            drop();
            return false;
        }
    }

    private void receive(ServerMessage message) {
        if (message instanceof ChatMessage chat) {
            see(chat);
        } else if (message instanceof ServerMessage.Error error && error.ref() != null
                && sent.contains(error.ref()) && !acked.containsKey(error.ref())) {
            retry.addLast(error.ref()); // e.g. unavailable or rate_limited: not posted, so post again
        }
    }

    private void see(ChatMessage chat) {
        seen.put(chat.id(), chat);
        if (user.equals(chat.author()) && chat.clientId() != null && sent.contains(chat.clientId())) {
            acked.putIfAbsent(chat.clientId(), chat.id());
        }
    }

    /** Connects through the proxy and signs in (by resume token once it has one); false when that failed. */
    private boolean connect() throws InterruptedException {
        drop();
        TestClient fresh;
        try {
            fresh = TestClient.connect(port, user);
            fresh.send(resumeToken == null
                    ? new ClientMessage.SignIn(Protocol.VERSION, user, password)
                    : new ClientMessage.Resume(Protocol.VERSION, resumeToken));
        } catch (RuntimeException e) {
            return false; // the proxy or the server is restarting: try again
        }
        long deadline = System.nanoTime() + SIGN_IN_WAIT.toNanos();
        while (System.nanoTime() < deadline && !fresh.isClosed()) {
            ServerMessage message = fresh.poll(20);
            if (message instanceof ServerMessage.Welcome welcome) {
                resumeToken = welcome.resumeToken();
                welcome.history().forEach(this::see);
                client = fresh;
                reconnects++;
                return true;
            }
            if (message instanceof ServerMessage.Error error) {
                if ("bad_token".equals(error.code())) {
                    refusedTokens++; // A real window would ask for the password now; this one keeps trying.
                }
                break; // e.g. unavailable while a server starts: try again
            }
        }
        fresh.close();
        return false;
    }

    private void drop() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Client ids of this load that were posted more than once (under different message ids). */
    static Set<String> duplicates(Map<Long, ChatMessage> messages, String user, String prefix) {
        Set<String> once = new HashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (ChatMessage message : messages.values()) {
            if (user.equals(message.author()) && message.clientId() != null && message.clientId().startsWith(prefix)
                    && !once.add(message.clientId())) {
                twice.add(message.clientId());
            }
        }
        return twice;
    }
}
