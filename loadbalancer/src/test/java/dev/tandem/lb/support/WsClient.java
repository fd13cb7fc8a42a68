package dev.tandem.lb.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link WebSocket} with its received messages in queues: whole binary messages (fragments joined) and
 * whole text messages, plus a future that completes when the connection ends (close frame, error or EOF).
 * The JDK client calls the listener from one thread at a time per WebSocket.
 */
public final class WsClient implements WebSocket.Listener {
    public final BlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> text = new LinkedBlockingQueue<>();
    public final CompletableFuture<String> ended = new CompletableFuture<>();
    private final ByteArrayOutputStream binaryParts = new ByteArrayOutputStream();
    private final StringBuilder textParts = new StringBuilder();
    private WebSocket socket;

    public static CompletableFuture<WsClient> connect(HttpClient http, String uri) {
        WsClient client = new WsClient();
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(uri), client)
                .thenApply(ws -> {
                    client.socket = ws;
                    return client;
                });
    }

    public WebSocket socket() {
        return socket;
    }

    public byte[] nextBinary() throws InterruptedException {
        byte[] b = binary.poll(10, TimeUnit.SECONDS);
        if (b == null) {
            throw new AssertionError("no binary message within 10 s");
        }
        return b;
    }

    public String nextText() throws InterruptedException {
        String s = text.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no text message within 10 s");
        }
        return s;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binaryParts.writeBytes(chunk);
        if (last) {
            binary.add(binaryParts.toByteArray());
            binaryParts.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        textParts.append(data);
        if (last) {
            text.add(textParts.toString());
            textParts.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended.complete("close " + statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.complete("error " + error);
    }
}
