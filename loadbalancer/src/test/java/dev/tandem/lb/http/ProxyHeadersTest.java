package dev.tandem.lb.http;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyHeadersTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.10", 50000);

    @Test
    void webSocketUpgradeKeepsUpgradeAndConnectionButNothingElseHopByHop() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws?user=a");
        r.headers().set("Host", "h").set("Connection", "keep-alive, Upgrade, X-Hop").set("Upgrade", "websocket")
                .set("X-Hop", "1").set("Keep-Alive", "5").set("Sec-WebSocket-Key", "k");
        assertThat(ProxyHeaders.isUpgrade(r)).isTrue();
        ProxyHeaders.forBackend(r, CLIENT, true);
        assertThat(r.headers().get("Connection")).isEqualTo("Upgrade");
        assertThat(r.headers().get("Upgrade")).isEqualTo("websocket");
        assertThat(r.headers().contains("X-Hop")).isFalse();
        assertThat(r.headers().contains("Keep-Alive")).isFalse();
        assertThat(r.headers().get("Sec-WebSocket-Key")).isEqualTo("k");
        assertThat(r.headers().get("X-Forwarded-For")).isEqualTo("192.0.2.10");
        assertThat(r.headers().get("X-Forwarded-Host")).isEqualTo("h");
    }

    @Test
    void upgradeWithoutConnectionTokenIsNotAnUpgradeAndIsStripped() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        r.headers().set("Host", "h").set("Upgrade", "websocket");
        assertThat(ProxyHeaders.isUpgrade(r)).isFalse();
        ProxyHeaders.forBackend(r, CLIENT, false);
        assertThat(r.headers().contains("Upgrade")).isFalse();
    }

    @Test
    void connectionCannotStripFramingOrHost() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        r.headers().set("Host", "h").set("Content-Length", "3").set("Connection", "Host, Content-Length");
        ProxyHeaders.forBackend(r, CLIENT, false);
        assertThat(r.headers().get("Host")).isEqualTo("h");
        assertThat(r.headers().get("Content-Length")).isEqualTo("3");
    }

    @Test
    void responseHopByHopHeadersAreStripped() {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        res.headers().set("Connection", "close, X-Hop").set("X-Hop", "1").set("Keep-Alive", "timeout=5")
                .set("Transfer-Encoding", "chunked").set("X-App", "kept");
        ProxyHeaders.forClient(res, false);
        assertThat(res.headers().names()).containsExactlyInAnyOrder("Transfer-Encoding", "X-App");
    }
}
