package dev.tandem.lb.tunnel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;

import java.util.List;

/**
 * Turns an upgraded client/backend connection pair into a byte tunnel: both pipelines end up holding
 * only a {@link RelayHandler} pointing at the other channel.
 * <p>
 * Call it on the shared event loop, right after the 101 has been written to the client. Order matters: a
 * decoder that is removed hands the bytes it still holds to the next handler at once, so first the
 * backend's HTTP encoder is told to pass raw bytes through, then both relays are put in place, and only then
 * are the codecs removed. That way no byte that arrived with or after the 101 can be lost or mangled.
 */
public final class TunnelSplice {
    private TunnelSplice() {
    }

    /**
     * @param client            the client connection
     * @param clientHttpHandler the client's HTTP proxy handler, replaced by the relay
     * @param clientHttpStages  names of the client's other HTTP-only handlers (timeouts, codec), removed in order
     * @param backend           the backend connection
     * @param backendHandler    name of the backend's HTTP response handler, replaced by the relay
     * @param backendCodec      name of the backend's {@link HttpClientCodec}, removed last
     */
    public static void splice(Channel client, ChannelHandler clientHttpHandler, List<String> clientHttpStages,
                              Channel backend, String backendHandler, String backendCodec) {
        ChannelPipeline front = client.pipeline();
        ChannelPipeline back = backend.pipeline();
        ((HttpClientCodec) back.get(backendCodec)).prepareUpgradeFrom(back.context(backendCodec));
        front.replace(clientHttpHandler, "relay", new RelayHandler(backend));
        back.replace(backendHandler, "relay", new RelayHandler(client));
        clientHttpStages.forEach(front::remove);
        back.remove(backendCodec);
        client.flush();
        backend.flush();
        client.config().setAutoRead(true);
        backend.config().setAutoRead(true);
    }
}
