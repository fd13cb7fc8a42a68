package dev.tandem.client.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox on disk: every change a window made that the server has not acknowledged yet, in the order
 * it was made, so that quitting or crashing the app loses none of it. An append-only file of JSON lines
 * ({@code add}, {@code done}, {@code resolved}); each write is on disk ({@code fdatasync}) before the call
 * returns. A torn last line (a crash mid-write) is skipped on reading.
 *
 * <p>Each open window of an account holds one slot ({@code outbox-<n>.jsonl}, locked with a file lock, so
 * two windows, in one process or two, never share one). Opening takes the lowest free slot and adopts the
 * entries of every other free slot (left by windows that quit or crashed), so nothing waits for a window
 * that is not there.
 *
 * <p>Threads: not thread-safe; owned by the connection thread.
 */
public final class OutboxJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxJournal.class);
    private static final int MAX_SLOTS = 32;
    /** Rewrite the file once this many lines describe entries that are no longer pending. */
    private static final int COMPACT_AFTER = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One queued command and when it was queued. */
    public record Entry(Instant queuedAt, ClientMessage.Command command) {
    }

    private final AccountFiles files;
    private final int slot;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, Entry> pending = new LinkedHashMap<>();
    private final Map<String, String> resolved = new LinkedHashMap<>();
    private FileChannel out;
    private int deadLines;

    private OutboxJournal(AccountFiles files, int slot, FileChannel lockChannel, FileLock lock) {
        this.files = files;
        this.slot = slot;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens the lowest free slot of the account, with what it and the other free slots hold. */
    public static OutboxJournal open(AccountFiles files) throws IOException {
        Files.createDirectories(files.dir());
        for (int slot = 0; slot < MAX_SLOTS; slot++) {
            Optional<Held> held = tryLock(files.outboxLock(slot));
            if (held.isPresent()) {
                OutboxJournal journal = new OutboxJournal(files, slot, held.get().channel(), held.get().lock());
                try {
                    journal.load();
                } catch (IOException | RuntimeException e) {
                    journal.close();
                    throw e;
                }
                return journal;
            }
        }
        throw new IOException("all " + MAX_SLOTS + " outbox slots of " + files.dir() + " are in use");
    }

    /** The slot this window holds. */
    public int slot() {
        return slot;
    }

    /** Every command not yet acknowledged, oldest first. */
    public List<Entry> pending() {
        return List.copyOf(pending.values());
    }

    /** Local todo ids ({@code local:<clientId>}) whose server id is known. */
    public Map<String, String> resolutions() {
        return Map.copyOf(resolved);
    }

    /** Queues a command; it is on disk when this returns. A command whose client id is queued already is ignored. */
    public void append(ClientMessage.Command command, Instant now) throws IOException {
        if (pending.containsKey(command.clientId())) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("op", "add");
        line.put("at", now.toString());
        line.put("frame", Codec.get().encode(command));
        write(line);
        pending.put(command.clientId(), new Entry(now, command));
    }

    /** The server answered the command: it leaves the outbox. */
    public void done(String clientId) throws IOException {
        if (pending.remove(clientId) == null) {
            return;
        }
        if (pending.isEmpty()) {
            truncate(); // the common case: everything answered, the file starts over empty
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("op", "done");
        line.put("clientId", clientId);
        write(line);
        deadLines += 2;
        if (deadLines >= COMPACT_AFTER) {
            rewrite();
        }
    }

    /** A todo added offline got its id from the server: later commands naming {@code localId} use {@code serverId}. */
    public void resolved(String localId, String serverId) throws IOException {
        if (serverId.equals(resolved.put(localId, serverId))) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("op", "resolved");
        line.put("local", localId);
        line.put("id", serverId);
        write(line);
    }

    /** Releases the slot (the entries stay on disk for the next window of this account). */
    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            log.warn("closing outbox {}: {}", files.outbox(slot), e.toString());
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("releasing outbox lock {}: {}", files.outboxLock(slot), e.toString());
        }
    }

    // ---- internals ----

    private record Held(FileChannel channel, FileLock lock) {
    }

    private static Optional<Held> tryLock(Path lockFile) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new Held(channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // Held by another window of this process.
        }
        channel.close();
        return Optional.empty();
    }

    /** Reads this slot, adopts every other free slot's entries, and writes the union back as this slot. */
    private void load() throws IOException {
        List<Entry> all = new ArrayList<>();
        Map<String, String> resolutions = new LinkedHashMap<>();
        read(files.outbox(slot), all, resolutions);
        List<Path> adopted = new ArrayList<>();
        for (int other = 0; other < MAX_SLOTS; other++) {
            Path file = files.outbox(other);
            if (other == slot || !Files.exists(file)) {
                continue;
            }
            Optional<Held> held = tryLock(files.outboxLock(other));
            if (held.isEmpty()) {
                continue; // a running window's: it sends them itself
            }
            try {
                read(file, all, resolutions);
                adopted.add(file);
            } finally {
                held.get().lock().release();
                held.get().channel().close();
            }
        }
        all.sort(Comparator.comparing(Entry::queuedAt)); // stable: each file's own order is kept
        for (Entry entry : all) {
            pending.putIfAbsent(entry.command().clientId(), entry);
        }
        resolved.putAll(resolutions);
        rewrite();
        for (Path file : adopted) {
            Files.deleteIfExists(file);
            log.info("adopted {} from {}", file.getFileName(), files.dir());
        }
    }

    private static void read(Path file, List<Entry> into, Map<String, String> resolutions) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode line = JSON.readTree(text);
                switch (line.path("op").asText()) {
                    case "add" -> {
                        ClientMessage message = Codec.get().decodeClient(line.path("frame").asText());
                        if (message instanceof ClientMessage.Command command) {
                            entries.put(command.clientId(), new Entry(Instant.parse(line.path("at").asText()), command));
                        }
                    }
                    case "done" -> entries.remove(line.path("clientId").asText());
                    case "resolved" -> resolutions.put(line.path("local").asText(), line.path("id").asText());
                    default -> log.warn("{} line {}: unknown entry, skipped", file, i + 1);
                }
            } catch (IOException | ProtocolException | RuntimeException e) {
                // A crash in the middle of a write leaves a torn last line: that change was never confirmed
                // to anyone. Anything else unreadable is skipped with a warning rather than blocking the rest.
                log.warn("{} line {} unreadable, skipped ({})", file, i + 1, e.getMessage());
            }
        }
        into.addAll(entries.values());
    }

    private void write(ObjectNode line) throws IOException {
        if (out == null) {
            out = FileChannel.open(files.outbox(slot), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        out.force(false);
    }

    private void truncate() throws IOException {
        if (out == null) {
            out = FileChannel.open(files.outbox(slot), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        out.truncate(0);
        out.force(false);
        deadLines = 0;
        resolved.clear(); // nothing pending can name a local id any more
    }

    /** Writes only what is still pending to a new file and swaps it in atomically. */
    private void rewrite() throws IOException {
        Path file = files.outbox(slot);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> resolution : resolved.entrySet()) {
            ObjectNode line = JSON.createObjectNode();
            line.put("op", "resolved");
            line.put("local", resolution.getKey());
            line.put("id", resolution.getValue());
            text.append(JSON.writeValueAsString(line)).append('\n');
        }
        for (Entry entry : pending.values()) {
            ObjectNode line = JSON.createObjectNode();
            line.put("op", "add");
            line.put("at", entry.queuedAt().toString());
            line.put("frame", Codec.get().encode(entry.command()));
            text.append(JSON.writeValueAsString(line)).append('\n');
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        if (out != null) {
            out.close();
            out = null;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        deadLines = 0;
    }
}
