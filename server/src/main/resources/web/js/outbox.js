// Every request that changes something, kept from the moment it is made until the server answers its
// clientId. After a reconnect all of them go again, with the same clientIds: the server applies each once
// (docs/PROTOCOL.md, "Resending is safe"). Kept in memory only: a closed tab forgets what it had not sent.

/** Errors after which the same request, sent again later, may succeed. */
const RETRY_LATER = new Set(['unavailable', 'rate_limited']);

export class Outbox {
  #waiting = new Map(); // clientId -> frame, in the order they were made

  add(frame) {
    this.#waiting.set(frame.clientId, frame);
  }

  /** Every request not answered yet, oldest first. */
  all() {
    return [...this.#waiting.values()];
  }

  has(clientId) {
    return this.#waiting.has(clientId);
  }

  /** The type of the waiting request clientId, or undefined. */
  typeOf(clientId) {
    return this.#waiting.get(clientId)?.type;
  }

  get size() {
    return this.#waiting.size;
  }

  /**
   * Takes in a message from the server. Returns 'answered' when it answers a waiting request (which is
   * then gone), 'retry' for an error that asks to resend later (the request stays), null otherwise.
   */
  settle(message) {
    const id = message.type === 'error' ? message.ref : message.clientId;
    if (!id || !this.#waiting.has(id)) {
      return null;
    }
    if (message.type === 'error' && RETRY_LATER.has(message.code)) {
      return 'retry';
    }
    this.#waiting.delete(id);
    return 'answered';
  }

  /** Drops a request nobody wants any more (a message whose sending was cancelled). */
  drop(clientId) {
    this.#waiting.delete(clientId);
  }

  clear() {
    this.#waiting.clear();
  }
}
