// The sign-in form: "Sign in" needs the account to exist (create: false, so a typo never makes one),
// "Create account" registers the name. Checks the name and password the way the server will, and says
// what went wrong in the desktop app's words. A sign-in refused as rate_limited (too many attempts for the
// account or from this address) holds the form for the server's retryAfterMs, counting down, and keeps the
// password (it was not checked): a try before then would only be refused again.
import {byId} from './dom.js';
import {isUserName, normalName, passwordProblem} from './limits.js';

/** "5 s", or "2 min" for a long wait (registrations from one address can be held for minutes). */
export function waitWords(ms) {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

export class SignInView {
  constructor(connection) {
    this.connection = connection;
    this.form = byId('signin-form');
    this.user = byId('signin-user');
    this.password = byId('signin-password');
    this.message = byId('signin-message');
    this.busy = byId('signin-busy');
    this.buttons = [byId('signin-button'), byId('create-button')];
    this.attempt = null;
    this.holdUntil = 0; // after a rate_limited sign-in: no attempt before this
    this.holdTimer = null;
    this.form.addEventListener('submit', event => {
      event.preventDefault();
      this.#submit(false);
    });
    byId('create-button').addEventListener('click', () => this.#submit(true));
    for (const field of [this.user, this.password]) {
      field.addEventListener('input', () => {
        if (!this.#held()) {
          this.#say(''); // the message was about what was typed; a hold's countdown stays
        }
      });
    }
    connection.addEventListener('refused', event => this.#refused(event.detail));
  }

  show(message = '') {
    byId('signin').hidden = false;
    byId('app').hidden = true;
    this.#busy(false);
    this.#say(message);
    (this.user.value ? this.password : this.user).focus();
  }

  /** Signed in: the form forgets the password. */
  done() {
    this.password.value = '';
    this.#busy(false);
    byId('signin').hidden = true;
  }

  #submit(create) {
    if (this.#held()) {
      return; // the buttons are disabled meanwhile; Enter in a field comes here too
    }
    const user = normalName(this.user.value);
    if (user === '') {
      this.#say('Enter a user name.');
      this.user.focus();
      return;
    }
    if (!isUserName(user)) {
      this.#say(`"${this.user.value.trim()}" is not a valid user name: use 1 to 32 lowercase letters, digits, `
          + "'.', '_' or '-', starting with a letter or digit.");
      this.user.focus();
      return;
    }
    const problem = passwordProblem(this.password.value);
    if (problem) {
      this.#say(problem);
      this.password.focus();
      return;
    }
    this.attempt = {user, create};
    this.#say('');
    this.#busy(true, create
        ? 'Creating your account… The server stores your password with a deliberately slow hash, so that stolen account data is hard to crack. This can take a few seconds.'
        : 'Checking your password… The server checks it with a deliberately slow hash, so that stolen account data is hard to crack. This can take a few seconds.');
    this.connection.signIn(user, this.password.value, create);
  }

  #refused({code, message, retryAfterMs}) {
    const user = this.attempt?.user ?? '';
    const creating = this.attempt?.create;
    if (code === 'rate_limited') {
      this.#hold(user, retryAfterMs);
      return;
    }
    this.#busy(false);
    this.password.value = '';
    this.#say({
      wrong_password: creating
          ? `The name "${user}" is taken. If it is yours, choose Sign in; otherwise pick another name.`
          : `Wrong password for "${user}".`,
      unknown_user: `There is no account "${user}". Check the spelling, or choose Create account.`,
      invalid: `The server refused the form: ${message}`,
      unavailable: 'The server is busy right now. Try again in a few seconds.',
      unreachable: `Can't reach the server at ${location.host}. Check that it is running.`,
      no_answer: 'The server did not answer the sign-in. Try again.',
      policy: 'The server closed the connection after repeated failed sign-ins. Wait a moment and try again.',
    }[code] ?? `Sign-in failed: ${message || code}`);
    this.password.focus();
  }

  /** No attempt for waitMs: the buttons stay disabled and the message counts down, then says so. */
  #hold(user, waitMs) {
    this.holdUntil = Date.now() + waitMs;
    this.busy.textContent = '';
    const tick = () => {
      const left = this.holdUntil - Date.now();
      if (left <= 0) {
        this.holdTimer = null;
        this.holdUntil = 0;
        this.buttons.forEach(button => { button.disabled = false; });
        this.#say('You can try again now.');
        (this.password.value ? this.buttons[this.attempt?.create ? 1 : 0] : this.password).focus();
        return;
      }
      this.buttons.forEach(button => { button.disabled = true; });
      this.#say(`Too many sign-in attempts for "${user}" just now (the server slows down password guessing). `
          + `You can try again in ${waitWords(left)}.`);
      // Again when the number shown changes.
      this.holdTimer = setTimeout(tick, Math.max(50, left - (Math.ceil(left / 1000) - 1) * 1000));
    };
    clearTimeout(this.holdTimer);
    tick();
  }

  #held() {
    return Date.now() < this.holdUntil;
  }

  #say(text) {
    this.message.textContent = text;
  }

  #busy(busy, detail = '') {
    this.buttons.forEach(button => { button.disabled = busy || this.#held(); });
    this.busy.textContent = detail;
  }
}
