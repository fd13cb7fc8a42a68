package dev.tandem.server.http;

import dev.tandem.model.Codec;
import dev.tandem.server.Version;
import dev.tandem.server.relay.RelayFeed;
import dev.tandem.server.redis.RedisLink;
import dev.tandem.server.ws.ConnectionHub;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: 200 when this server can serve chat (Redis commands up and the chat subscription
 * live and caught up), else 503. The proxy's health checks read the status code.
 */
public final class HealthHandler implements Handler {
    /** Names the shared dependency a 503 is due to (see the loadbalancer's health rules). */
    public static final String SHARED_CAUSE_HEADER = "X-Tandem-Shared-Cause";
    /** On the 503 of a server that is stopping gracefully. */
    public static final String STOPPING_HEADER = "X-Tandem-Stopping";

    private final String serverId;
    private final RedisLink redis;
    private final RelayFeed chat;
    private final ConnectionHub hub;

    public HealthHandler(String serverId, RedisLink redis, RelayFeed chat, ConnectionHub hub) {
        this.serverId = serverId;
        this.redis = redis;
        this.chat = chat;
        this.hub = hub;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        boolean redisUp = redis.commandsUp();
        boolean chatLive = chat.isLive();
        boolean stopping = hub.isShuttingDown();
        boolean up = redisUp && chatLive && !stopping;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serverId", serverId);
        body.put("status", stopping ? "stopping" : up ? "up" : "down");
        body.put("redis", redisUp ? "up" : "down");
        body.put("chatSubscription", chatLive ? "live" : "down");
        body.put("connections", hub.openCount());
        body.put("signedIn", hub.signedInCount());
        body.put("version", Version.get());
        if (stopping) {
            // A proxy takes a stopping server out of routing at once, not after --fall failed checks.
            ctx.header(STOPPING_HEADER, "true");
        } else if (!up) {
            // Down because of what every server shares, not of this one: Redis, or the chat subscription to it
            // (down, or catching up after Redis came back). A proxy must not move users for it while every
            // server is in the same state, nor cut their connections; it can tell from this header.
            ctx.header(SHARED_CAUSE_HEADER, "redis");
        }
        ctx.status(up ? 200 : 503)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .result(Codec.get().mapper().writeValueAsString(body));
    }
}
