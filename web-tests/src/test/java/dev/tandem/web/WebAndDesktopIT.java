package dev.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.system.client.ClientDriver;
import java.util.Collections;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page next to the real desktop app: a JavaFX window (headless Monocle, driven through its UI by TestFX,
 * as in system-tests) and a Chromium page, both through the proxy. Chat crosses servers both ways, once
 * each; one user's todo list is shared live by the page and the desktop window.
 */
@Timeout(180)
class WebAndDesktopIT {
    @RegisterExtension
    static final WebRig rig = new WebRig();
    static final String PASSWORD = "password-both";

    @BeforeAll
    static void startJavaFx() throws Exception {
        ClientDriver.startToolkit();
    }

    @Test
    void aMessageTypedInThePageReachesADesktopWindowOnTheOtherServerAndBack() {
        String ana = rig.userOn("s1", "ana");
        String bob = rig.userOn("s2", "bob");
        ClientDriver desktop = ClientDriver.open(0).created(rig.proxyPort(), bob, PASSWORD);
        try {
            WebPage page = rig.browser().open(rig.url()).signIn(ana, PASSWORD, true);
            page.say("hello from the page");
            page.until("the desktop window (bob, on s2) shows it", () -> desktop.chatTexts().contains("hello from the page"));

            desktop.fill("#chat-input", "hello from the desktop").type(KeyCode.ENTER);
            page.until("the page (ana, on s1) shows the answer", () -> page.chatTexts().contains("hello from the desktop"));
            page.until("the desktop has it back as sent", () -> desktop.chatTexts().contains("hello from the desktop"));
            assertThat(Collections.frequency(page.chatTexts(), "hello from the desktop")).as("once in the page").isEqualTo(1);
            assertThat(Collections.frequency(desktop.chatTexts(), "hello from the page")).as("once on the desktop").isEqualTo(1);
            assertThat(Collections.frequency(desktop.chatTexts(), "hello from the desktop")).isEqualTo(1);
        } finally {
            desktop.close();
        }
    }

    @Test
    void oneUsersTodoListIsSharedLiveByThePageAndADesktopWindow() {
        String cy = rig.userOn("s2", "cy");
        WebPage page = rig.browser().open(rig.url()).signIn(cy, PASSWORD, true);
        ClientDriver desktop = ClientDriver.open(1).signedIn(rig.proxyPort(), cy, PASSWORD);
        try {
            page.addTodo("added in the page");
            page.until("the desktop window shows it", () -> desktop.todoTitles().contains("added in the page"));

            desktop.fill("#todo-input", "added on the desktop").type(KeyCode.ENTER);
            page.until("the page shows both, in order", () -> page.todoTitles().equals(
                    List.of("added in the page", "added on the desktop")));

            page.toggleTodo("added on the desktop");
            page.until("completed in the page", () -> page.completedTitles().equals(List.of("added on the desktop")));
            page.until("the desktop window counts one left", () -> desktop.text("#todo-count").equals("1 item left"));
            assertThat(desktop.todoTitles()).containsExactly("added in the page", "added on the desktop");
        } finally {
            desktop.close();
        }
    }
}
