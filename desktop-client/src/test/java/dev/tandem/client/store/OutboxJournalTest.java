package dev.tandem.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox file on a real disk: what survives a reopen, a torn write, and windows that come and go. */
class OutboxJournalTest {
    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path dir;

    private AccountFiles files() {
        return new AccountFiles(dir.resolve("alice"));
    }

    @Test
    void whatIsAppendedAndNotDoneIsThereAfterAReopenInOrder() throws IOException {
        try (OutboxJournal journal = OutboxJournal.open(files())) {
            journal.append(new ClientMessage.ChatSend("c1", "one"), T);
            journal.append(new ClientMessage.TodoAdd("t1", "milk"), T.plusSeconds(1));
            journal.append(new ClientMessage.ChatSend("c2", "two"), T.plusSeconds(2));
            journal.done("t1");
            journal.resolved("local:t1", "17");
        }
        try (OutboxJournal again = OutboxJournal.open(files())) {
            assertThat(again.pending()).extracting(e -> e.command().clientId()).containsExactly("c1", "c2");
            assertThat(again.resolutions()).containsEntry("local:t1", "17");
            assertThat(again.slot()).isZero();
        }
    }

    @Test
    void aTornLastLineIsSkippedAndTheRestKept() throws IOException {
        try (OutboxJournal journal = OutboxJournal.open(files())) {
            journal.append(new ClientMessage.ChatSend("c1", "one"), T);
        }
        Files.writeString(files().outbox(0), "{\"op\":\"add\",\"at\":\"2026-12-02T10:00:01Z\",\"fra",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (OutboxJournal again = OutboxJournal.open(files())) {
            assertThat(again.pending()).extracting(e -> e.command().clientId()).containsExactly("c1");
        }
    }

    @Test
    void everythingDoneLeavesAnEmptyFile() throws IOException {
        try (OutboxJournal journal = OutboxJournal.open(files())) {
            journal.append(new ClientMessage.ChatSend("c1", "one"), T);
            journal.done("c1");
            assertThat(Files.size(files().outbox(0))).isZero();
        }
    }

    @Test
    void twoOpenWindowsHoldTwoSlotsAndALaterWindowAdoptsWhatAQuitOneLeft() throws IOException {
        OutboxJournal first = OutboxJournal.open(files());
        OutboxJournal second = OutboxJournal.open(files());
        assertThat(second.slot()).isEqualTo(1);
        first.append(new ClientMessage.ChatSend("a1", "from the first"), T);
        second.append(new ClientMessage.ChatSend("b1", "from the second"), T.plusSeconds(1));
        first.append(new ClientMessage.ChatSend("a2", "first again"), T.plusSeconds(2));
        second.close(); // quit with an unsent message

        // The first window keeps running: it does not take the second's entries while its own slot is held.
        assertThat(first.pending()).extracting(e -> e.command().clientId()).containsExactly("a1", "a2");
        first.close();

        try (OutboxJournal later = OutboxJournal.open(files())) {
            assertThat(later.slot()).isZero();
            assertThat(later.pending()).extracting(e -> e.command().clientId()).containsExactly("a1", "b1", "a2");
            assertThat(files().outbox(1)).doesNotExist();
        }
    }

    @Test
    void aCommandQueuedTwiceIsKeptOnce() throws IOException {
        try (OutboxJournal journal = OutboxJournal.open(files())) {
            journal.append(new ClientMessage.ChatSend("c1", "one"), T);
            journal.append(new ClientMessage.ChatSend("c1", "one"), T.plusSeconds(1));
            assertThat(journal.pending()).hasSize(1);
        }
    }

    @Test
    void manyAnsweredEntriesAreCompactedAway() throws IOException {
        try (OutboxJournal journal = OutboxJournal.open(files())) {
            journal.append(new ClientMessage.ChatSend("keep", "stays"), T);
            for (int i = 0; i < 300; i++) {
                journal.append(new ClientMessage.ChatSend("c" + i, "n"), T.plusSeconds(i));
                journal.done("c" + i);
            }
            assertThat(Files.readAllLines(files().outbox(0)).size()).isLessThan(300);
        }
        try (OutboxJournal again = OutboxJournal.open(files())) {
            assertThat(again.pending()).extracting(e -> e.command().clientId()).containsExactly("keep");
        }
    }
}
