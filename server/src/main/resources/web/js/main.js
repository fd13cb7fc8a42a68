// Wires the page: one Connection, the models fed from it, the views on the models. A tab that signed in
// before (its token in sessionStorage) resumes at once; otherwise the sign-in form shows.
import {ChatModel, GENERAL} from './chat-model.js';
import {ChatView} from './chat-view.js';
import {Connection} from './connection.js';
import {DirectoryView} from './directory-view.js';
import {byId} from './dom.js';
import {People} from './people.js';
import {RoomsView} from './rooms-view.js';
import {forgetSession, saveSession, savedSession} from './session.js';
import {SignInView} from './signin-view.js';
import {StatusView} from './status-view.js';
import {setUpTheme} from './theme.js';
import {TodoModel} from './todo-model.js';
import {TodoView} from './todo-view.js';

let chat = null;
const connection = new Connection(() => chat?.current ?? savedSession()?.room ?? GENERAL);
chat = new ChatModel(connection);
const todos = new TodoModel(connection);
const people = new People(connection);
const signIn = new SignInView(connection);
new StatusView(connection);
new ChatView(chat, people);
new TodoView(todos);
const rooms = new RoomsView(chat, people, say);
const directory = new DirectoryView(connection, chat);
setUpTheme(byId('theme-toggle'));

// --- what the server says ---

connection.addEventListener('welcome', event => {
  const {welcome, resumed} = event.detail;
  saveSession(welcome.user, welcome.resumeToken, welcome.room);
  signIn.done();
  byId('app').hidden = false;
  byId('me').textContent = welcome.user;
  people.welcome(welcome);
  if (!resumed) {
    todos.forgetPending();
  }
  todos.load(welcome.todos);
  chat.welcome(welcome, resumed);
  if (!resumed && welcome.registered) {
    say(`Welcome, ${welcome.user}: your account is ready.`);
  }
});

connection.addEventListener('message', event => {
  const message = event.detail;
  people.receive(message);
  const handled = todos.receive(message) || chat.receive(message);
  if (!handled && message.type === 'error') {
    say(TodoModel.describe(message) ?? problemText(message));
  }
});

connection.addEventListener('signed-out', event => {
  forgetSession();
  byId('app').hidden = true;
  signIn.show(event.detail.reason === 'expired'
      ? 'Your session has expired. Sign in again.'
      : `The server closed the connection${event.detail.message ? `: ${event.detail.message}` : ''}. Sign in again.`);
});

chat.addEventListener('room', () => {
  const session = savedSession();
  if (session) {
    saveSession(session.user, session.token, chat.current);
  }
});
chat.addEventListener('problem', event => say(event.detail.text));
todos.addEventListener('problem', event => say(event.detail.text));

/**
 * Errors nobody else explained. A rate_limited request goes again after its wait: while the connection
 * holds everything the status line says so ("Sending too fast — retrying in n s"); a budget of its own (room
 * creations) is told here. typing's (without ref) is expected now and then and not shown.
 */
function problemText(error) {
  if (error.code === 'rate_limited') {
    return !error.ref || connection.tooFast ? null
        : `Too many at once: it goes again in ${Math.max(1, Math.ceil((error.retryAfterMs || 3000) / 1000))} s.`;
  }
  if (error.code === 'unavailable') {
    return 'The server could not store that just now; it goes again in a few seconds.';
  }
  return error.message || error.code;
}

// --- the page's own controls ---

byId('sign-out').addEventListener('click', () => {
  connection.signOut();
  forgetSession();
  signIn.show('');
});

const notice = byId('notice');
byId('notice-close').addEventListener('click', () => { notice.hidden = true; });
let noticeTimer = null;

function say(text) {
  if (!text) {
    return;
  }
  byId('notice-text').textContent = text;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { notice.hidden = true; }, 8000);
}

// On a phone's width one panel shows at a time; the tabs pick it.
const panels = byId('panels');
function showPanel(name) {
  panels.className = `panels show-${name}`;
  for (const tab of document.querySelectorAll('.tabs button')) {
    tab.setAttribute('aria-pressed', String(tab.dataset.panel === name));
  }
  if (name === 'chat') {
    chat.markRead();
  }
}
for (const tab of document.querySelectorAll('.tabs button')) {
  tab.addEventListener('click', () => showPanel(tab.dataset.panel));
}
rooms.addEventListener('picked', () => showPanel('chat'));
directory.addEventListener('picked', () => showPanel('chat'));

// --- start ---

const session = savedSession();
if (session) {
  byId('app').hidden = false;
  connection.resume(session.user, session.token);
} else {
  signIn.show('');
}
