package dev.tandem.system.client;

import static dev.tandem.system.client.Fx.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** A UI test's picture of a window, laid out as shown, saved under {@code target/screenshots} to look at. */
final class Screenshots {
    private Screenshots() {
    }

    /** Saves {@code client}'s window as {@code target/screenshots/<name>}. */
    static void save(ClientDriver client, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        var image = fx(() -> {
            client.window().stage().getScene().getRoot().applyCss();
            client.window().stage().getScene().getRoot().layout();
            return client.window().stage().getScene().snapshot(null);
        });
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(MainWindowScreenshot.toBuffered(image), "png", dir.resolve(name).toFile());
    }
}
