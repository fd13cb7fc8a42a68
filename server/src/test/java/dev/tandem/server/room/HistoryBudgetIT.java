package dev.tandem.server.room;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The welcome's history and each history page are bounded in bytes as well as in count: a room of 100 long
 * messages welcomes a window with the newest that fit in {@link Limits#HISTORY_BYTES} and says there is more,
 * and paging back hands out every message exactly once, each page within the budget too. A room of a few
 * short messages says there is nothing older. So a small {@code resume} cannot pull a megabyte out of a server.
 */
@Timeout(90)
class HistoryBudgetIT {
    private static final String PASSWORD = "correct horse battery";
    private static final int MESSAGES = 100;

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withRateLimit(2000, 2000));

    @Test
    void longMessagesMakeAShorterWelcomeThatSaysMoreAndPagesBringTheRestOnce() {
        String alice = newUser("alice");
        String room = "long-" + alice.substring(alice.length() - 8);
        List<Long> posted = new ArrayList<>();
        try (TestClient writer = TestClient.signIn(cluster.port(1), alice, PASSWORD)) {
            writer.ask(new ClientMessage.RoomCreate("create", room), ServerMessage.RoomJoined.class);
            for (int i = 0; i < MESSAGES; i++) {
                String text = ("message " + i + " ").repeat(Limits.MAX_CHAT_TEXT).substring(0, Limits.MAX_CHAT_TEXT - 10);
                posted.add(writer.ask(new ClientMessage.ChatSend("m" + i, room, text), ChatMessage.class).id());
            }
        }
        try (TestClient window = TestClient.signIn(cluster.port(1), alice, PASSWORD, room)) {
            ServerMessage.Welcome welcome = window.welcome();
            assertThat(welcome.room()).isEqualTo(room);
            List<ChatMessage> history = welcome.history();
            assertThat(history).as("fewer than the count allows: the bytes ran out").hasSizeBetween(1, MESSAGES - 1);
            assertThat(bytes(history)).isLessThanOrEqualTo(Limits.HISTORY_BYTES);
            assertThat(welcome.historyMore()).isTrue();
            assertThat(history.stream().map(ChatMessage::id).toList())
                    .as("the newest, oldest first").isEqualTo(posted.subList(MESSAGES - history.size(), MESSAGES));

            List<Long> seen = new ArrayList<>(history.stream().map(ChatMessage::id).toList());
            long before = history.get(0).id();
            boolean more = true;
            int pages = 0;
            while (more) {
                ServerMessage.ChatPage page = window.ask(new ClientMessage.ChatHistory("p" + pages++, room, before, null),
                        ServerMessage.ChatPage.class);
                assertThat(page.messages()).isNotEmpty();
                assertThat(bytes(page.messages())).isLessThanOrEqualTo(Limits.HISTORY_BYTES);
                List<Long> ids = page.messages().stream().map(ChatMessage::id).toList();
                seen.addAll(0, ids);
                before = ids.get(0);
                more = page.more();
            }
            assertThat(pages).as("a page of 100 long messages would be far over the budget").isGreaterThan(1);
            assertThat(seen).as("every message once, in order").isEqualTo(posted)
                    .isEqualTo(LongStream.rangeClosed(posted.get(0), posted.get(MESSAGES - 1)).boxed().toList());
        }
    }

    @Test
    void aRoomOfAFewShortMessagesHasNothingOlder() {
        String bob = newUser("bob");
        String room = "short-" + bob.substring(bob.length() - 8);
        try (TestClient writer = TestClient.signIn(cluster.port(1), bob, PASSWORD)) {
            writer.ask(new ClientMessage.RoomCreate("create", room), ServerMessage.RoomJoined.class);
            for (int i = 0; i < 3; i++) {
                writer.ask(new ClientMessage.ChatSend("s" + i, room, "short " + i), ChatMessage.class);
            }
        }
        try (TestClient window = TestClient.signIn(cluster.port(1), bob, PASSWORD, room)) {
            assertThat(window.welcome().history()).hasSize(3);
            assertThat(window.welcome().historyMore()).isFalse();
        }
    }

    private static int bytes(List<ChatMessage> messages) {
        return messages.stream().mapToInt(m -> Codec.get().encode(m).getBytes(StandardCharsets.UTF_8).length).sum();
    }
}
