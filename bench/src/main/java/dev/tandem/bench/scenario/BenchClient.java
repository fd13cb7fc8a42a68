package dev.tandem.bench.scenario;

import dev.tandem.bench.net.WsConnection;
import dev.tandem.bench.net.WsListener;
import dev.tandem.bench.wire.ChatWire;
import dev.tandem.bench.wire.Credentials;
import dev.tandem.bench.wire.Inbound;
import dev.tandem.bench.wire.ReadyInfo;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated chat user on one WebSocket. Thread ownership: after {@code connect}, every field is
 * owned by the connection's event loop; other threads read them only after a barrier on that loop
 * (see {@link ClientPool#barrier}), or through the volatile {@link #state}.
 */
final class BenchClient implements WsListener {
    /** Clients ping this often when the protocol wants client keep-alives (Tandem closes silent ones). */
    private static final long KEEP_ALIVE_SECONDS = 20;

    enum State { CONNECTING, READY, CLOSED }

    final int index;
    final String user;
    private final ChatWire wire;
    private final Credentials credentials;
    private final ClientEvents events;
    final ReadyInfo info = new ReadyInfo();
    /** Scratch space for probes found in this client's frames (event-loop owned). */
    final ProbeText.Probe probe = new ProbeText.Probe();
    /** Per-scenario state hung on the client (event-loop owned). */
    Object attachment;

    private volatile State state = State.CONNECTING;
    private WsConnection connection;
    private ScheduledFuture<?> keepAlive;
    int closeCode = -1;
    String closeReason;
    Throwable closeCause;

    BenchClient(int index, String user, ChatWire wire, Credentials credentials, ClientEvents events) {
        this.index = index;
        this.user = user;
        this.wire = wire;
        this.credentials = credentials;
        this.events = events;
    }

    State state() {
        return state;
    }

    WsConnection connection() {
        return connection;
    }

    @Override
    public void onOpen(WsConnection c) {
        connection = c;
        wire.opened(c, user, credentials);
    }

    @Override
    public void onText(WsConnection c, ByteBuf utf8) {
        Inbound kind = wire.read(c, utf8, user, credentials, info);
        switch (kind) {
            case CHAT -> events.onChat(this, utf8);
            case READY -> {
                if (state == State.CONNECTING) {
                    state = State.READY;
                    startKeepAlive(c);
                    events.onReady(this);
                }
            }
            case ERROR -> events.onErrorFrame(this, utf8);
            case TODO -> events.onTodo(this, utf8);
            case OTHER -> events.onOther(this, utf8);
        }
    }

    @Override
    public void onClosed(WsConnection c, int code, String reason, Throwable cause) {
        connection = c;
        boolean wasReady = state == State.READY;
        state = State.CLOSED;
        closeCode = code;
        closeReason = reason;
        closeCause = cause;
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        events.onClosed(this, wasReady, code, reason, cause);
    }

    /** Sends a chat message; call on this client's event loop. */
    void send(String frame) {
        connection.send(frame);
    }

    void close() {
        WsConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    private void startKeepAlive(WsConnection c) {
        String ping = wire.keepAlive();
        if (ping != null) {
            // Spread the pings: each client starts at its own offset within the interval.
            long offsetMillis = (index * 7919L) % (KEEP_ALIVE_SECONDS * 1000);
            keepAlive = c.eventLoop().scheduleAtFixedRate(() -> c.send(ping),
                    offsetMillis, KEEP_ALIVE_SECONDS * 1000, TimeUnit.MILLISECONDS);
        }
    }

    /** Why the connection ended, in a few words for the report. */
    String closeDescription() {
        if (closeCause != null) {
            return closeCause.getClass().getSimpleName() + ": " + closeCause.getMessage();
        }
        return "close " + closeCode + (closeReason == null || closeReason.isEmpty() ? "" : " " + closeReason);
    }
}
