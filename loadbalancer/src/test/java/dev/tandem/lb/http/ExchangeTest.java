package dev.tandem.lb.http;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeTest {

    private static Exchange exchange(HttpMethod method, boolean keepAlive) {
        return new Exchange(new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, "/x"), "k", false, keepAlive);
    }

    @Test
    void aRefusedConnectionRetriesAndAReusedOneReplaysOnAFreshConnection() {
        Exchange ex = exchange(HttpMethod.GET, true);
        assertThat(ex.state()).isEqualTo(Exchange.State.ROUTING);
        ex.connecting();
        ex.connecting(); // refused: the next backend
        ex.forwarding(false);
        assertThat(ex.state()).isEqualTo(Exchange.State.FORWARDING);
        assertThat(ex.mayReplay()).isFalse(); // a fresh connection closing under it is the backend's answer

        Exchange reused = exchange(HttpMethod.GET, true);
        reused.forwarding(true);
        reused.requestEnded();
        assertThat(reused.mayReplay()).isTrue();
        assertThat(reused.replay()).isTrue(); // its end has to be queued again
        assertThat(reused.requestDone()).isFalse();
        reused.connecting();
        reused.forwarding(false);
        assertThat(reused.mayReplay()).isFalse(); // once only
    }

    @Test
    void movesTheProxyNeverMakesThrow() {
        Exchange local = exchange(HttpMethod.GET, true);
        local.answeredLocally();
        assertThat(local.responseStarted()).isTrue();
        assertThat(local.responseDone()).isTrue();
        assertThatThrownBy(local::connecting).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LOCAL to CONNECTING");

        Exchange forwarding = exchange(HttpMethod.GET, true);
        forwarding.forwarding(true);
        assertThatThrownBy(forwarding::answeredLocally).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> forwarding.forwarding(false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBodyOrANonIdempotentMethodIsNeverReplayed() {
        Exchange withBody = exchange(HttpMethod.GET, true);
        withBody.forwarding(true);
        withBody.bodySent();
        assertThat(withBody.mayReplay()).isFalse();

        Exchange post = exchange(HttpMethod.POST, true);
        post.forwarding(true);
        assertThat(post.mayReplay()).isFalse();
    }

    @Test
    void anAnswerBeforeTheBodyEndedClosesTheConnection() {
        Exchange early = exchange(HttpMethod.POST, true);
        early.forwarding(false);
        early.responseStarted(true);
        early.responseEnded();
        assertThat(early.closeAfter()).isTrue();

        Exchange inOrder = exchange(HttpMethod.POST, true);
        inOrder.forwarding(false);
        inOrder.requestEnded();
        inOrder.responseStarted(true);
        inOrder.closeAfterIf(false);
        inOrder.responseEnded();
        assertThat(inOrder.closeAfter()).isFalse();
    }

    @Test
    void theClientsCloseAndADrainBothEndTheConnection() {
        Exchange close = exchange(HttpMethod.GET, false);
        close.closeAfterIf(false);
        assertThat(close.closeAfter()).isTrue();

        Exchange drained = exchange(HttpMethod.GET, true);
        drained.closeAfterResponse();
        drained.closeAfterIf(false); // never undoes it
        assertThat(drained.closeAfter()).isTrue();
    }

    @Test
    void anInterimResponseEndsWithItsOwnLastPart() {
        Exchange ex = exchange(HttpMethod.POST, true);
        assertThat(ex.interimPart(true)).isFalse();
        ex.interimStarted();
        assertThat(ex.interimPart(false)).isTrue();
        assertThat(ex.interimPart(true)).isTrue(); // the 100's end
        assertThat(ex.interimPart(true)).isFalse(); // the final response's
    }
}
