package dev.tandem.lb.http;

/**
 * User event fired on every client channel when a graceful shutdown starts: idle connections close now,
 * busy ones close after their current response. Tunnels ignore it and are closed when the drain time ends.
 */
public enum DrainSignal {
    INSTANCE
}
