package dev.tandem.client.app;

import dev.tandem.cli.Cli;
import dev.tandem.cli.ReadmeFlags;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists exactly the desktop app's flags, twins and defaults that --help prints. */
class ReadmeFlagsTest {
    @Test
    void theReadmeDocumentsEveryFlagOfTheDesktopApp() throws IOException {
        ReadmeFlags.assertDocuments("desktop", Cli.command(new DesktopOptions(), name -> null).getCommandSpec());
    }
}
