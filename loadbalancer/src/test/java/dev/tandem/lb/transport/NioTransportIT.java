package dev.tandem.lb.transport;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import dev.tandem.lb.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The NIO fallback (used where native epoll does not load) proxies HTTP and WebSockets the same way. */
@Timeout(30)
class NioTransportIT {

    @Test
    void proxiesHttpAndWebSocketsOverNio() throws Exception {
        System.setProperty("tandem.lb.transport", "nio");
        LoadBalancer lb = null;
        try (TestBackend backend = TestBackend.start("s1")) {
            lb = Proxies.start(Proxies.config(backend));
            assertThat(lb.status().transport()).isEqualTo("nio");
            RawHttp.Response r = RawHttp.exchange(lb.port(), RawHttp.get("/info?user=alice"));
            assertThat(r.header(TestBackend.ID_HEADER)).isEqualTo("s1");

            WsClient ws = WsClient.connect(HttpClient.newHttpClient(), "ws://127.0.0.1:" + lb.port() + "/ws?user=a")
                    .get(10, TimeUnit.SECONDS);
            byte[] payload = new byte[256 * 1024];
            new java.util.Random(5).nextBytes(payload);
            ws.socket().sendBinary(ByteBuffer.wrap(payload), true).get(10, TimeUnit.SECONDS);
            assertThat(ws.nextBinary()).isEqualTo(payload);
            ws.socket().abort();
        } finally {
            System.clearProperty("tandem.lb.transport");
            if (lb != null) {
                lb.stop();
            }
        }
    }
}
