package dev.tandem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.model.ClientMessage.ChatSend;
import dev.tandem.model.ServerMessage.TodoOp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodecTest {
    private final Codec codec = Codec.get();

    static Stream<ClientMessage> clientMessages() {
        return Stream.of(
                new ClientMessage.SignIn(Protocol.VERSION, "alice", "correct horse"),
                new ClientMessage.SignIn(Protocol.VERSION, "alice", "correct horse", false, "design"),
                new ClientMessage.Resume(Protocol.VERSION, "abc.def"),
                new ClientMessage.Resume(Protocol.VERSION, "abc.def", "dm:alice:bob"),
                new ChatSend("c1", "hello 🌍 \"world\"\nline two"),
                new ChatSend("c1b", "design", "in a room"),
                new ClientMessage.ChatEdit("c1c", "design", 7, "edited"),
                new ClientMessage.ChatDelete("c1d", "dm:alice:bob", 8),
                new ClientMessage.ChatHistory("c1e", "general", 42L, 50),
                new ClientMessage.ChatHistory("c1f", "general", null, null),
                new ClientMessage.RoomCreate("r1", "design"),
                new ClientMessage.RoomJoin("r2", "design"),
                new ClientMessage.RoomLeave("r3", "design"),
                new ClientMessage.RoomList("r4", null),
                new ClientMessage.RoomList("r5", "backend"),
                new ClientMessage.RoomMembers("r6", "design"),
                new ClientMessage.DmOpen("r7", "bob"),
                new ClientMessage.MarkRead("general", 42),
                new ClientMessage.Typing("design"),
                new ClientMessage.TodoAdd("c2", "buy milk"),
                new ClientMessage.TodoRename("c3", "7", "buy oat milk"),
                new ClientMessage.TodoSetCompleted("c4", "7", true),
                new ClientMessage.TodoDelete("c5", "7"),
                new ClientMessage.TodoToggleAll("c6", false),
                new ClientMessage.TodoClearCompleted("c7"),
                new ClientMessage.TodoSync("c8"),
                new ClientMessage.Ping("n1"));
    }

    static Stream<ServerMessage> serverMessages() {
        Instant at = Instant.parse("2026-11-25T10:15:30.123Z");
        ChatMessage chat = new ChatMessage(42, "alice", "hi", at, "c1", "s1");
        TodoList todos = new TodoList(3, List.of(new Todo("1", "a", false), new Todo("2", "b", true)));
        return Stream.of(
                new ServerMessage.Welcome(Protocol.VERSION, "alice", "s1", true, "tok", todos, "general", List.of(chat),
                        List.of(new RoomSummary("general", RoomSummary.RoomKind.room, "general", 3, 42, 40, 2),
                                new RoomSummary("dm:alice:bob", RoomSummary.RoomKind.dm, "bob", 2, 0, 0, 0)),
                        List.of("alice", "bob"), 20),
                chat,
                chat.edited("hi!", at.plusSeconds(5)),
                chat.asDeleted(),
                new ServerMessage.ChatEdited("c3", "general", 42, "hi!", at),
                new ServerMessage.ChatDeleted("c4", "general", 42),
                new ServerMessage.ChatPage("c5", "general", List.of(chat), true),
                new ServerMessage.RoomJoined("r1", new RoomSummary("design", RoomSummary.RoomKind.room, "design", 1, 0, 0, 0)),
                new ServerMessage.RoomJoined(null, new RoomSummary("dm:alice:bob", RoomSummary.RoomKind.dm, "bob", 2, 3, 0, 3)),
                new ServerMessage.RoomLeft("r3", "design"),
                new ServerMessage.RoomMember("design", "carol", true, 5),
                new ServerMessage.RoomDirectory("r4", List.of(new ServerMessage.PublicRoom("design", 4, true)), false),
                new ServerMessage.RoomRoster("r6", "design", List.of("alice", "bob"), false),
                new ServerMessage.ReadPosition("general", 42, 0),
                new ServerMessage.Presence(List.of("carol"), List.of("dave")),
                new ServerMessage.Typing("general", "bob"),
                new ServerMessage.TodoChanged("c2", 4, TodoOp.added, List.of(new Todo("3", "c", false)), List.of()),
                new ServerMessage.TodoChanged(null, 5, TodoOp.cleared_completed, List.of(), List.of("2")),
                new ServerMessage.TodoSnapshot("c8", todos),
                new ServerMessage.Error("invalid", "title must not be empty", "c9"),
                new ServerMessage.Error("bad_json", "not valid JSON", null),
                new ServerMessage.Error("rate_limited", "too many", "c10", 350L),
                new ServerMessage.Pong("n1"));
    }

    @ParameterizedTest
    @MethodSource("clientMessages")
    void clientMessagesRoundTrip(ClientMessage message) throws ProtocolException {
        assertThat(codec.decodeClient(codec.encode(message))).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("serverMessages")
    void serverMessagesRoundTrip(ServerMessage message) throws ProtocolException {
        assertThat(codec.decodeServer(codec.encode(message))).isEqualTo(message);
    }

    @Test
    void wireFormatUsesTypeNames() {
        assertThat(codec.encode(new ChatSend("c1", "hi")))
                .isEqualTo("{\"type\":\"chat.send\",\"clientId\":\"c1\",\"text\":\"hi\"}");
        assertThat(codec.encode(new ServerMessage.Error("bad_json", "x", null)))
                .isEqualTo("{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"x\"}");
        assertThat(codec.encode(new ServerMessage.Error("rate_limited", "x", "c1", 350L)))
                .isEqualTo("{\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"x\",\"ref\":\"c1\",\"retryAfterMs\":350}");
    }

    @Test
    void signInNeverPrintsThePassword() {
        assertThat(new ClientMessage.SignIn(1, "alice", "s3cret-pass").toString()).doesNotContain("s3cret");
    }

    static Stream<Arguments> badFrames() {
        String longText = "x".repeat(Limits.MAX_CHAT_TEXT + 1);
        return Stream.of(
                Arguments.of("not json", ErrorCode.BAD_JSON, null),
                Arguments.of("{\"type\":\"ping\"} trailing", ErrorCode.BAD_JSON, null),
                Arguments.of("[1,2]", ErrorCode.BAD_JSON, null),
                Arguments.of("\"just a string\"", ErrorCode.BAD_JSON, null),
                Arguments.of("{\"clientId\":\"c1\"}", ErrorCode.INVALID, "c1"),
                Arguments.of("{\"type\":42}", ErrorCode.INVALID, null),
                Arguments.of("{\"type\":\"chat.shout\",\"clientId\":\"c2\"}", ErrorCode.UNKNOWN_TYPE, "c2"),
                Arguments.of("{\"type\":\"welcome\"}", ErrorCode.UNKNOWN_TYPE, null),
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"c3\",\"text\":\"   \"}", ErrorCode.INVALID, "c3"),
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"c4\"}", ErrorCode.INVALID, "c4"),
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"c5\",\"text\":\"" + longText + "\"}",
                        ErrorCode.INVALID, "c5"),
                Arguments.of("{\"type\":\"chat.send\",\"text\":\"no id\"}", ErrorCode.INVALID, null),
                // Too long, but valid Unicode: echoed exactly, so the client can match the refusal to its request.
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"" + "i".repeat(65) + "\",\"text\":\"x\"}",
                        ErrorCode.INVALID, "i".repeat(65)),
                Arguments.of("{\"type\":\"todo.add\",\"clientId\":\"c6\",\"title\":\"\"}", ErrorCode.INVALID, "c6"),
                Arguments.of("{\"type\":\"todo.add\",\"clientId\":\"c7\",\"title\":\""
                        + "t".repeat(Limits.MAX_TODO_TITLE + 1) + "\"}", ErrorCode.INVALID, "c7"),
                Arguments.of("{\"type\":\"todo.rename\",\"clientId\":\"c8\",\"title\":\"x\"}", ErrorCode.INVALID, "c8"),
                Arguments.of("{\"type\":\"todo.set_completed\",\"clientId\":\"c9\",\"todoId\":\"1\",\"completed\":\"yes\"}",
                        ErrorCode.INVALID, "c9"),
                Arguments.of("{\"type\":\"todo.set_completed\",\"clientId\":\"c9\",\"todoId\":\"1\",\"completed\":null}",
                        ErrorCode.INVALID, "c9"),
                Arguments.of("{\"type\":\"sign_in\",\"protocol\":1,\"user\":\"Alice\",\"password\":\"longenough\"}",
                        ErrorCode.INVALID, null),
                Arguments.of("{\"type\":\"sign_in\",\"protocol\":1,\"user\":\"alice\",\"password\":\"short\"}",
                        ErrorCode.INVALID, null),
                Arguments.of("{\"type\":\"sign_in\",\"protocol\":2,\"user\":\"alice\",\"password\":\"longenough\"}",
                        ErrorCode.UNSUPPORTED_VERSION, null),
                Arguments.of("{\"type\":\"resume\",\"protocol\":1}", ErrorCode.INVALID, null),
                // Lone surrogates: not Unicode, and UTF-8 would turn them into '?' (so no ref for the id itself).
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"c\\ud800\",\"text\":\"x\"}", ErrorCode.INVALID, null),
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"c\\udc00x\",\"text\":\"x\"}", ErrorCode.INVALID, null),
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"c10\",\"text\":\"a\\udbff\"}", ErrorCode.INVALID, "c10"),
                Arguments.of("{\"type\":\"todo.add\",\"clientId\":\"c11\",\"title\":\"\\udfff\"}", ErrorCode.INVALID, "c11"),
                Arguments.of("{\"type\":\"todo.delete\",\"clientId\":\"c12\",\"todoId\":\"\\ud800\"}", ErrorCode.INVALID, "c12"),
                Arguments.of("{\"type\":\"sign_in\",\"protocol\":1,\"user\":\"alice\",\"password\":\"longenough\\ud800\"}",
                        ErrorCode.INVALID, null),
                // Rooms: names, DM names, message ids and page sizes.
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"r1\",\"room\":\"Design\",\"text\":\"x\"}", ErrorCode.INVALID, "r1"),
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"r2\",\"room\":\"dm:bob:alice\",\"text\":\"x\"}", ErrorCode.INVALID, "r2"),
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"r3\",\"room\":\"dm:alice:alice\",\"text\":\"x\"}", ErrorCode.INVALID, "r3"),
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"r4\",\"room\":\"a.b\",\"text\":\"x\"}", ErrorCode.INVALID, "r4"),
                Arguments.of("{\"type\":\"room.create\",\"clientId\":\"r5\",\"room\":\"dm:alice:bob\"}", ErrorCode.INVALID, "r5"),
                Arguments.of("{\"type\":\"room.create\",\"clientId\":\"r6\",\"room\":\"" + "r".repeat(33) + "\"}", ErrorCode.INVALID, "r6"),
                Arguments.of("{\"type\":\"room.join\",\"clientId\":\"r7\"}", ErrorCode.INVALID, "r7"),
                Arguments.of("{\"type\":\"chat.edit\",\"clientId\":\"r8\",\"room\":\"general\",\"id\":0,\"text\":\"x\"}", ErrorCode.INVALID, "r8"),
                Arguments.of("{\"type\":\"chat.edit\",\"clientId\":\"r9\",\"room\":\"general\",\"id\":4,\"text\":\" \"}", ErrorCode.INVALID, "r9"),
                Arguments.of("{\"type\":\"chat.delete\",\"clientId\":\"r10\",\"room\":\"general\"}", ErrorCode.INVALID, "r10"),
                Arguments.of("{\"type\":\"chat.history\",\"clientId\":\"r11\",\"room\":\"general\",\"limit\":101}", ErrorCode.INVALID, "r11"),
                Arguments.of("{\"type\":\"chat.history\",\"clientId\":\"r12\",\"room\":\"general\",\"before\":-3}", ErrorCode.INVALID, "r12"),
                Arguments.of("{\"type\":\"dm.open\",\"clientId\":\"r13\",\"user\":\"Bob!\"}", ErrorCode.INVALID, "r13"),
                Arguments.of("{\"type\":\"room.read\",\"room\":\"general\"}", ErrorCode.INVALID, null),
                Arguments.of("{\"type\":\"typing\"}", ErrorCode.INVALID, null),
                Arguments.of("{\"type\":\"sign_in\",\"protocol\":1,\"user\":\"alice\",\"password\":\"longenough\",\"room\":\"#x\"}",
                        ErrorCode.INVALID, null));
    }

    @Test
    void pairedSurrogatesAreFine() throws ProtocolException {
        ClientMessage message = Codec.get().decodeClient("{\"type\":\"chat.send\",\"clientId\":\"c-\\ud83d\\ude00\",\"text\":\"\\ud83d\\ude00 hi\"}");
        assertThat(((ClientMessage.ChatSend) message).clientId()).isEqualTo("c-\ud83d\ude00");
    }

    @ParameterizedTest
    @MethodSource("badFrames")
    void malformedFramesAreRejectedWithTheirCode(String frame, ErrorCode code, String ref) {
        assertThatThrownBy(() -> codec.decodeClient(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.ref()).isEqualTo(ref);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("{\"type\":\"todo.set_completed\",\"clientId\":\"w1\",\"todoId\":\"1\",\"completed\":\"true\"}",
                        "w1", "field \"completed\" must be true or false"),
                Arguments.of("{\"type\":\"todo.set_completed\",\"clientId\":\"w2\",\"todoId\":\"1\",\"completed\":1}",
                        "w2", "field \"completed\" must be true or false"),
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"w3\",\"text\":5}", "w3", "field \"text\" must be a string"),
                Arguments.of("{\"type\":\"chat.send\",\"clientId\":\"w4\",\"text\":true}", "w4", "field \"text\" must be a string"),
                Arguments.of("{\"type\":\"todo.add\",\"clientId\":\"w5\",\"title\":{\"a\":1}}", "w5", "field \"title\" must be a string"),
                Arguments.of("{\"type\":\"sign_in\",\"protocol\":\"1\",\"user\":\"alice\",\"password\":\"longenough\"}",
                        null, "field \"protocol\" must be a whole number"),
                Arguments.of("{\"type\":\"sign_in\",\"protocol\":1.5,\"user\":\"alice\",\"password\":\"longenough\"}",
                        null, "field \"protocol\" must be a whole number"),
                Arguments.of("{\"type\":\"sign_in\",\"protocol\":null,\"user\":\"alice\",\"password\":\"longenough\"}",
                        null, "field \"protocol\" is required"),
                Arguments.of("{\"type\":\"chat.history\",\"clientId\":\"w6\",\"room\":\"general\",\"limit\":\"10\"}",
                        "w6", "field \"limit\" must be a whole number"),
                Arguments.of("{\"type\":\"chat.edit\",\"clientId\":\"w7\",\"room\":\"general\",\"id\":\"4\",\"text\":\"x\"}",
                        "w7", "field \"id\" must be a whole number"));
    }

    /** Strict types, and errors in the protocol's words: never the parser's internals. */
    @ParameterizedTest
    @MethodSource("wrongTypes")
    void aFieldOfTheWrongTypeIsInvalidAndSaysWhichAndWhy(String frame, String ref, String message) {
        assertThatThrownBy(() -> codec.decodeClient(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
                    assertThat(e.ref()).isEqualTo(ref);
                    assertThat(e.getMessage()).endsWith(message)
                            .doesNotContain("Cannot", "DeserializationConfig", "java.", "jackson", "MapperFeature");
                });
    }

    @Test
    void oversizedFrameIsTooLarge() {
        String frame = "{\"type\":\"chat.send\",\"clientId\":\"c1\",\"text\":\"" + "é".repeat(Limits.MAX_FRAME_BYTES / 2) + "\"}";
        assertThatThrownBy(() -> codec.decodeClient(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
    }

    /**
     * The largest welcome the server can send — a full history of the longest messages and a full list of
     * the longest todos, every character needing a JSON escape — fits the server-frame limit and decodes.
     */
    @Test
    void theLargestPossibleWelcomeDecodes() throws ProtocolException {
        String worstText = "\u0001".repeat(Limits.MAX_CHAT_TEXT); // a control character: JSON escapes it in 6 bytes
        List<ChatMessage> history = new java.util.ArrayList<>();
        for (int i = 0; i < Limits.HISTORY_ON_SIGN_IN; i++) {
            history.add(new ChatMessage(i + 1, "a-thirty-two-character-username", worstText, Instant.EPOCH,
                    "c".repeat(Limits.MAX_CLIENT_ID), "server-one"));
        }
        List<Todo> items = new java.util.ArrayList<>();
        for (int i = 0; i < Limits.MAX_TODOS_PER_USER; i++) {
            items.add(new Todo(Integer.toString(i), "\u0001".repeat(Limits.MAX_TODO_TITLE), i % 2 == 0));
        }
        ServerMessage welcome = new ServerMessage.Welcome(Protocol.VERSION, "a-thirty-two-character-username", "s1",
                false, "t".repeat(Limits.MAX_TOKEN), new TodoList(Long.MAX_VALUE, items), "general", history,
                fullRoomList(), List.of("a-thirty-two-character-username"), 20);
        String frame = codec.encode(welcome);
        assertThat(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .as("well above a client frame, within a server frame")
                .isGreaterThan(Limits.MAX_FRAME_BYTES).isLessThanOrEqualTo(Limits.MAX_SERVER_FRAME_BYTES);
        assertThat(codec.decodeServer(frame)).isEqualTo(welcome);
    }

    @Test
    void aServerFrameOverItsLimitIsTooLarge() {
        String frame = "{\"type\":\"pong\",\"nonce\":\"" + "x".repeat(Limits.MAX_SERVER_FRAME_BYTES) + "\"}";
        assertThatThrownBy(() -> codec.decodeServer(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
    }

    @Test
    void frameLimitCountsUtf8Bytes() {
        assertThat(Codec.exceedsFrameLimit("a".repeat(Limits.MAX_FRAME_BYTES))).isFalse();
        assertThat(Codec.exceedsFrameLimit("a".repeat(Limits.MAX_FRAME_BYTES + 1))).isTrue();
        assertThat(Codec.exceedsFrameLimit("é".repeat(Limits.MAX_FRAME_BYTES / 2))).isFalse();
        assertThat(Codec.exceedsFrameLimit("é".repeat(Limits.MAX_FRAME_BYTES / 2 + 1))).isTrue();
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() throws ProtocolException {
        assertThat(codec.decodeClient("{\"type\":\"ping\",\"nonce\":\"n\",\"future\":true}"))
                .isEqualTo(new ClientMessage.Ping("n"));
    }

    @Test
    void userNamesAreNormalisedAndChecked() {
        assertThat(UserNames.normalize("  Alice ")).isEqualTo("alice");
        assertThat(UserNames.isValid("alice.b-2_c")).isTrue();
        assertThat(UserNames.isValid("-alice")).isFalse();
        assertThat(UserNames.isValid("a".repeat(33))).isFalse();
        assertThat(UserNames.isValid("al ice")).isFalse();
    }

    /** As many rooms as a user may be in, each with the longest names. */
    private static List<RoomSummary> fullRoomList() {
        List<RoomSummary> rooms = new java.util.ArrayList<>();
        for (int i = 0; i < Limits.MAX_ROOMS_PER_USER; i++) {
            String peer = String.format("%032d", i);
            rooms.add(new RoomSummary(RoomNames.dm("a-thirty-two-character-username", peer), RoomSummary.RoomKind.dm,
                    peer, Integer.MAX_VALUE, Limits.MAX_MESSAGE_ID, Limits.MAX_MESSAGE_ID, Limits.HISTORY_RETAINED));
        }
        return rooms;
    }
}
