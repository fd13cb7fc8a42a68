package dev.tandem.lb.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class WsPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/ws?user=a", "/ws#x", "/ws/", "/WS", "/%77s", "/w%73?user=a", "//ws", "/./ws",
            "/a/../ws", "/ws;jsessionid=1", "/ws%3Bx", "http://host:8080/ws?user=a", "ws://host/ws", "/ws//"})
    void everySpellingOfTheWebSocketPathCounts(String uri) {
        assertThat(WsPath.matches(uri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/health?user=a", "/ws/other", "/wss", "/w", "/ws2", "/x/ws", "/info?path=/ws", "*",
            "host:8080", "ws", "", "http://host", "http://host/", "/%zz/ws", "/ws+"})
    void otherPathsDoNot(String uri) {
        assertThat(WsPath.matches(uri)).isFalse();
    }

    @Test
    void nullIsNoPath() {
        assertThat(WsPath.matches(null)).isFalse();
    }
}
