/**
 * The narrow interface between features ({@code relay}, {@code chat}, {@code room}, {@code todo}) and the
 * WebSocket layer ({@code ws}): features send to a {@link dev.tandem.server.window.Window} or through a
 * {@link dev.tandem.server.window.Broadcaster}, the WebSocket layer implements them. Depends on nothing else
 * in the server, so the package graph stays one-way: {@code session} → {@code ws}, {@code chat}, {@code room},
 * {@code todo}, {@code auth}; {@code chat}, {@code room} → {@code relay}; {@code relay}, {@code ws} →
 * {@code window}, {@code redis}.
 */
package dev.tandem.server.window;
