// Waits between reconnect attempts: 1 s, 2 s, 4 s... up to 10 s, each ±20% so that many tabs cut off
// together (a proxy restart) do not all come back in the same instant.
export class Backoff {
  #attempts = 0;

  constructor(firstMs = 1000, maxMs = 10_000) {
    this.firstMs = firstMs;
    this.maxMs = maxMs;
  }

  next() {
    const base = Math.min(this.maxMs, this.firstMs * 2 ** this.#attempts);
    this.#attempts++;
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  get attempts() {
    return this.#attempts;
  }

  reset() {
    this.#attempts = 0;
  }
}
