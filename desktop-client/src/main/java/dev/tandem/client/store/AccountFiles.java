package dev.tandem.client.store;

import java.nio.file.Path;

/**
 * The files of one account on this machine. User names are limited by the protocol to lower-case letters,
 * digits, '.', '_' and '-', starting with a letter or digit, so they are safe folder names. Immutable.
 *
 * @param dir the account's folder
 */
public record AccountFiles(Path dir) {

    /** The saved session (server, user, resume token): readable by this user only. */
    public Path session() {
        return dir.resolve("session.json");
    }

    /** The last copy of the todo list and recent chat, shown at start before the server answers. */
    public Path cache() {
        return dir.resolve("cache.json");
    }

    /** Outbox slot {@code n}: one per window of this account that is open at the same time. */
    public Path outbox(int slot) {
        return dir.resolve("outbox-" + slot + ".jsonl");
    }

    /** The lock that says slot {@code n} is in use by a running window. */
    public Path outboxLock(int slot) {
        return dir.resolve("outbox-" + slot + ".lock");
    }
}
