// The tab's sign-in: the resume token lives in sessionStorage, so it is this tab's alone (a new tab signs in
// on its own), it ends when the tab closes, and it never appears in a URL, a cookie or the server's logs.
const KEY = 'tandem.session';

export function savedSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return saved && typeof saved.user === 'string' && typeof saved.token === 'string' ? saved : null;
  } catch {
    return null;
  }
}

export function saveSession(user, token, room) {
  sessionStorage.setItem(KEY, JSON.stringify({user, token, room}));
}

export function forgetSession() {
  sessionStorage.removeItem(KEY);
}
