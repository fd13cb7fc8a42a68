package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bounded, seeded fuzz of client frames: mutations of a valid {@code todo.set_completed} (of a todo that
 * does not exist, so the valid form is answered {@code not_found} and nothing changes state), each with the
 * answer docs/PROTOCOL.md gives ("Errors", "Types are strict"): its code, and its {@code ref} where the
 * document promises one. Every case is sent and answered before the next; a connection takes fewer bad
 * frames than the 10 that close it with 1008, then the next one continues, and between two connections a
 * bystander's ping must still be answered. {@code -Dtandem.fuzz.seed=N} repeats a run (the seed is printed),
 * {@code -Dtandem.fuzz.cases=N} changes its size.
 */
@Timeout(180)
class FrameFuzzIT {
    private static final String PASSWORD = "correct horse battery";
    private static final int CASES = Integer.getInteger("tandem.fuzz.cases", 2_000);
    private static final long SEED = Long.getLong("tandem.fuzz.seed", System.nanoTime());
    /** Bad frames per connection: one fewer than closes it. */
    private static final int BAD_PER_CONNECTION = Limits.MAX_VIOLATIONS - 1;

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1, config -> config.withRateLimit(1_000_000, 1_000_000));

    /** One case: a frame (text, or binary when {@code binary}), and the error it must get. */
    record Case(String name, String text, byte[] binary, boolean beforeSignIn, String code, String ref) {
        boolean violation() {
            return !"not_found".equals(code);
        }
    }

    @Test
    void everyMutatedFrameGetsItsDocumentedAnswerAndTheServerKeepsServing() {
        System.out.println("FrameFuzzIT: seed " + SEED + " (-Dtandem.fuzz.seed=" + SEED + " repeats it), " + CASES + " cases");
        Mutator mutator = new Mutator(new Random(SEED));
        String user = newUser("fuzz");
        try (TestClient bystander = TestClient.signIn(cluster.port(1), newUser("bystander"), PASSWORD)) {
            TestClient client = TestClient.signIn(cluster.port(1), user, PASSWORD);
            int bad = 0;
            int connections = 1;
            try {
                for (int i = 0; i < CASES; i++) {
                    Case c = mutator.next("f" + i);
                    if (c.beforeSignIn()) {
                        try (TestClient fresh = TestClient.connect(cluster.port(1), user)) {
                            fresh.sendRaw(c.text());
                            check(c, i, fresh.nextError(c.code()));
                        }
                        continue;
                    }
                    if (c.violation() && bad == BAD_PER_CONNECTION) {
                        client.close();
                        bystander.send(new ClientMessage.Ping("n" + i));
                        String nonce = "n" + i;
                        assertThat(bystander.await(ServerMessage.Pong.class, p -> nonce.equals(p.nonce())))
                                .as("a bystander is served after connection %d", connections).isNotNull();
                        client = TestClient.signIn(cluster.port(1), user, PASSWORD);
                        connections++;
                        bad = 0;
                    }
                    if (c.binary() != null) {
                        client.sendBinary(c.binary());
                    } else {
                        client.sendRaw(c.text());
                    }
                    check(c, i, client.nextError(c.code()));
                    bad += c.violation() ? 1 : 0;
                }
                assertThat(client.isClosed()).as("never more than 9 bad frames on one connection").isFalse();
            } finally {
                client.close();
            }
            System.out.println("FrameFuzzIT: " + CASES + " cases answered as documented over " + connections + " connections");
        }
    }

    private static void check(Case c, int i, ServerMessage.Error error) {
        String what = "case " + i + " (" + c.name() + ", seed " + SEED + "): " + (c.text() == null ? "binary"
                : c.text().substring(0, Math.min(200, c.text().length())));
        if (c.ref() != null || !List.of("bad_json", "too_large").contains(c.code())) {
            assertThat(error.ref()).as(what).isEqualTo(c.ref());
        }
        assertThat(error.message()).as(what + ": a message for people").isNotBlank();
    }

    /** Seeded mutations of one valid frame. Not thread-safe: one per test. */
    static final class Mutator {
        private final Random random;

        Mutator(Random random) {
            this.random = random;
        }

        Case next(String id) {
            int pick = random.nextInt(100);
            if (pick < 4) {
                return new Case("before sign-in", valid(id), null, true, "not_authenticated", id);
            }
            if (pick < 8) {
                byte[] bytes = new byte[1 + random.nextInt(64)];
                random.nextBytes(bytes);
                return new Case("binary frame", null, bytes, false, "bad_json", null);
            }
            return switch (random.nextInt(12)) {
                case 0 -> text("valid", valid(id), "not_found", id);
                case 1 -> text("an unknown field (ignored)", obj(id, "\"todoId\":\"999999\",\"completed\":true,\"" + word()
                        + "\":" + anyValue()), "not_found", id);
                case 2 -> text("a string for a boolean", obj(id, "\"todoId\":\"999999\",\"completed\":\"true\""), "invalid", id);
                case 3 -> text("a number for a string", obj(id, "\"todoId\":" + random.nextInt(1000) + ",\"completed\":false"),
                        "invalid", id);
                case 4 -> text("a field missing", obj(id, random.nextBoolean() ? "\"todoId\":\"999999\"" : "\"completed\":true"),
                        "invalid", id);
                case 5 -> text("a wrong type", obj(id, "\"todoId\":\"999999\",\"completed\":"
                        + pickOf(List.of("null", "1", "0", "[]", "{}", "1.5", "\"false\""))), "invalid", id);
                case 6 -> {
                    String longId = id + "x".repeat(Limits.MAX_CLIENT_ID + 1 - id.length() + random.nextInt(100));
                    yield text("an over-long clientId", "{\"type\":\"todo.set_completed\",\"clientId\":\"" + longId
                            + "\",\"todoId\":\"999999\",\"completed\":true}", "invalid", longId);
                }
                case 7 -> text("a lone surrogate in the clientId", "{\"type\":\"todo.set_completed\",\"clientId\":\"" + id
                        + (random.nextBoolean() ? "\\ud800" : "\\udc00") + "\",\"todoId\":\"999999\",\"completed\":true}",
                        "invalid", null);
                case 8 -> text("an unknown type", "{\"type\":\"" + word() + "." + word() + "\",\"clientId\":\"" + id + "\"}",
                        "unknown_type", id);
                case 9 -> text("cut short", valid(id).substring(0, 1 + random.nextInt(valid(id).length() - 2)), "bad_json", null);
                case 10 -> text("not an object", pickOf(List.of("[]", "42", "\"todo\"", "null", "true", "[{\"type\":\"ping\"}]")),
                        "bad_json", null);
                default -> text("over 16 KiB", obj(id, "\"todoId\":\"999999\",\"completed\":true,\"pad\":\""
                        + "p".repeat(Limits.MAX_FRAME_BYTES + random.nextInt(Limits.MAX_FRAME_BYTES)) + "\""), "too_large", null);
            };
        }

        private static String valid(String id) {
            return obj(id, "\"todoId\":\"999999\",\"completed\":true");
        }

        private static String obj(String id, String rest) {
            return "{\"type\":\"todo.set_completed\",\"clientId\":\"" + id + "\"," + rest + "}";
        }

        private static Case text(String name, String frame, String code, String ref) {
            return new Case(name, frame, null, false, code, ref);
        }

        private String word() {
            StringBuilder b = new StringBuilder();
            for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                b.append((char) ('a' + random.nextInt(26)));
            }
            return b.toString();
        }

        /** A JSON value for an ignored field, up to 100 levels deep. */
        private String anyValue() {
            int depth = random.nextInt(100);
            return "[".repeat(depth) + pickOf(List.of("1", "\"s\"", "null", "{}", "true")) + "]".repeat(depth);
        }

        private <T> T pickOf(List<T> options) {
            return options.get(random.nextInt(options.size()));
        }
    }
}
