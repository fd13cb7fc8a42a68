// Who is online (the welcome's list, then `presence` changes) and who is typing where (`typing`, shown for
// 6 s after the last one or until that person's message arrives). Also paces this window's own `typing`
// frames to one per room every 3 s, as the server asks. No DOM here. Events: 'online', 'typing'.
import {TYPING_EVERY_MS, TYPING_SHOWN_MS} from './limits.js';

export class People extends EventTarget {
  #online = new Set();
  #typing = new Map(); // room -> Map(user -> expiry time)
  #timer = null;
  #sentAt = new Map(); // room -> when this window last said it was typing there

  constructor(connection) {
    super();
    this.connection = connection;
  }

  get online() {
    return [...this.#online].sort();
  }

  isOnline(user) {
    return this.#online.has(user);
  }

  /** Who is typing in room now, by name. */
  typingIn(room) {
    const now = Date.now();
    return [...(this.#typing.get(room) ?? new Map())].filter(([, until]) => until > now).map(([user]) => user).sort();
  }

  /** The person typed in room's composer. */
  typed(room) {
    const now = Date.now();
    if (now - (this.#sentAt.get(room) ?? 0) >= TYPING_EVERY_MS && this.connection.sendNow({type: 'typing', room})) {
      this.#sentAt.set(room, now);
    }
  }

  welcome(welcome) {
    this.#online = new Set(welcome.online);
    this.#typing.clear();
    this.dispatchEvent(new Event('online'));
    this.dispatchEvent(new Event('typing'));
  }

  receive(message) {
    switch (message.type) {
      case 'presence':
        message.online.forEach(user => this.#online.add(user));
        message.offline.forEach(user => this.#online.delete(user));
        this.dispatchEvent(new Event('online'));
        return true;
      case 'typing': {
        const room = this.#typing.get(message.room) ?? new Map();
        room.set(message.user, Date.now() + TYPING_SHOWN_MS);
        this.#typing.set(message.room, room);
        this.#changedTyping();
        return true;
      }
      case 'chat.message':
        // Their message is here: they are done typing it.
        if (this.#typing.get(message.room)?.delete(message.author)) {
          this.#changedTyping();
        }
        if (message.author === this.connection.user) {
          this.#sentAt.delete(message.room);
        }
        return false; // chat's too
      default:
        return false;
    }
  }

  #changedTyping() {
    this.dispatchEvent(new Event('typing'));
    // One timer for the next expiry, so "is typing…" goes away on time without a poll.
    clearTimeout(this.#timer);
    const now = Date.now();
    const next = Math.min(...[...this.#typing.values()].flatMap(room => [...room.values()]).filter(t => t > now));
    if (Number.isFinite(next)) {
      this.#timer = setTimeout(() => this.#changedTyping(), next - now + 10);
    }
  }
}
