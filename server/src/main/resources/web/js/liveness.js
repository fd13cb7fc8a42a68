// Tells a live link from one that stopped answering, as the desktop app does: a request the server answers
// (a ping included) starts a clock unless one runs already, and any frame from the server stops it. After
// 3 s the status says "Server s1 is not responding…" (a frozen server otherwise shows "Connected" while a
// message sits on "sending…"); after 10 s the link is given up, so the reconnect finds a server that answers.
// The page's one thread owns it; the connection tells it what went out and what came in.
export const NOT_RESPONDING_MS = 3_000;
export const DEAD_MS = 10_000;
/** Frames the server does not answer to the sender: they start no clock. */
const UNANSWERED = new Set(['typing', 'room.read']);

export class Liveness {
  #waitingSince = 0; // when the oldest request not answered by any frame yet was sent, or 0
  #timer = null;
  #silent = false;

  /**
   * @param onResponding called with false when the server stops answering, with true when it answers again
   * @param onDead called once an unanswered request is DEAD_MS old
   */
  constructor(onResponding, onDead) {
    this.onResponding = onResponding;
    this.onDead = onDead;
  }

  get responding() {
    return !this.#silent;
  }

  /** A frame went to the server. */
  sent(frame) {
    if (UNANSWERED.has(frame.type) || this.#waitingSince) {
      return; // the clock of an older request runs already
    }
    this.#waitingSince = Date.now();
    this.#timer = setTimeout(() => this.#noAnswer(), NOT_RESPONDING_MS);
  }

  /** A frame came from the server: whatever was asked has been answered. */
  heard() {
    const wasSilent = this.#silent;
    this.stop();
    if (wasSilent) {
      this.onResponding(true);
    }
  }

  /** The link is gone (or new): no clock runs. */
  stop() {
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#waitingSince = 0;
    this.#silent = false;
  }

  #noAnswer() {
    this.#timer = null;
    const waited = Date.now() - this.#waitingSince;
    if (waited >= DEAD_MS) {
      this.stop();
      this.onDead();
      return;
    }
    if (!this.#silent) {
      this.#silent = true;
      this.onResponding(false);
    }
    this.#timer = setTimeout(() => this.#noAnswer(), DEAD_MS - waited);
  }
}
