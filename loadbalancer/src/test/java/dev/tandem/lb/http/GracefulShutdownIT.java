package dev.tandem.lb.http;

import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.Proxies;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import dev.tandem.lb.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** stop(): no new connections, open requests finish, idle connections and tunnels are closed. */
@Timeout(30)
class GracefulShutdownIT {
    private TestBackend backend;

    @AfterEach
    void cleanUp() {
        backend.close();
    }

    @Test
    void stopLetsTheOpenRequestFinishThenClosesEverything() throws Exception {
        backend = TestBackend.start("s1");
        LoadBalancer lb = Proxies.start(Proxies.config(backend).withDrainTimeout(Duration.ofSeconds(5)));
        int port = lb.port();
        WsClient ws = WsClient.connect(HttpClient.newHttpClient(), "ws://127.0.0.1:" + port + "/ws?user=a")
                .get(10, TimeUnit.SECONDS);
        RawHttp idle = new RawHttp(port);
        idle.send(RawHttp.get("/info?user=b"));
        assertThat(idle.read().status()).isEqualTo(200);
        RawHttp busy = new RawHttp(port);
        busy.send(RawHttp.get("/slow?ms=600&user=c"));
        Await.until(Duration.ofSeconds(5), "the slow request is in flight", () -> lb.status().totals().inFlightRequests() == 1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(lb::stop);

        RawHttp.Response late = busy.read();
        assertThat(late.status()).as("the in-flight request completed").isEqualTo(200);
        assertThat(late.header("connection")).isEqualTo("close");
        assertThat(idle.nextByte()).as("idle keep-alive connection closed").isEqualTo(-1);
        stopping.get(10, TimeUnit.SECONDS);
        assertThat(ws.ended.get(5, TimeUnit.SECONDS)).as("tunnel closed at the end of the drain").isNotBlank();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        idle.close();
        busy.close();
    }
}
