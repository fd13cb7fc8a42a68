// Draws the TodoModel as TodoMVC does (same markup classes: new-todo, toggle-all, todo-list, todo-count,
// filters, clear-completed) and turns clicks and keys into the model's commands. The filter follows the
// URL's hash (#/, #/active, #/completed) like every TodoMVC. The fields take any length: a title over the
// limit is refused by the model with the desktop app's words, never cut short without a word.
import {byId, el} from './dom.js';

export class TodoView {
  #editing = null; // {id, input}: the todo being edited survives redraws while changes come in
  #redrawing = false; // moving the edit box during a redraw blurs it: that blur is no "done editing"

  constructor(model) {
    this.model = model;
    this.newTodo = byId('new-todo');
    this.toggleAll = byId('toggle-all');
    this.list = byId('todo-list');
    this.main = byId('todo-main');
    this.footer = byId('todo-footer');
    this.count = byId('todo-count');
    this.clear = byId('clear-completed');
    this.filters = byId('todo-filters');

    this.newTodo.addEventListener('keydown', event => {
      if (event.key === 'Enter' && !event.isComposing && this.model.add(this.newTodo.value)) {
        this.newTodo.value = '';
      }
    });
    this.toggleAll.addEventListener('change', () => this.model.toggleAll());
    this.clear.addEventListener('click', () => this.model.clearCompleted());
    window.addEventListener('hashchange', () => this.#followHash());
    model.addEventListener('change', () => this.render());
    this.#followHash();
  }

  #followHash() {
    const filter = location.hash.replace(/^#\/?/, '') || 'all';
    this.model.setFilter(filter);
  }

  render() {
    this.#redrawing = true;
    try {
      this.#draw();
    } finally {
      this.#redrawing = false;
    }
  }

  #draw() {
    const model = this.model;
    const rows = model.visible.map(item => this.#row(item));
    for (const title of model.filter === 'completed' ? [] : model.pendingAdds) {
      rows.push(el('li', {class: 'pending', attrs: {title: 'not saved yet'}},
          el('div', {class: 'view'}, el('label', {text: title}))));
    }
    this.list.replaceChildren(...rows);
    const any = model.items.length + model.pendingAdds.length > 0;
    this.main.hidden = !any;
    this.footer.hidden = !any;
    this.toggleAll.checked = model.allCompleted;
    const left = model.activeCount;
    this.count.replaceChildren(el('strong', {text: String(left)}), ` ${left === 1 ? 'item' : 'items'} left`);
    this.clear.hidden = model.completedCount === 0;
    for (const link of this.filters.querySelectorAll('a')) {
      link.classList.toggle('selected', link.dataset.filter === model.filter);
      link.setAttribute('aria-current', link.dataset.filter === model.filter ? 'page' : 'false');
    }
    if (this.#editing && !model.items.some(item => item.id === this.#editing.id)) {
      this.#editing = null; // Deleted in another window while being edited here.
    }
  }

  #row(item) {
    const toggle = el('input', {class: 'toggle', attrs: {type: 'checkbox', 'aria-label': `done: ${item.title}`}});
    toggle.checked = item.completed;
    toggle.addEventListener('change', () => this.model.setCompleted(item.id, toggle.checked));
    const label = el('label', {text: item.title});
    label.addEventListener('dblclick', () => this.#startEditing(item));
    const destroy = el('button', {class: 'destroy', attrs: {type: 'button', 'aria-label': `delete: ${item.title}`}});
    destroy.addEventListener('click', () => this.model.delete(item.id));
    const li = el('li', {attrs: {'data-id': item.id}}, el('div', {class: 'view'}, toggle, label, destroy));
    li.classList.toggle('completed', item.completed);
    // Keyboard: Enter (or F2) on a focused row edits it, Delete removes it.
    li.tabIndex = 0;
    li.addEventListener('keydown', event => {
      if (event.target !== li) {
        return;
      }
      if (event.key === 'Enter' || event.key === 'F2') {
        event.preventDefault();
        this.#startEditing(item);
      } else if (event.key === 'Delete') {
        this.model.delete(item.id);
      }
    });
    if (this.#editing?.id === item.id) {
      li.classList.add('editing');
      li.append(this.#editing.input);
      queueMicrotask(() => this.#editing?.input.focus());
    }
    return li;
  }

  #startEditing(item) {
    const input = el('input', {class: 'edit', attrs: {'aria-label': `edit: ${item.title}`}});
    input.value = item.title;
    let done = false;
    const finish = commit => {
      if (done) {
        return;
      }
      done = true;
      this.#editing = null;
      if (commit) {
        this.model.rename(item.id, input.value);
      }
      this.render();
      this.list.querySelector(`li[data-id="${CSS.escape(item.id)}"]`)?.focus();
    };
    input.addEventListener('keydown', event => {
      if (event.key === 'Enter' && !event.isComposing) {
        finish(true);
      } else if (event.key === 'Escape') {
        finish(false);
      }
    });
    input.addEventListener('blur', () => {
      if (!this.#redrawing) {
        finish(true);
      }
    });
    this.#editing = {id: item.id, input};
    this.render();
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }
}
