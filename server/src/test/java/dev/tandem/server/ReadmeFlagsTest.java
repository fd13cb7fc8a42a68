package dev.tandem.server;

import dev.tandem.cli.Cli;
import dev.tandem.cli.ReadmeFlags;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists exactly the server's flags, twins and defaults that --help prints. */
class ReadmeFlagsTest {
    @Test
    void theReadmeDocumentsEveryFlagOfTheServer() throws IOException {
        ReadmeFlags.assertDocuments("server", Cli.command(new ServerOptions(), name -> null).getCommandSpec());
    }
}
