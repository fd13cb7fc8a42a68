// Draws the room on screen: its messages (every text through textContent), the pending ones, the "new
// messages" line, who is typing, and the composer (Enter sends, Shift+Enter is a new line). Scrolling to
// the top asks for the page before; a page that arrives keeps what was on screen in place.
import {byId, el, shortTime} from './dom.js';
import {MAX_CHAT_TEXT} from './limits.js';

/** Within this many pixels of the bottom counts as "at the bottom": new messages keep it there. */
const STICKY_PX = 60;
const LOAD_OLDER_PX = 80;

export class ChatView {
  #editing = null; // {id, box}: the own message being edited survives redraws
  #redrawing = false;

  constructor(chat, people) {
    this.chat = chat;
    this.people = people;
    this.scroller = byId('messages');
    this.list = byId('message-list');
    this.historyState = byId('history-state');
    this.title = byId('room-title');
    this.meta = byId('room-meta');
    this.leave = byId('leave-room');
    this.typingLine = byId('typing-line');
    this.input = byId('chat-input');
    this.count = byId('chat-count');
    this.sendButton = byId('send-button');

    byId('composer').addEventListener('submit', event => {
      event.preventDefault();
      this.#send();
    });
    this.input.addEventListener('keydown', event => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#send();
      } else if (event.key === 'ArrowUp' && this.input.value === '') {
        // As in most chat apps: Up in an empty box edits one's last message.
        const own = this.chat.timeline().messages.filter(m => m.author === this.chat.me && !m.deleted);
        if (own.length) {
          event.preventDefault();
          this.#startEditing(own[own.length - 1]);
        }
      }
    });
    this.input.addEventListener('input', () => {
      this.#fitInput();
      if (this.input.value.trim() !== '') {
        people.typed(chat.current);
      }
    });
    this.scroller.addEventListener('scroll', () => {
      if (this.scroller.scrollTop < LOAD_OLDER_PX) {
        chat.loadOlder();
      }
    });
    this.leave.addEventListener('click', () => chat.leave(chat.current));
    document.addEventListener('visibilitychange', () => chat.markRead());
    window.addEventListener('focus', () => chat.markRead());

    chat.addEventListener('timeline', event => {
      if (event.detail.room === chat.current) {
        this.#draw(event.detail.how);
      }
    });
    chat.addEventListener('room', () => this.#header());
    chat.addEventListener('rooms', () => this.#header());
    people.addEventListener('typing', () => this.#typing());
  }

  #send() {
    if (this.input.value.trim().length > MAX_CHAT_TEXT) {
      return; // the counter under the box says by how much
    }
    if (this.chat.send(this.input.value)) {
      this.input.value = '';
      this.#fitInput();
    }
  }

  /**
   * The box grows with its text up to a few lines; the counter shows near the limit, counted as the server
   * counts (UTF-16 units of the trimmed text). Over it, the desktop app's words and no Send: the box takes any
   * length, so a long paste is never cut short without a word.
   */
  #fitInput() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 160)}px`;
    this.input.style.overflowY = this.input.scrollHeight > 160 ? 'auto' : 'hidden';
    const length = this.input.value.trim().length;
    const over = length - MAX_CHAT_TEXT;
    this.count.hidden = length < MAX_CHAT_TEXT - 200;
    this.count.textContent = over > 0
        ? `${over} ${over === 1 ? 'character' : 'characters'} over the limit of ${MAX_CHAT_TEXT}`
        : `${length} / ${MAX_CHAT_TEXT}`;
    this.count.classList.toggle('problem', over > 0);
    this.count.classList.toggle('muted', over <= 0);
    this.sendButton.disabled = over > 0;
  }

  #header() {
    const summary = this.chat.summary(this.chat.current);
    if (!summary) {
      return;
    }
    this.title.textContent = summary.kind === 'dm' ? `@${summary.title}` : `#${summary.title}`;
    this.meta.textContent = summary.kind === 'dm'
        ? (this.people.isOnline(summary.title) ? 'online' : 'offline')
        : `${summary.members} ${summary.members === 1 ? 'member' : 'members'}`;
    this.leave.hidden = summary.kind !== 'room' || summary.room === 'general';
    this.#typing();
  }

  #typing() {
    const names = this.people.typingIn(this.chat.current).filter(name => name !== this.chat.me);
    this.typingLine.textContent = names.length === 0 ? ''
        : names.length === 1 ? `${names[0]} is typing…`
        : names.length <= 3 ? `${names.join(', ')} are typing…` : 'Several people are typing…';
  }

  #draw(how) {
    this.#redrawing = true;
    try {
      this.#drawTimeline(how);
    } finally {
      this.#redrawing = false;
    }
  }

  #drawTimeline(how) {
    const scroller = this.scroller;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < STICKY_PX;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    const timeline = this.chat.timeline();
    const divider = this.chat.dividerAfter;
    const rows = [];
    let previous = null;
    for (const message of timeline.messages) {
      if (previous && previous.id <= divider && message.id > divider && message.author !== this.chat.me) {
        rows.push(el('li', {class: 'divider', attrs: {role: 'separator'}}, el('span', {text: 'new messages'})));
      }
      rows.push(this.#message(message, previous));
      previous = message;
    }
    for (const pending of timeline.pending) {
      rows.push(this.#pending(pending));
    }
    this.list.replaceChildren(...rows);
    this.historyState.textContent = !timeline.loaded ? 'Loading…'
        : timeline.loading ? 'Loading older messages…'
        : timeline.more ? '' : timeline.messages.length ? 'The beginning of this room.' : 'No messages yet. Say hello!';
    if (how === 'prepend') {
      scroller.scrollTop = scroller.scrollHeight - fromBottom; // what was on screen stays put
    } else if (how === 'reset' || atBottom) {
      scroller.scrollTop = scroller.scrollHeight;
    }
    if (how !== 'prepend' && timeline.loaded && timeline.more && scroller.scrollHeight <= scroller.clientHeight) {
      this.chat.loadOlder(); // not enough to scroll: fill the view
    }
  }

  #message(message, previous) {
    const own = message.author === this.chat.me;
    const continued = previous && previous.author === message.author
        && Date.parse(message.sentAt) - Date.parse(previous.sentAt) < 5 * 60_000;
    const li = el('li', {class: 'message', attrs: {'data-id': message.id}});
    li.classList.toggle('own', own);
    li.classList.toggle('continued', Boolean(continued));
    if (!continued) {
      li.append(el('div', {class: 'meta'},
          el('span', {class: 'author', text: message.author}),
          el('time', {text: shortTime(message.sentAt), attrs: {datetime: message.sentAt}})));
    }
    if (message.deleted) {
      li.append(el('p', {class: 'text deleted', text: 'This message was deleted.'}));
    } else if (own && this.#editing?.id === message.id) {
      li.classList.add('editing');
      li.append(this.#editing.box);
      queueMicrotask(() => this.#editing?.box.focus());
    } else {
      const text = el('p', {class: 'text', text: message.text});
      if (message.editedAt) {
        text.append(el('span', {class: 'edited muted', text: ' (edited)'}));
      }
      li.append(text);
      if (own) {
        li.tabIndex = 0; // a tap or Tab shows Edit and Delete (no hover on a phone)
        li.append(this.#actions(message));
      }
    }
    return li;
  }

  /** Edit and Delete on one's own messages (shown on hover or keyboard focus). */
  #actions(message) {
    const edit = el('button', {class: 'small', text: 'Edit', attrs: {type: 'button', 'aria-label': 'Edit message'}});
    edit.addEventListener('click', () => this.#startEditing(message));
    const remove = el('button', {class: 'small', text: 'Delete', attrs: {type: 'button', 'aria-label': 'Delete message'}});
    remove.addEventListener('click', () => {
      if (window.confirm('Delete this message for everyone?')) {
        this.chat.deleteMessage(message.id);
      }
    });
    return el('div', {class: 'actions'}, edit, remove);
  }

  #startEditing(message) {
    const box = el('textarea', {class: 'edit', attrs: {'aria-label': 'Edit message', rows: 2}});
    box.value = message.text;
    let done = false;
    const finish = commit => {
      if (done) {
        return;
      }
      done = true;
      this.#editing = null;
      if (commit) {
        this.chat.edit(message.id, box.value);
      }
      this.#draw('keep');
      this.input.focus();
    };
    box.addEventListener('keydown', event => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        finish(true);
      } else if (event.key === 'Escape') {
        finish(false);
      }
    });
    box.addEventListener('blur', () => {
      if (!this.#redrawing) {
        finish(false);
      }
    });
    this.#editing = {id: message.id, box};
    this.#draw('keep');
    box.focus();
  }

  #pending(pending) {
    const li = el('li', {class: 'message own pending', attrs: {'data-client-id': pending.clientId}},
        el('p', {class: 'text', text: pending.text}));
    if (pending.problem) {
      li.classList.add('failed');
      const discard = el('button', {class: 'small', text: 'Discard', attrs: {type: 'button'}});
      discard.addEventListener('click', () => this.chat.discard(pending.clientId));
      li.append(el('p', {class: 'problem'}, pending.problem, ' ', discard));
    } else {
      li.append(el('p', {class: 'state muted', text: 'sending…'}));
    }
    return li;
  }
}
