package dev.tandem.system.client;

import dev.tandem.client.app.ClientWindow;
import dev.tandem.client.app.CommandLine;
import dev.tandem.client.settings.Settings;
import dev.tandem.client.chat.ChatEntry;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.RoomNames;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TestClient;
import dev.tandem.server.support.TandemCluster;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Takes docs/screenshot-main.png: a real Redis and server, a short conversation in general (its start yesterday,
 * one message edited, the "new messages" line where alice left off), two more rooms (one with unread messages),
 * two DMs (one unread), a few todos, and a real client window (run under Xvfb: see desktop-client/README.md)
 * whose scene is saved as a PNG.
 *
 * <p>Usage: {@code MainWindowScreenshot <output.png> [light|dark]}
 */
public final class MainWindowScreenshot {
    private static final int PORT_WAIT_SECONDS = 30;

    private MainWindowScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "docs/screenshot-main.png").toAbsolutePath();
        boolean dark = args.length > 1 && args[1].equals("dark");
        try (TandemCluster cluster = TandemCluster.of(1, config -> config.withPbkdf2Iterations(1_000)).startNow()) {
            // Yesterday's end of the conversation, where the server keeps the chat (read when it starts).
            cluster.stop(1);
            Instant evening = LocalDate.now().minusDays(1).atTime(18, 12).atZone(ZoneId.systemDefault()).toInstant();
            cluster.admin().rpush("tandem:chat:history",
                    Codec.get().encode(new ChatMessage(1, "carol", "Release candidate is tagged. Going home!", evening, "y-1", "s1")),
                    Codec.get().encode(new ChatMessage(2, "bob", "Nice work, see you tomorrow.", evening.plusSeconds(120), "y-2", "s1")));
            cluster.admin().set("tandem:chat:seq", "2");
            cluster.restart(1);
            int port = cluster.port(1);
            try (TestClient bob = TestClient.signIn(port, "bob", "password-bob");
                 TestClient carol = TestClient.signIn(port, "carol", "password-carol");
                 TestClient aliceElsewhere = TestClient.signIn(port, "alice", "password-alice")) {
                say(bob, RoomNames.GENERAL, "Morning all! Stand-up in ten minutes?");
                ChatMessage notes = say(carol, RoomNames.GENERAL, "Sounds good. I'll share the release notes.");
                say(carol, RoomNames.GENERAL, "It's in the wiki if you want a head start: https://wiki.example.org/releases/0.1");
                say(aliceElsewhere, RoomNames.GENERAL, "On my way. I'll bring the reconnect numbers from last night.");
                say(bob, RoomNames.GENERAL, "Great, see you there.");
                carol.send(new ClientMessage.ChatEdit("edit-1", RoomNames.GENERAL, notes.id(),
                        "Sounds good. I'll share the release notes draft."));
                carol.await(ServerMessage.ChatEdited.class, e -> "edit-1".equals(e.clientId()));

                // Rooms and DMs: design has news for alice, release is read, bob wrote to her directly.
                for (String room : new String[] {"design", "release"}) {
                    carol.send(new ClientMessage.RoomCreate("create-" + room, room));
                    carol.await(ServerMessage.RoomJoined.class, j -> ("create-" + room).equals(j.clientId()));
                    for (TestClient member : new TestClient[] {aliceElsewhere, bob}) {
                        member.send(new ClientMessage.RoomJoin("join-" + room, room));
                        member.await(ServerMessage.RoomJoined.class, j -> ("join-" + room).equals(j.clientId()));
                    }
                }
                say(carol, "release", "0.1 is out. Thanks everyone!");
                say(aliceElsewhere, "release", "Congratulations!");
                say(carol, "design", "New icons for the room list are in Figma.");
                say(bob, "design", "The badges look great in the dark theme.");
                aliceElsewhere.send(new ClientMessage.DmOpen("dm-carol", "carol"));
                aliceElsewhere.await(ServerMessage.RoomJoined.class, j -> "dm-carol".equals(j.clientId()));
                say(aliceElsewhere, RoomNames.dm("alice", "carol"), "Lunch at 12?");
                bob.send(new ClientMessage.DmOpen("dm-alice", "alice"));
                bob.await(ServerMessage.RoomJoined.class, j -> "dm-alice".equals(j.clientId()));
                say(bob, RoomNames.dm("alice", "bob"), "Could you look at my pull request before stand-up?");
                for (String title : new String[] {"Review Carol's release notes", "Book the team offsite",
                        "Fix the flaky reconnect test", "Update the README screenshot"}) {
                    aliceElsewhere.send(new ClientMessage.TodoAdd("add-" + title.hashCode(), title));
                    aliceElsewhere.await(ServerMessage.TodoChanged.class, c -> true);
                }

                Settings settings = Settings.at("dev/tandem/screenshot");
                settings.clear();
                settings = Settings.at("dev/tandem/screenshot");
                settings.rememberTheme(dark ? "DARK" : "LIGHT");
                Settings windowSettings = settings;
                CompletableFuture<ClientWindow> opened = new CompletableFuture<>();
                Platform.startup(() -> {
                    Stage stage = new Stage();
                    opened.complete(ClientWindow.open(stage, new CommandLine(
                            Optional.of("ws://127.0.0.1:" + port + "/ws"), Optional.of("alice"),
                            Optional.of("password-alice"), CommandLine.Action.RUN), windowSettings,
                            link -> System.out.println("would open " + link)));
                });
                ClientWindow window = opened.get(PORT_WAIT_SECONDS, TimeUnit.SECONDS);
                await("signed in with history, rooms and todos", () -> onFx(() -> messages(window) == 7
                        && window.model().todos().allItems().size() == 4 && window.model().rooms().rooms().size() == 5));

                // Alice completes one todo from her other window; it shows up live here.
                String fixId = onFxValue(() -> window.model().todos().allItems().get(2).id());
                aliceElsewhere.send(new ClientMessage.TodoSetCompleted("done-1", fixId, true));
                await("the completion shows", () -> onFx(() -> window.model().todos().itemsLeftProperty().get() == 3));
                bob.send(new ClientMessage.ChatSend("late-1", RoomNames.GENERAL, "Also: who has the keys to the demo room?"));
                await("bob's question shows", () -> onFx(() -> messages(window) == 8));
                onFx(() -> {
                    window.model().chat().draftProperty().set("I do, I'll open it at 10.");
                    return true;
                });
                // Give the window a few frames to lay everything out before the snapshot.
                for (int i = 0; i < 10; i++) {
                    onFx(() -> true);
                }
                WritableImage image = onFxValue(() -> window.stage().getScene().snapshot(null));
                Files.createDirectories(output.getParent());
                ImageIO.write(toBuffered(image), "png", output.toFile());
                System.out.println("saved " + output + " (" + (int) image.getWidth() + "x" + (int) image.getHeight() + ")");
                onFx(() -> {
                    window.close();
                    return true;
                });
                windowSettings.clear();
            }
        } finally {
            Platform.exit();
        }
    }

    /** Posts {@code text} in {@code room} and waits for its echo, which it returns. */
    private static ChatMessage say(TestClient client, String room, String text) {
        String id = "s-" + Instant.now().toEpochMilli() + "-" + text.hashCode();
        client.send(new ClientMessage.ChatSend(id, room, text));
        return client.await(ChatMessage.class, m -> id.equals(m.clientId()));
    }

    /** The messages of the room on screen (not the day, divider and gap lines). */
    private static long messages(ClientWindow window) {
        return window.model().chat().entries().stream().filter(ChatEntry.Message.class::isInstance).count();
    }

    static BufferedImage toBuffered(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] pixels = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, width, height, pixels, 0, width);
        return buffered;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(PORT_WAIT_SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for: " + what);
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(50); // a poll interval, not a wait for something
        }
    }

    private static boolean onFx(java.util.concurrent.Callable<Boolean> action) {
        return onFxValue(action);
    }

    private static <T> T onFxValue(java.util.concurrent.Callable<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(PORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
