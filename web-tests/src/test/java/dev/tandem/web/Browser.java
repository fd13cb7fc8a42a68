package dev.tandem.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium (Debian's {@code chromium}, driven by Debian's {@code chromium-driver}: nothing is
 * downloaded), with a fresh profile directory under target/. Each {@link WebPage} is one of its windows;
 * a new window has its own sessionStorage, so it is a second, separately signed-in tab of the person.
 * <p>Threads: the test thread only (WebDriver is not thread-safe).
 */
public final class Browser implements AutoCloseable {
    private final ChromeDriver driver;
    private final Path profile;
    private boolean firstWindowTaken;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() throws IOException {
        String chromium = System.getProperty("tandem.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("tandem.chromedriver", "/usr/bin/chromedriver");
        Path base = Path.of(System.getProperty("tandem.browser.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        Path profile = Files.createTempDirectory(base, "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // The machine's network is closed: every background fetch Chromium would make is turned off.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** A window showing {@code url}: the browser's first window the first time, then new ones. */
    public WebPage open(String url) {
        if (firstWindowTaken) {
            driver.switchTo().newWindow(WindowType.WINDOW);
        }
        firstWindowTaken = true;
        String handle = driver.getWindowHandle();
        driver.manage().window().setSize(new Dimension(1280, 800));
        driver.get(url);
        return new WebPage(this, handle);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
