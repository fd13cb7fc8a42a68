// The sign-in form: "Sign in" needs the account to exist (create: false, so a typo never makes one),
// "Create account" registers the name. Checks the name and password the way the server will, and says
// what went wrong in the desktop app's words.
import {byId} from './dom.js';
import {isUserName, normalName, passwordProblem} from './limits.js';

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
    this.form.addEventListener('submit', event => {
      event.preventDefault();
      this.#submit(false);
    });
    byId('create-button').addEventListener('click', () => this.#submit(true));
    for (const field of [this.user, this.password]) {
      field.addEventListener('input', () => this.#say(''));
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

  #refused({code, message}) {
    const user = this.attempt?.user ?? '';
    const creating = this.attempt?.create;
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

  #say(text) {
    this.message.textContent = text;
  }

  #busy(busy, detail = '') {
    this.buttons.forEach(button => { button.disabled = busy; });
    this.busy.textContent = detail;
  }
}
