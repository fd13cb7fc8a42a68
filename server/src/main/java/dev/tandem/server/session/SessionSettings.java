package dev.tandem.server.session;

import java.time.Duration;

/**
 * What the WebSocket session layer needs to know of the server's configuration.
 *
 * @param serverId          this server's name, in every welcome
 * @param messagesPerSecond per-connection rate limit
 * @param messageBurst      burst above that rate
 * @param maxPendingBytes   bytes of frames queued to one client before it counts as too slow
 * @param signInTimeout     how long a connection may stay unauthenticated
 * @param idleTimeout       how long a connection may send nothing before it is closed
 */
public record SessionSettings(String serverId, int messagesPerSecond, int messageBurst, int maxPendingBytes,
                              Duration signInTimeout, Duration idleTimeout) {
}
