// The todo list as the server holds it, and the TodoMVC rules around it: the filter, the counter, what
// "toggle all" and "clear completed" do. No DOM here. The server is the authority: a change is a request,
// and the list changes when `todo.changed` (to every window of the user) or `todo.list` comes back.
//
// Events: 'change' after the list, the filter or the pending requests changed; 'problem' {text} for a refusal.
import {MAX_TODO_TITLE, MAX_TODOS, hasLoneSurrogate, newClientId} from './limits.js';

export const FILTERS = ['all', 'active', 'completed'];
const RETRIED = new Set(['unavailable', 'rate_limited']);

export class TodoModel extends EventTarget {
  #items = [];      // [{id, title, completed}] in the server's order
  #revision = -1;
  #filter = 'all';
  #pendingAdds = new Map(); // clientId -> title: added while offline or not answered yet

  /** @param connection the Connection requests go through */
  constructor(connection) {
    super();
    this.connection = connection;
  }

  // --- read ---

  get items() {
    return this.#items;
  }

  get filter() {
    return this.#filter;
  }

  /** The items the filter shows. */
  get visible() {
    if (this.#filter === 'active') {
      return this.#items.filter(item => !item.completed);
    }
    if (this.#filter === 'completed') {
      return this.#items.filter(item => item.completed);
    }
    return this.#items;
  }

  get activeCount() {
    return this.#items.filter(item => !item.completed).length;
  }

  get completedCount() {
    return this.#items.length - this.activeCount;
  }

  get allCompleted() {
    return this.#items.length > 0 && this.activeCount === 0;
  }

  /** Titles added here that the server has not confirmed yet, oldest first. */
  get pendingAdds() {
    return [...this.#pendingAdds.values()];
  }

  // --- commands ---

  setFilter(filter) {
    this.#filter = FILTERS.includes(filter) ? filter : 'all';
    this.#changed();
  }

  /** Adds a todo; false (with a 'problem') when the title breaks a rule. */
  add(typed) {
    const title = this.#checkTitle(typed);
    if (title === null) {
      return false;
    }
    if (this.#items.length + this.#pendingAdds.size >= MAX_TODOS) {
      this.#problem(`You have reached the limit of ${MAX_TODOS} todos.`);
      return false;
    }
    const clientId = newClientId();
    this.#pendingAdds.set(clientId, title);
    this.connection.request({type: 'todo.add', clientId, title});
    this.#changed();
    return true;
  }

  /** TodoMVC: an edit that leaves the title empty deletes the todo. */
  rename(id, typed) {
    const item = this.#find(id);
    if (!item) {
      return;
    }
    if (typed.trim() === '') {
      this.delete(id);
      return;
    }
    const title = this.#checkTitle(typed);
    if (title === null || title === item.title) {
      return;
    }
    this.connection.request({type: 'todo.rename', clientId: newClientId(), todoId: id, title});
  }

  setCompleted(id, completed) {
    this.connection.request({type: 'todo.set_completed', clientId: newClientId(), todoId: id, completed});
  }

  delete(id) {
    this.connection.request({type: 'todo.delete', clientId: newClientId(), todoId: id});
  }

  /** Checks every todo, or unchecks them all when all are checked already. */
  toggleAll() {
    this.connection.request({type: 'todo.toggle_all', clientId: newClientId(), completed: !this.allCompleted});
  }

  clearCompleted() {
    this.connection.request({type: 'todo.clear_completed', clientId: newClientId()});
  }

  // --- from the server ---

  /** A password sign-in: adds made before (by whoever was signed in) are not this session's. */
  forgetPending() {
    this.#pendingAdds.clear();
  }

  /** The welcome's list (a sign-in or a resume): complete, so it replaces what was here. */
  load(todos) {
    this.#items = todos.items.map(copy);
    this.#revision = todos.revision;
    this.#changed();
  }

  /** Takes in a server message; returns whether it was one of the list's. */
  receive(message) {
    switch (message.type) {
      case 'todo.changed':
        this.#pendingAdds.delete(message.clientId);
        this.#apply(message);
        return true;
      case 'todo.list':
        this.#pendingAdds.delete(message.clientId);
        if (message.todos.revision >= this.#revision) {
          this.load(message.todos);
        }
        return true;
      case 'error':
        // unavailable / rate_limited: the outbox sends it again, so the add still waits.
        if (!RETRIED.has(message.code) && this.#pendingAdds.delete(message.ref)) {
          this.#changed();
        }
        return false;
      default:
        return false;
    }
  }

  /** What a refused todo request shows, in the desktop app's words; null for errors that are not the list's. */
  static describe(error) {
    switch (error.code) {
      case 'not_found':
        return 'That todo is gone (deleted in another window).';
      case 'limit_reached':
        return `You have reached the limit of ${MAX_TODOS} todos.`;
      case 'invalid':
        return `A todo needs a title of 1 to ${MAX_TODO_TITLE} characters.`;
      default:
        return null;
    }
  }

  #apply(change) {
    if (change.revision <= this.#revision) {
      this.#changed(); // Already in the list (the welcome brought it): only the pending add went.
      return;
    }
    if (change.revision !== this.#revision + 1) {
      // A change went missing: ask for the whole list rather than guess.
      this.connection.sendNow({type: 'todo.sync', clientId: newClientId()});
      this.#changed();
      return;
    }
    this.#revision = change.revision;
    const removed = new Set(change.removed);
    const items = this.#items.filter(item => !removed.has(item.id));
    for (const upserted of change.upserted) {
      const at = items.findIndex(item => item.id === upserted.id);
      if (at >= 0) {
        items[at] = copy(upserted);
      } else {
        items.push(copy(upserted));
      }
    }
    this.#items = items;
    this.#changed();
  }

  #checkTitle(typed) {
    const title = typed.trim();
    if (title.length === 0) {
      return null;
    }
    if (title.length > MAX_TODO_TITLE) {
      this.#problem(`A todo can be at most ${MAX_TODO_TITLE} characters long (this one has ${title.length}).`);
      return null;
    }
    if (hasLoneSurrogate(title)) {
      this.#problem('That title has a broken character in it.');
      return null;
    }
    return title;
  }

  #find(id) {
    return this.#items.find(item => item.id === id);
  }

  #problem(text) {
    this.dispatchEvent(new CustomEvent('problem', {detail: {text}}));
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}

function copy(item) {
  return {id: String(item.id), title: String(item.title), completed: Boolean(item.completed)};
}
