package dev.tandem.lb.http;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangeDeadlineTest {

    private static Exchange forwarding() {
        Exchange ex = new Exchange(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/x"), "k", false, true);
        ex.forwarding(false);
        return ex;
    }

    @Test
    void aSilentBodyIsTheClientsFaultUnlessTheBackendStoppedTakingIt() {
        assertThat(ExchangeDeadline.verdict(forwarding(), false)).isEqualTo(ExchangeDeadline.Verdict.REQUEST_TIMEOUT);
        assertThat(ExchangeDeadline.verdict(forwarding(), true)).isEqualTo(ExchangeDeadline.Verdict.GATEWAY_TIMEOUT);
    }

    @Test
    void aSentRequestWithoutAnAnswerIsTheBackendsFault() {
        Exchange ex = forwarding();
        ex.requestEnded();
        assertThat(ExchangeDeadline.verdict(ex, false)).isEqualTo(ExchangeDeadline.Verdict.GATEWAY_TIMEOUT);
    }

    @Test
    void aStartedAnswerCanOnlyBeCutOff() {
        Exchange ex = forwarding();
        ex.requestEnded();
        ex.responseStarted(true);
        assertThat(ExchangeDeadline.verdict(ex, false)).isEqualTo(ExchangeDeadline.Verdict.CLOSE);

        Exchange local = new Exchange(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/x"), "k", false, true);
        local.answeredLocally(); // discarding a body that stopped coming
        assertThat(ExchangeDeadline.verdict(local, false)).isEqualTo(ExchangeDeadline.Verdict.CLOSE);
    }
}
