// "Browse rooms": every public room by name (room.list → room.directory, 100 a page, "More" for the next),
// each with its member count and a Join button, or Open for one the user is in. Asked for afresh whenever it
// is opened, and again after a reconnect while it is open; DMs are never listed (the server lists public
// rooms only).
import {byId, el} from './dom.js';
import {newClientId} from './limits.js';

export class DirectoryView extends EventTarget {
  #rooms = [];
  #more = false;
  /** The clientId of the room.list in flight, or null: a late answer to an older one is ignored. */
  #asking = null;

  constructor(connection, chat) {
    super();
    this.connection = connection;
    this.chat = chat;
    this.panel = byId('directory');
    this.list = byId('directory-list');
    this.status = byId('directory-status');
    this.moreButton = byId('directory-more');
    this.toggle = byId('browse-rooms');

    this.toggle.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
    byId('directory-close').addEventListener('click', () => this.close());
    this.moreButton.addEventListener('click', () => this.#ask(this.#rooms[this.#rooms.length - 1]?.room));
    this.panel.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
        this.toggle.focus();
      }
    });
    connection.addEventListener('message', event => this.#receive(event.detail));
    connection.addEventListener('welcome', () => {
      if (!this.panel.hidden) {
        this.open(); // what was asked before the link dropped got no answer
      }
    });
    chat.addEventListener('rooms', () => {
      if (!this.panel.hidden) {
        this.render(); // joined or left: Join turns into Open and back
      }
    });
  }

  open() {
    this.panel.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    this.#rooms = [];
    this.#more = false;
    this.render();
    this.#ask(null);
    this.panel.scrollIntoView({block: 'nearest'});
    byId('directory-close').focus({preventScroll: true}); // so Escape closes it, and Tab walks the list
  }

  close() {
    this.panel.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    this.#asking = null;
  }

  #ask(after) {
    const frame = {type: 'room.list', clientId: newClientId()};
    if (after) {
      frame.after = after;
    }
    if (this.connection.sendNow(frame)) {
      this.#asking = frame.clientId;
      this.status.textContent = 'Loading…';
    } else {
      this.#asking = null;
      this.status.textContent = 'Offline: the list comes once connected again.';
    }
    this.moreButton.hidden = true;
  }

  #receive(message) {
    if (message.clientId !== this.#asking || !this.#asking) {
      return;
    }
    if (message.type === 'error') {
      this.#asking = null;
      this.status.textContent = message.code === 'rate_limited'
          ? 'Too many requests just now: try again in a moment.'
          : `The list could not be loaded: ${message.message || message.code}`;
      return;
    }
    if (message.type !== 'room.directory') {
      return;
    }
    this.#asking = null;
    this.#rooms.push(...message.rooms);
    this.#more = message.more;
    this.render();
  }

  render() {
    const joined = new Set(this.chat.rooms.map(summary => summary.room));
    const rows = this.#rooms.map(entry => {
      const member = joined.has(entry.room);
      const action = el('button', {class: 'small', text: member ? 'Open' : 'Join',
        attrs: {type: 'button', 'aria-label': `${member ? 'Open' : 'Join'} ${entry.room}`}});
      action.addEventListener('click', () => {
        if (joined.has(entry.room)) {
          this.chat.show(entry.room);
          this.dispatchEvent(new Event('picked'));
        } else {
          action.disabled = true;
          this.chat.joinOrCreate(entry.room);
        }
      });
      const members = entry.members === 1 ? '1 member' : `${entry.members} members`;
      return el('li', {class: 'directory-room', attrs: {'data-room': entry.room}},
          el('span', {class: 'hash', text: '#', attrs: {'aria-hidden': 'true'}}),
          el('span', {class: 'name', text: entry.room}),
          el('span', {class: 'muted members', text: members}),
          action);
    });
    this.list.replaceChildren(...rows);
    if (!this.#asking) {
      this.status.textContent = this.#rooms.length === 0 ? 'No public rooms yet: create one by name above.' : '';
    }
    this.moreButton.hidden = !this.#more || this.#asking !== null;
  }
}
