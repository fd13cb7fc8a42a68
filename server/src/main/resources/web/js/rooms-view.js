// The side panel: the rooms and DMs the user is in, with unread badges (the room on screen marked), the
// "join or create a room" and "message someone" boxes, and who is online (a click opens a DM).
import {byId, el} from './dom.js';
import {isRoomName, isUserName, normalName} from './limits.js';

export class RoomsView extends EventTarget {
  constructor(chat, people, notice) {
    super();
    this.chat = chat;
    this.people = people;
    this.notice = notice;
    this.list = byId('room-list');
    this.peopleList = byId('people');
    this.tabBadge = byId('tab-unread');

    byId('join-form').addEventListener('submit', event => {
      event.preventDefault();
      const input = byId('join-room');
      const room = normalName(input.value);
      if (!isRoomName(room)) {
        notice(`"${input.value.trim()}" is not a room name: use 1 to 32 lowercase letters, digits, '_' or '-', starting with a letter or digit.`);
        return;
      }
      chat.joinOrCreate(room);
      input.value = '';
    });
    byId('dm-form').addEventListener('submit', event => {
      event.preventDefault();
      const input = byId('dm-user');
      const user = normalName(input.value);
      if (!isUserName(user)) {
        notice(`"${input.value.trim()}" is not a user name.`);
        return;
      }
      chat.openDm(user);
      input.value = '';
    });
    // Alt+↑ / Alt+↓: the room above or below, from anywhere on the page.
    document.addEventListener('keydown', event => {
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        const rooms = chat.rooms.map(summary => summary.room);
        const at = rooms.indexOf(chat.current);
        const next = rooms[at + (event.key === 'ArrowUp' ? -1 : 1)];
        if (next) {
          event.preventDefault();
          chat.show(next);
        }
      }
    });
    chat.addEventListener('rooms', () => this.render());
    chat.addEventListener('room', () => this.render());
    people.addEventListener('online', () => {
      this.render();
      this.renderPeople();
    });
  }

  render() {
    let unreadElsewhere = 0;
    const items = this.chat.rooms.map(summary => {
      const current = summary.room === this.chat.current;
      const button = el('button', {class: 'room', attrs: {type: 'button', 'data-room': summary.room,
        'aria-current': current ? 'true' : 'false'}});
      if (summary.kind === 'dm') {
        const dot = el('span', {class: 'dot', attrs: {'aria-hidden': 'true'}});
        dot.classList.toggle('online', this.people.isOnline(summary.title));
        button.append(dot, el('span', {class: 'name', text: summary.title}));
      } else {
        button.append(el('span', {class: 'hash', text: '#', attrs: {'aria-hidden': 'true'}}),
            el('span', {class: 'name', text: summary.title}));
      }
      if (summary.unread > 0 && !current) {
        unreadElsewhere += summary.unread;
        button.append(el('span', {class: 'badge', text: summary.unread > 99 ? '99+' : String(summary.unread),
          attrs: {'aria-label': `${summary.unread} unread`}}));
      }
      button.addEventListener('click', () => {
        this.chat.show(summary.room);
        this.dispatchEvent(new Event('picked'));
      });
      return el('li', {}, button);
    });
    this.list.replaceChildren(...items);
    this.tabBadge.hidden = unreadElsewhere === 0;
    this.tabBadge.textContent = String(unreadElsewhere);
    // The browser's tab shows it too, for a page in the background.
    const unread = this.chat.rooms.reduce((sum, summary) => sum + summary.unread, 0);
    document.title = unread > 0 ? `(${unread}) Tandem` : 'Tandem';
  }

  renderPeople() {
    const me = this.chat.me;
    const rows = this.people.online.map(user => {
      if (user === me) {
        return el('li', {class: 'person me'}, el('span', {class: 'dot online'}), el('span', {text: `${user} (you)`}));
      }
      const button = el('button', {class: 'person', attrs: {type: 'button', title: `Message ${user}`}},
          el('span', {class: 'dot online'}), el('span', {text: user}));
      button.addEventListener('click', () => this.chat.openDm(user));
      return el('li', {}, button);
    });
    this.peopleList.replaceChildren(...rows);
  }
}
