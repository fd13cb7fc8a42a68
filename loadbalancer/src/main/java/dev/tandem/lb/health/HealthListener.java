package dev.tandem.lb.health;

import dev.tandem.lb.backend.Backend;

/**
 * What the health checker tells the rest of the proxy beyond the backends' {@code healthy} flags.
 * Called on the health checker's event loop: an implementation must not block it.
 */
@FunctionalInterface
public interface HealthListener {

    /**
     * {@code backend} was down and has just passed {@code --rise} checks: it is in routing again (its
     * {@code healthy} flag is already set), so new requests for its keys go to it from now on.
     */
    void backendUp(Backend backend);
}
