package dev.tandem.bench.scenario;

import io.netty.buffer.ByteBuf;

/**
 * What a scenario hears from its clients. Every call runs on the client's event loop; a scenario that
 * aggregates across clients uses thread-safe counters (or per-client fields read after a barrier).
 */
interface ClientEvents {
    /** The client signed in. */
    default void onReady(BenchClient client) {
    }

    /** A chat message reached the client (the raw frame, valid only during the call). */
    default void onChat(BenchClient client, ByteBuf frame) {
    }

    /** The server answered with an error. */
    default void onError(BenchClient client, String frame) {
    }

    /** The server answered with an error: the raw frame (valid only during the call); by default {@link #onError}. */
    default void onErrorFrame(BenchClient client, ByteBuf frame) {
        onError(client, dev.tandem.bench.wire.ChatWire.describe(frame));
    }

    /** A {@code todo.changed} or {@code todo.list} reached the client (the raw frame, valid only during the call). */
    default void onTodo(BenchClient client, ByteBuf frame) {
    }

    /** Any other frame (room answers, presence, typing...): the raw frame, valid only during the call. */
    default void onOther(BenchClient client, ByteBuf frame) {
    }

    /** The connection ended; {@code wasReady} tells whether it had signed in. */
    default void onClosed(BenchClient client, boolean wasReady, int code, String reason, Throwable cause) {
    }
}
