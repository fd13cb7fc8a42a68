package dev.tandem.system.client;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A new window for every test, with settings of its own, closed (and its settings deleted) after the test;
 * the JavaFX toolkit is started once per JVM. For UI test classes whose tests each begin at the sign-in card.
 *
 * <p>Threads: JUnit's; the window itself is driven through {@link ClientDriver}.
 */
final class FreshWindow implements BeforeEachCallback, AfterEachCallback {
    private ClientDriver driver;

    /** The window of the running test. */
    ClientDriver driver() {
        return driver;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        ClientDriver.startToolkit();
        driver = ClientDriver.open(0);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            driver.close();
            driver = null;
        }
    }
}
