package dev.tandem.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser window showing Tandem, driven as a person would (typing, clicks, double-clicks, keys), and
 * read back from its DOM. Every call first brings its window to the front, so two pages of one browser
 * can be used in turn. Waits are WebDriverWait on a condition, never a sleep.
 * <p>Threads: the test thread only.
 */
public final class WebPage {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Browser browser;
    private final String handle;

    WebPage(Browser browser, String handle) {
        this.browser = browser;
        this.handle = handle;
    }

    ChromeDriver driver() {
        ChromeDriver driver = browser.driver();
        if (!handle.equals(driver.getWindowHandle())) {
            driver.switchTo().window(handle);
        }
        return driver;
    }

    WebElement find(String css) {
        return driver().findElement(By.cssSelector(css));
    }

    /** Runs {@code script} in the page (for reading the DOM, never for acting in the person's place). */
    @SuppressWarnings("unchecked")
    <T> T js(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver()).executeScript(script, args);
    }

    /** Waits until {@code condition} holds, re-evaluated in this window; fails naming {@code what}. */
    void until(String what, Supplier<Boolean> condition) {
        new WebDriverWait(driver(), WAIT).withMessage(() -> what + "\n" + consoleLog())
                .ignoring(RuntimeException.class)
                .until(d -> condition.get());
    }

    // --- sign-in ---

    /** Fills the form and presses "Create account" (or "Sign in"); returns once the chat shows. */
    WebPage signIn(String user, String password, boolean create) {
        until("the sign-in form", () -> find("#signin-user").isDisplayed());
        find("#signin-user").clear();
        find("#signin-user").sendKeys(user);
        find("#signin-password").sendKeys(password);
        find(create ? "#create-button" : "#signin-button").click();
        until("signed in as " + user, () -> find("#app").isDisplayed() && status().startsWith("Connected"));
        return this;
    }

    /**
     * Fills the form and presses "Create account" (or "Sign in"), expecting a refusal: returns the form's
     * message once the attempt is over (the busy line empty, a message shown).
     */
    String signInRefused(String user, String password, boolean create) {
        until("the sign-in form", () -> find("#signin-user").isDisplayed());
        find("#signin-user").clear();
        find("#signin-user").sendKeys(user);
        find("#signin-password").clear();
        find("#signin-password").sendKeys(password);
        find(create ? "#create-button" : "#signin-button").click();
        until("a refusal of " + user, () -> find("#signin-busy").getText().isEmpty()
                && !find("#signin-message").getText().isEmpty());
        return find("#signin-message").getText();
    }

    /**
     * The system's colour scheme as the page sees it (prefers-color-scheme, through Chromium's DevTools
     * emulation): the theme a person gets before picking one with the toggle, the sign-in form's too.
     */
    void systemTheme(String scheme) {
        driver().executeCdpCommand("Emulation.setEmulatedMedia",
                java.util.Map.of("features", List.of(java.util.Map.of("name", "prefers-color-scheme", "value", scheme))));
        until(scheme + " theme", () -> scheme.equals(js("return document.documentElement.dataset.theme")));
    }

    String status() {
        return find("#status").getText();
    }

    /** The server the status line names ("Connected to server s1" → "s1"). */
    String serverId() {
        until("connected", () -> status().startsWith("Connected to server "));
        return status().substring("Connected to server ".length());
    }

    // --- chat ---

    void say(String text) {
        WebElement input = find("#chat-input");
        input.click();
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** The texts of the acknowledged messages on screen, oldest first. */
    List<String> chatTexts() {
        return js("return [...document.querySelectorAll('#message-list li.message:not(.pending) .text')]"
                + ".map(e => e.textContent)");
    }

    List<String> pendingTexts() {
        return js("return [...document.querySelectorAll('#message-list li.message.pending .text')]"
                + ".map(e => e.textContent)");
    }

    // --- todos ---

    void addTodo(String title) {
        WebElement input = find("#new-todo");
        input.click();
        input.sendKeys(title);
        input.sendKeys(Keys.ENTER);
    }

    /** The titles the list shows (with the filter applied), in order. */
    List<String> todoTitles() {
        return js("return [...document.querySelectorAll('#todo-list li:not(.pending) label')].map(e => e.textContent)");
    }

    List<String> completedTitles() {
        return js("return [...document.querySelectorAll('#todo-list li.completed label')].map(e => e.textContent)");
    }

    WebElement todoRow(String title) {
        return driver().findElements(By.cssSelector("#todo-list li")).stream()
                .filter(li -> li.findElement(By.cssSelector("label")).getText().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no todo " + title));
    }

    /**
     * Clicks the todo's checkbox. The list is drawn again whenever the server's answer comes, so a row found
     * a moment ago may be gone: then the click did not happen (ChromeDriver checks before it clicks) and it is
     * made on the row drawn now.
     */
    void toggleTodo(String title) {
        for (int attempt = 1; ; attempt++) {
            try {
                todoRow(title).findElement(By.cssSelector(".toggle")).click();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                if (attempt == 5) {
                    throw redrawn;
                }
            }
        }
    }

    /** Hovers the row and clicks its ×; made again on the row drawn now when the list was redrawn meanwhile. */
    void deleteTodo(String title) {
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement row = todoRow(title);
                new Actions(driver()).moveToElement(row).perform(); // the × shows on hover, as in TodoMVC
                row.findElement(By.cssSelector(".destroy")).click();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                if (attempt == 5) {
                    throw redrawn;
                }
            }
        }
    }

    /**
     * Double-clicks the title and returns its edit box. The list is drawn again whenever an answer comes, and
     * a double-click whose two clicks land on two drawings of the row is no double-click: then it is made
     * again on the row drawn now.
     */
    WebElement startEditing(String title) {
        for (int attempt = 1; ; attempt++) {
            try {
                new Actions(driver()).doubleClick(todoRow(title).findElement(By.cssSelector("label"))).perform();
                new WebDriverWait(driver(), Duration.ofSeconds(2))
                        .until(d -> !d.findElements(By.cssSelector("#todo-list li.editing .edit")).isEmpty());
                return find("#todo-list li.editing .edit");
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.TimeoutException redrawn) {
                if (attempt == 5) {
                    throw redrawn;
                }
            }
        }
    }

    /** Double-clicks the title, replaces it and presses Enter. */
    void renameTodo(String title, String newTitle) {
        new Actions(driver()).doubleClick(todoRow(title).findElement(By.cssSelector("label"))).perform();
        WebElement edit = find("#todo-list li.editing .edit");
        edit.sendKeys(Keys.chord(Keys.CONTROL, "a"), newTitle, Keys.ENTER);
    }

    String todoCount() {
        return find("#todo-count").getText();
    }

    // --- what the page logged, for failure messages ---

    String consoleLog() {
        StringBuilder log = new StringBuilder("browser console:");
        try {
            for (LogEntry entry : driver().manage().logs().get(LogType.BROWSER)) {
                log.append("\n  ").append(entry.getLevel()).append(' ').append(entry.getMessage());
            }
        } catch (RuntimeException e) {
            log.append(" (unavailable: ").append(e.getMessage()).append(')');
        }
        return log.toString();
    }

    /**
     * From now on, notes every WebSocket frame the page sends or receives, with the page's clock
     * ({@code Date.now()}), for {@link #recordedFrames()}. It watches the page's own socket and changes nothing
     * the page does: {@code send} is wrapped, and a second listener reads what arrives.
     */
    void recordFrames() {
        js("if (window.__frames) { return; }"
                + "window.__frames = [];"
                + "const send = WebSocket.prototype.send; const watched = new WeakSet();"
                + "WebSocket.prototype.send = function (data) {"
                + "  if (!watched.has(this)) {"
                + "    watched.add(this);"
                + "    this.addEventListener('message', e => window.__frames.push({out: false, t: Date.now(), data: String(e.data)}));"
                + "  }"
                + "  window.__frames.push({out: true, t: Date.now(), data: String(data)});"
                + "  return send.call(this, data);"
                + "};");
    }

    /** What {@link #recordFrames()} noted so far, as a JSON array of {@code {out, t, data}}. */
    String recordedFrames() {
        return js("return JSON.stringify(window.__frames || [])");
    }

    /** Resizes the window and saves a PNG of it. */
    void screenshot(int width, int height, Path file) throws java.io.IOException {
        driver().manage().window().setSize(new Dimension(width, height));
        Files.createDirectories(file.getParent());
        Files.write(file, driver().getScreenshotAs(OutputType.BYTES));
    }
}
