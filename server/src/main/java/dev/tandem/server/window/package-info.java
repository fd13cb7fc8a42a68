/**
 * The narrow interface between features ({@code chat}, {@code todo}) and the WebSocket layer ({@code ws}):
 * features send to a {@link dev.tandem.server.window.Window}, the WebSocket layer implements it. Depends on
 * nothing else in the server, so the package graph stays one-way: {@code session} → {@code ws}, {@code chat},
 * {@code todo}, {@code auth} → {@code window}, {@code redis}.
 */
package dev.tandem.server.window;
