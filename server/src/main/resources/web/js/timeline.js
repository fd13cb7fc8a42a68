// One room's messages as this window holds them: by id, each once, oldest first, plus the ones typed
// here and not acknowledged yet. No DOM here.
export class Timeline {
  messages = [];      // chat.message frames, by id
  ids = new Set();
  loaded = false;     // holds the newest messages (from a welcome or a first page)
  more = true;        // older messages are kept on the server
  loading = null;     // clientId of the history request under way
  pending = [];       // {clientId, text, problem}: typed here, not acknowledged yet

  /** Adds messages by id (dropping those already here); returns how many were new. */
  merge(messages) {
    let added = 0;
    for (const message of messages) {
      if (!this.ids.has(message.id)) {
        this.ids.add(message.id);
        this.messages.push(message);
        added++;
      }
    }
    this.messages.sort((a, b) => a.id - b.id);
    return added;
  }

  get newestId() {
    return this.messages.length ? this.messages[this.messages.length - 1].id : 0;
  }

  get oldestId() {
    return this.messages.length ? this.messages[0].id : 0;
  }

  clear() {
    this.messages = [];
    this.ids = new Set();
  }
}
