package dev.tandem.client.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.connection.ConnectionStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusViewModelTest {
    private final StatusViewModel status = new StatusViewModel();

    @Test
    void eachStatusReadsAsThePersonExpects() {
        status.update(new ConnectionStatus.Connecting("ws://x/ws"));
        assertThat(status.textProperty().get()).isEqualTo("Connecting…");
        status.update(new ConnectionStatus.Connected("s2"));
        assertThat(status.textProperty().get()).isEqualTo("Connected to server s2");
        assertThat(status.onlineProperty().get()).isTrue();
        status.update(new ConnectionStatus.Reconnecting(3, 2));
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting in 3 s");
        assertThat(status.canRetryNowProperty().get()).isTrue();
        assertThat(status.onlineProperty().get()).isFalse();
        status.update(new ConnectionStatus.Reconnecting(0, 2));
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting…");
        assertThat(status.canRetryNowProperty().get()).isFalse();
        status.update(new ConnectionStatus.Offline());
        assertThat(status.textProperty().get()).isEqualTo("Offline");
        assertThat(status.toneProperty().get()).isEqualTo(StatusViewModel.Tone.OFFLINE);
    }

    @Test
    void theSameTextTwiceIsNoChange() {
        List<String> seen = new ArrayList<>();
        status.textProperty().addListener((obs, old, now) -> seen.add(now));
        status.update(new ConnectionStatus.Connected("s1"));
        status.update(new ConnectionStatus.Connected("s1"));
        assertThat(seen).containsExactly("Connected to server s1");
        assertThat(status.serverIdProperty().get()).isEqualTo("s1");
    }

    @Test
    void aServerThatStopsAnsweringIsSaidAtOnceAndIsNotOnline() {
        status.update(new ConnectionStatus.Connected("s1"));
        status.update(new ConnectionStatus.NotResponding("s1"));
        assertThat(status.textProperty().get()).isEqualTo("Server s1 is not responding…");
        assertThat(status.onlineProperty().get()).isFalse();
        assertThat(status.toneProperty().get()).isEqualTo(StatusViewModel.Tone.RECONNECTING);
    }

    @Test
    void theSavedCopyIsMarkedUntilTheServerAnswers() {
        status.update(new ConnectionStatus.Reconnecting(0, 1));
        status.showingSavedCopy("2 Dec 14:02");
        assertThat(status.textProperty().get())
                .isEqualTo("Reconnecting… · showing the copy saved at 2 Dec 14:02, not yet up to date");
        status.update(new ConnectionStatus.Reconnecting(4, 2));
        assertThat(status.textProperty().get()).startsWith("Reconnecting in 4 s · showing the copy saved");
        status.update(new ConnectionStatus.Connected("s2"));
        assertThat(status.textProperty().get()).isEqualTo("Connected to server s2");
        status.update(new ConnectionStatus.Reconnecting(1, 1));
        assertThat(status.textProperty().get()).isEqualTo("Reconnecting in 1 s");
    }
}
