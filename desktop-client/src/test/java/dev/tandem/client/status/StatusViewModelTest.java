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
}
