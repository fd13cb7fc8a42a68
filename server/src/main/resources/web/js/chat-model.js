// The rooms the user is in and each room's messages, as the protocol's rules make them (docs/PROTOCOL.md,
// "Chat", "Rooms", "Read positions"): a message is known by its room and id and shown once; the sender's own
// message waits as "pending" until its clientId comes back; history pages merge by id; a gap after a
// reconnect replaces the timeline instead of leaving a hole; unread counts follow the server's read
// positions. No DOM here.
//
// Events: 'rooms' (the list or a badge changed), 'timeline' {room, how: 'append'|'prepend'|'reset'},
// 'room' (another room is on screen), 'problem' {text}.
import {HISTORY_PAGE, MAX_CHAT_TEXT, hasLoneSurrogate, newClientId} from './limits.js';
import {Timeline} from './timeline.js';

export const GENERAL = 'general';

export class ChatModel extends EventTarget {
  #me = null;
  #summaries = new Map(); // room -> summary from the server
  #timelines = new Map(); // room -> Timeline
  #current = GENERAL;
  #dividerAfter = new Map(); // room -> read position when the room came on screen: the "new" line
  #asked = new Map(); // clientId -> room: joins, creations and DMs this window asked for (it goes there)

  constructor(connection) {
    super();
    this.connection = connection;
  }

  // --- read ---

  get me() {
    return this.#me;
  }

  get current() {
    return this.#current;
  }

  /** general first, then public rooms, then DMs, each by name. */
  get rooms() {
    const order = summary => summary.room === GENERAL ? 0 : summary.kind === 'dm' ? 2 : 1;
    return [...this.#summaries.values()].sort((a, b) =>
        order(a) - order(b) || a.title.localeCompare(b.title));
  }

  summary(room) {
    return this.#summaries.get(room);
  }

  timeline(room = this.#current) {
    let timeline = this.#timelines.get(room);
    if (!timeline) {
      timeline = new Timeline();
      this.#timelines.set(room, timeline);
    }
    return timeline;
  }

  /** The read position the "new messages" line is drawn after, in the room on screen. */
  get dividerAfter() {
    return this.#dividerAfter.get(this.#current) ?? Infinity;
  }

  // --- commands ---

  /** Posts text to the room on screen; false (with a 'problem') when it breaks a rule. */
  send(typed) {
    const text = typed.trim();
    if (text === '') {
      return false;
    }
    if (text.length > MAX_CHAT_TEXT) {
      this.#problem(`A message can be at most ${MAX_CHAT_TEXT} characters (this one has ${text.length}).`);
      return false;
    }
    if (hasLoneSurrogate(text)) {
      this.#problem('That message has a broken character in it.');
      return false;
    }
    const clientId = newClientId();
    const room = this.#current;
    this.timeline(room).pending.push({clientId, text, problem: null});
    this.connection.request({type: 'chat.send', clientId, room, text});
    this.#timelineChanged(room, 'append');
    return true;
  }

  /** Gives up on a message the server refused. */
  discard(clientId) {
    const timeline = this.timeline();
    timeline.pending = timeline.pending.filter(p => p.clientId !== clientId);
    this.connection.cancel(clientId);
    this.#timelineChanged(this.#current, 'append');
  }

  /** Puts another room on screen, loading its newest messages if they are not here. */
  show(room) {
    if (!this.#summaries.has(room)) {
      return;
    }
    this.#current = room;
    this.#dividerAfter.set(room, this.#summaries.get(room).readId);
    const timeline = this.timeline(room);
    if (!timeline.loaded) {
      this.#requestPage(room, null, 100);
    }
    this.dispatchEvent(new Event('room'));
    this.#timelineChanged(room, 'reset');
    this.markRead();
  }

  /** Scrolled to the top: the page before the oldest message here. */
  loadOlder() {
    const timeline = this.timeline();
    if (timeline.loaded && timeline.more && !timeline.loading && timeline.messages.length) {
      this.#requestPage(this.#current, timeline.oldestId, HISTORY_PAGE);
    }
  }

  /** The room on screen is being looked at: its newest message is read. */
  markRead() {
    const summary = this.#summaries.get(this.#current);
    const newest = Math.max(summary?.lastId ?? 0, this.timeline().newestId);
    if (!summary || document.visibilityState !== 'visible' || newest <= summary.readId) {
      return;
    }
    if (this.connection.sendNow({type: 'room.read', room: summary.room, id: newest})) {
      summary.readId = newest;
      summary.unread = 0;
      this.dispatchEvent(new Event('rooms'));
    }
  }

  /** Changes the text of one of the user's own messages in the room on screen. */
  edit(id, typed) {
    const text = typed.trim();
    const message = this.timeline().messages.find(m => m.id === id);
    if (!message || text === '' || text === message.text) {
      return;
    }
    if (text.length > MAX_CHAT_TEXT) {
      this.#problem(`A message can be at most ${MAX_CHAT_TEXT} characters (this one has ${text.length}).`);
      return;
    }
    this.#ask({type: 'chat.edit', clientId: newClientId(), room: this.#current, id, text});
  }

  deleteMessage(id) {
    this.#ask({type: 'chat.delete', clientId: newClientId(), room: this.#current, id});
  }

  /** Joins a public room, creating it when nobody has yet (room.join, then room.create on unknown_room). */
  joinOrCreate(room) {
    this.#ask({type: 'room.join', clientId: newClientId(), room});
  }

  openDm(user) {
    this.#ask({type: 'dm.open', clientId: newClientId(), user});
  }

  #ask(frame) {
    this.#asked.set(frame.clientId, frame);
    this.connection.request(frame);
  }

  leave(room) {
    this.#ask({type: 'room.leave', clientId: newClientId(), room});
  }

  // --- from the server ---

  welcome(welcome, resumed) {
    this.#me = welcome.user;
    this.#summaries = new Map(welcome.rooms.map(summary => [summary.room, {...summary}]));
    if (!resumed) {
      // A password sign-in (perhaps as someone else after "Sign out"): nothing of before is kept.
      this.#timelines.clear();
      this.#dividerAfter.clear();
      this.#asked.clear();
    }
    for (const room of [...this.#timelines.keys()]) {
      const timeline = this.#timelines.get(room);
      if (!this.#summaries.has(room)) {
        this.#timelines.delete(room);
      } else if (room !== welcome.room) {
        // Messages may have come while the link was down: load the newest again when it is shown.
        timeline.loaded = false;
        timeline.loading = null;
      }
    }
    const timeline = this.timeline(welcome.room);
    const history = welcome.history;
    if (resumed && timeline.messages.length && history.length && history[0].id > timeline.newestId + 1) {
      timeline.clear(); // A gap between what was here and what came: the fresh page is the truth.
    }
    if (!resumed) {
      timeline.clear();
    }
    timeline.merge(history);
    timeline.loaded = true;
    timeline.loading = null;
    // historyMore says whether older messages exist (long messages make the history shorter than 100);
    // a server from before it was sent leaves it out: then a history under 100 is everything.
    if (!(welcome.historyMore ?? history.length >= 100)) {
      timeline.more = false;
    }
    this.#dropAcknowledged(timeline, history);
    this.#current = welcome.room;
    if (!this.#dividerAfter.has(welcome.room)) {
      this.#dividerAfter.set(welcome.room, this.#summaries.get(welcome.room)?.readId ?? 0);
    }
    this.dispatchEvent(new Event('rooms'));
    this.dispatchEvent(new Event('room'));
    this.#timelineChanged(welcome.room, 'reset');
    this.markRead();
  }

  /** Takes in a server message; returns whether it was one of chat's. */
  receive(message) {
    switch (message.type) {
      case 'chat.message':
        this.#message(message);
        return true;
      case 'chat.edited':
      case 'chat.deleted':
        this.#asked.delete(message.clientId);
        this.#edit(message);
        return true;
      case 'chat.page':
        this.#page(message);
        return true;
      case 'room.joined':
        this.#joined(message);
        return true;
      case 'room.left':
        this.#asked.delete(message.clientId);
        this.#left(message.room);
        return true;
      case 'room.member': {
        const summary = this.#summaries.get(message.room);
        if (summary) {
          summary.members = message.members;
          this.dispatchEvent(new Event('rooms'));
        }
        return true;
      }
      case 'room.read': {
        const summary = this.#summaries.get(message.room);
        if (summary && message.id >= summary.readId) {
          summary.readId = message.id;
          summary.unread = message.unread ?? 0;
          this.dispatchEvent(new Event('rooms'));
        }
        return true;
      }
      case 'error':
        return this.#refused(message);
      default:
        return false;
    }
  }

  #message(message) {
    const summary = this.#summaries.get(message.room);
    const timeline = this.timeline(message.room);
    const own = message.author === this.#me;
    const fresh = !timeline.ids.has(message.id) && (!summary || message.id > summary.lastId);
    if (timeline.loaded) {
      timeline.merge([message]);
    }
    this.#dropAcknowledged(timeline, [message]);
    if (summary) {
      summary.lastId = Math.max(summary.lastId, message.id);
      if (own) {
        summary.readId = Math.max(summary.readId, message.id); // posting moves the read position
      } else if (fresh) {
        summary.unread++;
      }
    }
    this.dispatchEvent(new CustomEvent('message', {detail: message}));
    this.#timelineChanged(message.room, 'append');
    if (message.room === this.#current) {
      this.markRead();
    }
    this.dispatchEvent(new Event('rooms'));
  }

  #edit(change) {
    const timeline = this.timeline(change.room);
    const at = timeline.messages.findIndex(m => m.id === change.id);
    if (at < 0) {
      return;
    }
    const message = {...timeline.messages[at]};
    if (change.type === 'chat.deleted') {
      message.deleted = true;
      message.text = '';
    } else {
      message.text = change.text;
      message.editedAt = change.editedAt;
    }
    timeline.messages[at] = message;
    this.#timelineChanged(change.room, 'reset');
  }

  #page(page) {
    const timeline = this.timeline(page.room);
    if (timeline.loading !== page.clientId) {
      return;
    }
    const first = !timeline.loaded;
    timeline.loading = null;
    if (first) {
      timeline.clear();
    }
    timeline.merge(page.messages);
    this.#dropAcknowledged(timeline, page.messages);
    timeline.loaded = true;
    timeline.more = page.more;
    this.#timelineChanged(page.room, first ? 'reset' : 'prepend');
    if (page.room === this.#current) {
      this.markRead();
    }
  }

  #joined(joined) {
    const summary = joined.summary;
    this.#summaries.set(summary.room, {...summary});
    this.dispatchEvent(new Event('rooms'));
    if (joined.clientId && this.#asked.delete(joined.clientId)) {
      this.show(summary.room); // This window asked for it: go there.
    }
  }

  #left(room) {
    this.#summaries.delete(room);
    this.#timelines.delete(room);
    if (this.#current === room) {
      this.show(GENERAL);
    }
    this.dispatchEvent(new Event('rooms'));
  }

  #refused(error) {
    if (error.code === 'unavailable' || error.code === 'rate_limited') {
      return false; // the outbox sends it again in a few seconds: still pending
    }
    const asked = this.#asked.get(error.ref);
    if (asked) {
      this.#asked.delete(error.ref);
      if (asked.type === 'room.join' && error.code === 'unknown_room') {
        this.#ask({type: 'room.create', clientId: newClientId(), room: asked.room});
      } else {
        this.#problem(describeRoomError(error, asked));
      }
      return true;
    }
    for (const [room, timeline] of this.#timelines) {
      const pending = timeline.pending.find(p => p.clientId === error.ref);
      if (pending) {
        pending.problem = describe(error);
        this.#timelineChanged(room, 'append');
        return true;
      }
      if (timeline.loading === error.ref) {
        timeline.loading = null;
        return true;
      }
    }
    return false;
  }

  #requestPage(room, before, limit) {
    const clientId = newClientId();
    const frame = {type: 'chat.history', clientId, room, limit};
    if (before !== null) {
      frame.before = before;
    }
    if (this.connection.sendNow(frame)) {
      this.timeline(room).loading = clientId;
    }
  }

  /** Own messages that came back (live, in a welcome or a page) are no longer pending. */
  #dropAcknowledged(timeline, messages) {
    const acknowledged = new Set(messages.filter(m => m.author === this.#me).map(m => m.clientId));
    timeline.pending = timeline.pending.filter(p => !acknowledged.has(p.clientId));
  }

  #timelineChanged(room, how) {
    this.dispatchEvent(new CustomEvent('timeline', {detail: {room, how}}));
  }

  #problem(text) {
    this.dispatchEvent(new CustomEvent('problem', {detail: {text}}));
  }
}

/** What a refused message shows, in the desktop app's words. */
function describe(error) {
  switch (error.code) {
    case 'not_member':
      return 'Not sent: you are not in this room any more.';
    case 'unknown_room':
      return 'Not sent: this room does not exist.';
    case 'invalid':
      return `Not sent: ${error.message || 'the server refused it'}.`;
    default:
      return `Not sent: ${error.message || error.code}.`;
  }
}

function describeRoomError(error, asked) {
  switch (error.code) {
    case 'unknown_user':
      return `There is no user "${asked.user}".`;
    case 'limit_reached':
      return 'You are in 200 rooms already: leave one first.';
    case 'room_taken':
      return `The room "${asked.room}" was just created by someone else: join it.`;
    case 'invalid':
      if (asked.type === 'chat.edit') {
        return `Not changed: ${error.message || 'the server refused it'}.`;
      }
      return asked.type === 'dm.open' ? 'That is you.' : `"${asked.room}" is not a valid room name.`;
    case 'not_found':
      return 'That message is no longer kept (or was deleted).';
    case 'forbidden':
      return asked.type === 'room.leave' ? 'You cannot leave this room.' : 'Only its author can change a message.';
    default:
      return error.message || error.code;
  }
}
