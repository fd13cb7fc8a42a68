package dev.tandem.system.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One user streaming chat, a message every few milliseconds with distinct client ids, on the calling
 * thread. When its window goes (server or proxy killed) it reconnects through the proxy and resends every
 * message not yet acknowledged (its own {@code chat.message} with that client id) with the same client id,
 * then carries on. Keeps the books: sent client ids, and the id each acknowledged message got.
 * <p>Threads: {@link #run} on the test thread, which starts the killer thread; the rest from any.
 */
final class ChatStream {
    final String user;
    private final int proxyPort;
    private final List<String> sent = new ArrayList<>();
    private final List<Window> windows = Collections.synchronizedList(new ArrayList<>());
    /** Close codes of the windows that went, in order. */
    final List<Integer> closeCodes = new ArrayList<>();
    /** Server of each window, in order. */
    final List<String> servers = new ArrayList<>();
    /** How many messages were acknowledged when the kill was started. */
    volatile int acknowledgedAtKill = -1;
    /** How many messages were resent after each reconnect. */
    final List<Integer> resent = new ArrayList<>();

    ChatStream(String user, Window first, int proxyPort) {
        this.user = user;
        this.proxyPort = proxyPort;
        windows.add(first);
        servers.add(first.serverId());
    }

    static String clientId(String user, int i) {
        return user + "-c" + i;
    }

    Window window() {
        return windows.get(windows.size() - 1);
    }

    /**
     * Sends {@code count} messages, one every {@code pace} (load, not waiting); right after message
     * {@code killAt} has gone it starts {@code kill} on a thread of its own, so the kill lands mid-stream
     * while sending goes on. Then waits until every message is acknowledged, reconnecting as needed, and
     * until the kill has finished (its failure is rethrown).
     */
    void run(int count, Duration pace, int killAt, Runnable kill) throws InterruptedException {
        CompletableFuture<Void> killed = new CompletableFuture<>();
        Thread killer = new Thread(() -> {
            try {
                kill.run();
                killed.complete(null);
            } catch (Throwable e) {
                killed.completeExceptionally(e);
            }
        }, "killer");
        killer.setDaemon(true);
        for (int i = 0; i < count; i++) {
            String clientId = clientId(user, i);
            sent.add(clientId);
            if (window().isClosed() || !window().trySend(new ClientMessage.ChatSend(clientId, "message " + i + " from " + user))) {
                reconnectAndResend(); // resends this one too: it is not acknowledged
            }
            if (i == killAt) {
                acknowledgedAtKill = acknowledgedCount();
                killer.start();
            }
            LockSupport.parkNanos(pace.toNanos()); // pacing of the load
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledgedCount() < sent.size() || !killed.isDone()) {
            assertThat(System.nanoTime()).as("%s: every chat message acknowledged (%d of %d) and the kill done (%s)",
                    user, acknowledgedCount(), sent.size(), killed.isDone()).isLessThan(deadline);
            if (window().isClosed()) {
                reconnectAndResend();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll interval of this bounded wait
        }
        killer.join(TimeUnit.SECONDS.toMillis(10));
        killed.join();
    }

    private void reconnectAndResend() {
        closeCodes.add(window().awaitClose(Duration.ofSeconds(10)));
        Window w = Window.openRetrying(proxyPort, user, Duration.ofSeconds(30));
        windows.add(w);
        servers.add(w.serverId());
        Map<String, Long> acked = acknowledged();
        int n = 0;
        for (int i = 0; i < sent.size(); i++) {
            String clientId = sent.get(i);
            if (!acked.containsKey(clientId)) {
                // The text is the one first sent (message i): a resend is the same message.
                int index = Integer.parseInt(clientId.substring(clientId.lastIndexOf("-c") + 2));
                if (!w.trySend(new ClientMessage.ChatSend(clientId, "message " + index + " from " + user))) {
                    reconnectAndResend();
                    return;
                }
                n++;
            }
        }
        resent.add(n);
        System.out.printf("[failover] %s reconnected to %s after close %d; resent %d of %d%n",
                user, w.serverId(), closeCodes.get(closeCodes.size() - 1), n, sent.size());
    }

    /** Client id → message id of every acknowledged message (the first acknowledgement seen for it). */
    Map<String, Long> acknowledged() {
        Map<String, Long> acked = new LinkedHashMap<>();
        synchronized (windows) {
            for (Window w : windows) {
                for (ChatMessage m : w.chat()) {
                    if (user.equals(m.author()) && m.clientId() != null) {
                        acked.putIfAbsent(m.clientId(), m.id());
                    }
                }
            }
        }
        return acked;
    }

    /** Every acknowledgement each client id got, across windows: a resend must repeat the original id. */
    Map<String, List<Long>> acknowledgementsById() {
        Map<String, List<Long>> all = new HashMap<>();
        synchronized (windows) {
            for (Window w : windows) {
                for (ChatMessage m : w.chat()) {
                    if (user.equals(m.author()) && m.clientId() != null) {
                        all.computeIfAbsent(m.clientId(), k -> new ArrayList<>()).add(m.id());
                    }
                }
            }
        }
        return all;
    }

    int acknowledgedCount() {
        return acknowledged().size();
    }

    List<String> sent() {
        return List.copyOf(sent);
    }

    void closeAll() {
        synchronized (windows) {
            windows.forEach(Window::close);
        }
    }
}
