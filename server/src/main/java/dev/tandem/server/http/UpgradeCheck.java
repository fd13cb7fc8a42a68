package dev.tandem.server.http;

import dev.tandem.model.AffinityUser;
import dev.tandem.server.limits.ClientAddress;
import dev.tandem.server.limits.RefusalLog;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.util.Base64;

/**
 * Runs before a WebSocket upgrade of {@code /ws} and refuses a bad handshake with a clear HTTP answer instead
 * of Jetty's (a 500 with a stack trace for a missing key, 405 for another version, any key accepted):
 * <ul>
 *   <li>{@code Sec-WebSocket-Key} must be the base64 of 16 bytes (RFC 6455 4.2.1): else 400;</li>
 *   <li>{@code Sec-WebSocket-Version} must be 13: else 426 with {@code Sec-WebSocket-Version: 13} (4.4);</li>
 *   <li>the URL must name one valid user ({@code ?user=}, read by {@link AffinityUser} exactly as the proxy
 *       reads it): else 400, since a connection without it could split a user over two servers.</li>
 * </ul>
 * Refusals are logged in summary ({@link RefusalLog}: one line per cause per interval, with a count): a client
 * sending thousands must not turn the log into an amplifier.
 * <p>Threads: runs on Jetty's request threads; holds nothing but its thread-safe parts.
 */
public final class UpgradeCheck implements Handler {
    private static final String VERSION = "13";

    private final ClientAddress addresses;
    private final RefusalLog refusals;

    public UpgradeCheck(ClientAddress addresses, RefusalLog refusals) {
        this.addresses = addresses;
        this.refusals = refusals;
    }

    @Override
    public void handle(Context ctx) {
        String key = ctx.header("Sec-WebSocket-Key");
        if (!isValidKey(key)) {
            refuse(ctx, 400, "Sec-WebSocket-Key must be the base64 encoding of 16 bytes");
        }
        if (!VERSION.equals(ctx.header("Sec-WebSocket-Version"))) {
            ctx.header("Sec-WebSocket-Version", VERSION);
            refuse(ctx, 426, "only WebSocket version 13 is supported");
        }
        if (AffinityUser.fromQuery(ctx.queryString()).isEmpty()) {
            refuse(ctx, 400, "/ws needs ?user=<name>: one valid user name, the user who signs in on it");
        }
    }

    static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void refuse(Context ctx, int status, String why) {
        refusals.note("WebSocket upgrade (" + status + ")",
                "from " + addresses.of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For")) + ": " + why);
        throw new HttpResponseException(status, why);
    }
}
