package dev.tandem.system.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * One user adding todos, one every few milliseconds on a thread of its own, through whichever window it has
 * now, and keeping the books: what it sent (client id → title), and which of those were acknowledged by a
 * {@code todo.changed} carrying their client id. After a reconnect it resends every unanswered request with
 * its original client id, as a client's outbox would.
 * <p>Threads: the writer thread sends; the test thread starts, stops, reconnects and checks.
 */
final class TodoWriter {
    final String user;
    private final Map<String, String> sent = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Every window this user had, oldest first; the last is the current one. */
    private final List<Window> windows = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running;
    private Thread thread;
    private int next;

    TodoWriter(String user, Window first) {
        this.user = user;
        windows.add(first);
    }

    Window window() {
        return windows.get(windows.size() - 1);
    }

    /**
     * Starts adding {@code burst} todos every {@code pace} (load, not waiting; a burst keeps some requests in
     * flight at any moment) until {@link #stop}, its window closes, or {@code max} were sent in all.
     */
    void start(int burst, Duration pace, int max) {
        running = true;
        Window w = window();
        thread = new Thread(() -> {
            while (running && !w.isClosed() && sentTitles().size() < max) {
                for (int i = 0; i < burst; i++) {
                    add(w);
                }
                LockSupport.parkNanos(pace.toNanos()); // pacing of the load
            }
        }, "todo-writer-" + user);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the writer thread; returns once it has. */
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).as("writer of %s stopped", user).isFalse();
        }
    }

    /** Sends one add through {@code w} (recorded as sent even if the send fails: it may have left). */
    String add(Window w) {
        String clientId;
        String title;
        synchronized (this) {
            clientId = user + "-a" + next;
            title = user + " #" + next;
            next++;
        }
        sent.put(clientId, title);
        w.trySend(new ClientMessage.TodoAdd(clientId, title));
        return clientId;
    }

    /** The highest revision any todo.changed of this user's requests carried (0 if none). */
    long highestAcknowledgedRevision() {
        long highest = 0;
        synchronized (windows) {
            for (Window w : windows) {
                for (var c : w.todoChanged.values()) {
                    highest = Math.max(highest, c.revision());
                }
            }
        }
        return highest;
    }

    /** For failure messages: each acknowledged client id with the revision and todo id it got. */
    String acknowledgementDetails() {
        StringBuilder sb = new StringBuilder();
        synchronized (windows) {
            for (Window w : windows) {
                w.todoChanged.forEach((clientId, c) -> {
                    if (sent.containsKey(clientId)) {
                        sb.append(clientId).append("->r").append(c.revision()).append('/')
                                .append(c.upserted().isEmpty() ? "-" : c.upserted().get(0).id()).append(' ');
                    }
                });
            }
        }
        return sb.toString().trim();
    }

    /** The title sent with {@code clientId}. */
    String title(String clientId) {
        return sent.get(clientId);
    }

    /** Closes every window this user had. */
    void closeAll() {
        synchronized (windows) {
            windows.forEach(Window::close);
        }
    }

    /** Every title sent so far, in order. */
    List<String> sentTitles() {
        synchronized (sent) {
            return List.copyOf(sent.values());
        }
    }

    /** Client ids acknowledged with a todo.changed, by any window of this user, in the order they were sent. */
    Set<String> acknowledged() {
        Set<String> acked = new LinkedHashSet<>();
        List<String> ids;
        synchronized (sent) {
            ids = List.copyOf(sent.keySet());
        }
        synchronized (windows) {
            for (String clientId : ids) {
                if (windows.stream().anyMatch(w -> w.todoChanged.containsKey(clientId))) {
                    acked.add(clientId);
                }
            }
        }
        return acked;
    }

    List<String> acknowledgedTitles() {
        return acknowledged().stream().map(sent::get).collect(Collectors.toList());
    }

    /** Sent requests that no window has had an answer for (todo.changed, todo.list or error). */
    List<String> unanswered() {
        List<String> open = new ArrayList<>();
        synchronized (sent) {
            for (String clientId : sent.keySet()) {
                boolean answered;
                synchronized (windows) {
                    answered = windows.stream().anyMatch(w -> w.answered(clientId));
                }
                if (!answered) {
                    open.add(clientId);
                }
            }
        }
        return open;
    }

    /** Makes {@code w}, a window of this user opened elsewhere, the current one. */
    void adopt(Window w) {
        windows.add(w);
    }

    /** Opens a new window (through {@code port}) and makes it the current one. */
    Window reconnect(int port, Duration timeout) {
        Window w = Window.openRetrying(port, user, timeout);
        windows.add(w);
        return w;
    }

    /** What {@link #resendUnanswered} did: how many it resent, and how many of those had landed already. */
    record Resent(int count, int answeredWithList) {
    }

    /**
     * Resends every unanswered request through the current window with its original client id and title,
     * and waits until each has its answer. {@code welcomed} is the list that window's welcome showed: a
     * resent add whose title is in it had landed before its answer was lost, so it must be answered with
     * {@code todo.list} and not applied again; one that is not in it must be applied now ({@code todo.changed}).
     */
    Resent resendUnanswered(TodoList welcomed) {
        Window w = window();
        List<String> present = welcomed.items().stream().map(Todo::title).toList();
        List<String> resend = unanswered();
        for (String clientId : resend) {
            w.send(new ClientMessage.TodoAdd(clientId, sent.get(clientId)));
        }
        w.await(Duration.ofSeconds(20), "answers to " + resend.size() + " resent todo adds",
                () -> resend.stream().allMatch(w::answered));
        int landed = 0;
        for (String clientId : resend) {
            assertThat(w.errors).as("%s: resent %s answered without an error", user, clientId).doesNotContainKey(clientId);
            if (present.contains(sent.get(clientId))) {
                landed++;
                assertThat(w.todoLists).as("%s: resent %s had landed: answered with the list", user, clientId)
                        .containsKey(clientId);
                assertThat(w.todoChanged).as("%s: resent %s had landed: not applied again", user, clientId)
                        .doesNotContainKey(clientId);
                assertThat(w.todoLists.get(clientId).todos().items()).extracting(Todo::title)
                        .as("%s: the list answering %s holds it", user, clientId).contains(sent.get(clientId));
            } else {
                assertThat(w.todoChanged).as("%s: resent %s had not landed: applied now", user, clientId)
                        .containsKey(clientId);
            }
        }
        return new Resent(resend.size(), landed);
    }

    /**
     * Resends, through the current window, the last {@code n} adds an earlier window saw acknowledged (as an
     * outbox replaying after a crash would): the server must know their client ids as applied, even though
     * they were applied by another server or before a kill, and answer each with {@code todo.list}.
     */
    void resendAcknowledged(int n) {
        Window w = window();
        List<String> earlier = new ArrayList<>();
        synchronized (windows) {
            for (String clientId : acknowledged()) {
                if (!w.todoChanged.containsKey(clientId)) {
                    earlier.add(clientId);
                }
            }
        }
        List<String> replay = earlier.subList(Math.max(0, earlier.size() - n), earlier.size());
        assertThat(replay).as("%s: adds acknowledged in an earlier window to replay", user).isNotEmpty();
        for (String clientId : replay) {
            w.send(new ClientMessage.TodoAdd(clientId, sent.get(clientId)));
        }
        w.await(Duration.ofSeconds(20), "answers to " + replay.size() + " replayed acknowledged adds",
                () -> replay.stream().allMatch(w::answered));
        for (String clientId : replay) {
            assertThat(w.todoLists).as("%s: replayed %s (acknowledged before) answered with the list", user, clientId)
                    .containsKey(clientId);
            assertThat(w.todoChanged).as("%s: replayed %s not applied again", user, clientId).doesNotContainKey(clientId);
            assertThat(w.errors).as("%s: replayed %s answered without an error", user, clientId).doesNotContainKey(clientId);
        }
    }

    /** Waits until every request sent through the current window has been answered. */
    void awaitAllAnswered() {
        Window w = window();
        w.await(Duration.ofSeconds(20), "an answer to every todo add", () -> unanswered().isEmpty());
    }

    /**
     * Asserts that {@code list} holds every acknowledged add exactly once, nothing that was never sent, and a
     * revision that counts exactly its adds (this user only adds, so one revision per item).
     */
    void assertHoldsEveryAcknowledged(TodoList list, String when) {
        List<String> present = list.items().stream().map(Todo::title).toList();
        List<String> acked = acknowledgedTitles();
        long lost = acked.stream().filter(t -> !present.contains(t)).count();
        long twice = present.size() - present.stream().distinct().count();
        System.out.printf("[failover] %s %s: sent %d, acknowledged %d, present %d, lost %d, twice %d, revision %d%n",
                user, when, sentTitles().size(), acked.size(), present.size(), lost, twice, list.revision());
        assertThat(present).as("%s %s: every acknowledged todo present (0 lost)", user, when).containsAll(acked);
        assertThat(present).as("%s %s: no todo twice", user, when).doesNotHaveDuplicates();
        assertThat(sentTitles()).as("%s %s: nothing present that was never sent", user, when).containsAll(present);
        assertThat(list.revision()).as("%s %s: revision = number of adds applied", user, when)
                .isEqualTo(present.size());
        assertThat(list.revision()).as("%s %s: revision not behind any acknowledged one", user, when)
                .isGreaterThanOrEqualTo(highestAcknowledgedRevision());
    }
}
