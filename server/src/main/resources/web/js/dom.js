// The one way the views make elements: text goes in through textContent, never as HTML, so whatever the
// network sends is shown as the characters it is.

/**
 * el('li', {class: 'todo', text: title, attrs: {'data-id': id}}, child...) — every option optional.
 */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.class) {
    node.className = options.class;
  }
  if (options.text !== undefined) {
    node.textContent = options.text;
  }
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value !== false && value !== null && value !== undefined) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child) {
      node.append(child);
    }
  }
  return node;
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`no element #${id}`);
  }
  return node;
}

/** "14:02" for a message of today, else "25 Nov 14:02". */
export function shortTime(iso) {
  const at = new Date(iso);
  const now = new Date();
  const time = at.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
  if (at.toDateString() === now.toDateString()) {
    return time;
  }
  return `${at.toLocaleDateString([], {day: 'numeric', month: 'short'})} ${time}`;
}
