package dev.tandem.lb.config;

import dev.tandem.cli.Cli;
import dev.tandem.cli.ReadmeFlags;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The proxy's flags as the READMEs give them are what --help prints: this module's table (in --help's
 * order) and the top README's Configuration rows for "proxy".
 */
class ReadmeFlagsTest {
    private static final CommandSpec SPEC = Cli.command(new ProxyOptions(), name -> null).getCommandSpec();

    @Test
    void theModuleReadmeDocumentsEveryFlagOfTheProxy() throws IOException {
        ReadmeFlags.assertModuleReadmeDocuments(SPEC);
    }

    @Test
    void theTopReadmeDocumentsEveryFlagOfTheProxy() throws IOException {
        ReadmeFlags.assertDocuments("proxy", SPEC);
    }
}
