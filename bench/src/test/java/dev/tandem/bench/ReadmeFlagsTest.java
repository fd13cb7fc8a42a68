package dev.tandem.bench;

import dev.tandem.cli.Cli;
import dev.tandem.cli.ReadmeFlags;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** bench/README.md's flag table ("## Flags") lists exactly the flags, twins and defaults --help prints, in order. */
class ReadmeFlagsTest {
    @Test
    void theReadmeDocumentsEveryFlagOfTheBench() throws IOException {
        ReadmeFlags.assertModuleReadmeDocuments(Cli.command(new BenchOptions(), name -> null).getCommandSpec());
    }
}
