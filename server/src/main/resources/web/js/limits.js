// The protocol's limits and name rules (docs/PROTOCOL.md, "Limits"), checked here before sending so a person
// gets the message at once instead of the server's error.
export const PROTOCOL = 1;
export const MAX_CHAT_TEXT = 2000;
export const MAX_TODO_TITLE = 200;
export const MAX_TODOS = 1000;
export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 256;
export const PING_EVERY_MS = 20_000;
export const TYPING_EVERY_MS = 3_000;
export const TYPING_SHOWN_MS = 6_000;
export const HISTORY_PAGE = 50;

const USER = /^[a-z0-9][a-z0-9._-]{0,31}$/;
const ROOM = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** What a person typed as a user name, as the protocol reads it: trimmed and lower-cased. */
export function normalName(typed) {
  return typed.trim().toLowerCase();
}

export function isUserName(name) {
  return USER.test(name);
}

export function isRoomName(name) {
  return ROOM.test(name);
}

/** Lengths are UTF-16 code units in the protocol, which is what String.length counts. */
export function passwordProblem(password) {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
    return `The password must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters long.`;
  }
  return null;
}

/** True when text has an unpaired surrogate, which the server refuses as `invalid`. */
export function hasLoneSurrogate(text) {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** A client id unique per user for far longer than the 10 minutes the protocol asks. */
export function newClientId() {
  return crypto.randomUUID();
}
