// The tab's one WebSocket to Tandem (docs/PROTOCOL.md): signs in or resumes, keeps the link alive, sends
// every request through the outbox (resent after a reconnect, answered once), paces frames to the server's
// rate, and after a lost link resumes with the token, with backoff. Knows nothing of chat or todos: views
// listen to its events.
//
// Events (CustomEvent detail):
//   status      {state: 'signed-out'|'signing-in'|'online'|'waiting'|'resuming', serverId, secondsLeft, unsent,
//                tooFastSeconds, responding}   tooFastSeconds > 0: over the rate (rate_limited), sending resumes
//                in that many s; responding false: online, but a request has had no answer for 3 s
//   welcome     {welcome, resumed}        a sign-in or resume succeeded
//   message     the server message        every frame after the welcome (pong excepted)
//   refused     {code, message, retryAfterMs}  a password sign-in failed; the form shows it (and, after a
//                                         rate_limited, holds its buttons for retryAfterMs)
//   signed-out  {reason, message}         the token was refused (reason 'expired') or the link closed for a policy
//                                         violation ('policy')
import {Backoff} from './backoff.js';
import {Liveness} from './liveness.js';
import {Outbox} from './outbox.js';
import {PING_EVERY_MS, PROTOCOL} from './limits.js';

const CLOSE = {NORMAL: 1000, GOING_AWAY: 1001, POLICY: 1008, AUTH_FAILED: 4003, MOVED: 4009};
/** Answers to a resume after which no retry can succeed: the session is over (as the desktop app decides). */
const ENDS_SESSION = new Set(['bad_token', 'user_mismatch', 'unsupported_version', 'invalid']);
/** A password sign-in waits this long: the server's slow hash may queue behind others. */
const SIGN_IN_WAIT_MS = 30_000;
const RESUME_WAIT_MS = 10_000;
/** Nothing at all received for this long (pings included) means the link is dead. */
const SILENCE_MS = 2 * PING_EVERY_MS + 5_000;
/** An `unavailable` request goes again after this; a `rate_limited` one after its retryAfterMs (or this). */
const RETRY_LATER_MS = 3_000;

export class Connection extends EventTarget {
  #socket = null;
  #state = 'signed-out';
  #user = null;
  #token = null;
  #serverId = '';
  #outbox = new Outbox();
  #backoff = new Backoff();
  #retryTimer = null;
  #countdownTimer = null;
  #retryAt = 0;
  #authTimer = null;
  #pingTimer = null;
  #lastHeard = 0;
  #rate = 20;
  #tokens = 20;
  #refilledAt = 0;
  #queue = [];
  #pumpTimer = null;
  #retryLaterTimer = null;
  #retryLaterAt = 0;
  #refused = new Set(); // clientIds answered unavailable / rate_limited, sent again at #retryLaterAt
  #holdUntil = 0; // after a rate_limited: nothing is sent before this (the server would refuse it too)
  #holdTimer = null;
  #liveness = new Liveness(() => this.#publishStatus(), () => {
    if (this.online) {
      const socket = this.#socket;
      this.#abandon(socket);
      this.#linkLost(0, 'not responding', true);
    }
  });

  /** @param roomOnScreen a function giving the room the page shows, named in sign-in and resume */
  constructor(roomOnScreen = () => null) {
    super();
    this.roomOnScreen = roomOnScreen;
    window.addEventListener('online', () => this.retryNow());
  }

  get user() {
    return this.#user;
  }

  get online() {
    return this.#state === 'online';
  }

  /** Password sign-in; create says whether an unused name is registered ("Create account"). */
  signIn(user, password, create) {
    this.#closeSocket();
    this.#user = user;
    this.#token = null;
    this.#backoff.reset();
    this.#setState('signing-in');
    this.#open({type: 'sign_in', protocol: PROTOCOL, user, password, create, room: this.roomOnScreen()},
        SIGN_IN_WAIT_MS);
  }

  /** Signs in with the token of an earlier welcome (this tab's, from session storage). */
  resume(user, token) {
    this.#user = user;
    this.#token = token;
    this.#attemptResume();
  }

  /** Sends a request that changes something: kept until answered, resent after each reconnect. */
  request(frame) {
    this.#outbox.add(frame);
    if (this.online) {
      this.#enqueue(frame);
    }
    this.#publishStatus();
  }

  /** Sends what only matters now (typing, read positions, history pages): dropped while offline. */
  sendNow(frame) {
    if (this.online) {
      this.#enqueue(frame);
      return true;
    }
    return false;
  }

  /** Forgets a request not answered yet, so it is not resent. */
  cancel(clientId) {
    this.#outbox.drop(clientId);
    this.#queue = this.#queue.filter(frame => frame.clientId !== clientId);
    this.#publishStatus();
  }

  /** True while a rate_limited answer's wait runs: nothing is sent until it ends. */
  get tooFast() {
    return Date.now() < this.#holdUntil;
  }

  get unsent() {
    return this.#outbox.size;
  }

  /** "Retry now": the waiting attempt starts at once. */
  retryNow() {
    if (this.#state === 'waiting') {
      this.#attemptResume();
    }
  }

  signOut() {
    this.#token = null;
    this.#outbox.clear();
    this.#closeSocket();
    this.#setState('signed-out');
  }

  // --- the link ---

  #open(authFrame, waitMs) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // ?user= is the proxy's affinity key: every window of this user reaches the server holding their todos.
    const socket = new WebSocket(`${scheme}://${location.host}/ws?user=${encodeURIComponent(this.#user)}`);
    this.#socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.#lastHeard = Date.now();
      socket.send(JSON.stringify(authFrame));
    };
    socket.onmessage = event => {
      if (socket === this.#socket) {
        this.#receive(event.data);
      }
    };
    socket.onclose = event => {
      if (socket === this.#socket) {
        this.#socket = null;
        this.#linkLost(event.code, event.reason, opened);
      }
    };
    this.#authTimer = setTimeout(() => {
      if (socket === this.#socket) {
        this.#abandon(socket);
        this.#linkLost(0, 'no answer to the sign-in', opened);
      }
    }, waitMs);
  }

  #attemptResume() {
    this.#clearRetry();
    this.#closeSocket();
    this.#setState('resuming');
    this.#open({type: 'resume', protocol: PROTOCOL, token: this.#token, room: this.roomOnScreen()}, RESUME_WAIT_MS);
  }

  #receive(data) {
    this.#lastHeard = Date.now();
    this.#liveness.heard();
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return; // The server sends JSON only; anything else is noise, not a reason to drop the link.
    }
    if (!message || typeof message.type !== 'string') {
      return;
    }
    if (this.#state === 'signing-in' || this.#state === 'resuming') {
      this.#authReply(message);
      return;
    }
    if (message.type === 'pong') {
      return;
    }
    // One instant for the hold and the resend, so the refused request is back in the queue when it ends.
    const retryAt = Date.now() + (message.code === 'rate_limited' ? retryAfter(message) : RETRY_LATER_MS);
    if (message.type === 'error' && message.code === 'rate_limited' && message.ref
        && this.#outbox.typeOf(message.ref) !== 'room.create') {
      // Over the rate of the user (all windows) or the address: anything sent before the server's
      // retry-after would be refused too. Room creations have a budget of their own (a minute's wait
      // must not hold chat or pings), and typing's refusal has no ref and is about typing only.
      this.#hold(retryAt);
    }
    if (this.#outbox.settle(message) === 'retry') {
      this.#retryLater(message.ref, retryAt);
    }
    this.dispatchEvent(new CustomEvent('message', {detail: message}));
    this.#publishStatus();
  }

  #authReply(message) {
    if (message.type === 'welcome') {
      clearTimeout(this.#authTimer);
      const resumed = this.#state === 'resuming';
      this.#user = message.user;
      this.#token = message.resumeToken;
      this.#serverId = message.serverId;
      this.#rate = Math.max(1, message.messagesPerSecond || 20);
      this.#tokens = this.#rate;
      this.#refilledAt = Date.now();
      this.#backoff.reset();
      this.#setState('online');
      this.#startPings();
      this.dispatchEvent(new CustomEvent('welcome', {detail: {welcome: message, resumed}}));
      // What was not answered before the link went goes again, oldest first, with the same clientIds
      // (after a rate_limited's wait, if one is still running: the rate is the user's, not the link's).
      this.#queue = [];
      this.#refused.clear();
      this.#outbox.all().forEach(frame => this.#enqueue(frame));
      this.#publishStatus();
      return;
    }
    if (message.type !== 'error') {
      return;
    }
    if (this.#state === 'signing-in') {
      // The form shows why; the person corrects it and tries again on a fresh connection (after a
      // rate_limited one, not before its retryAfterMs: the form holds its buttons that long).
      const socket = this.#socket;
      this.#abandon(socket);
      this.#setState('signed-out');
      this.dispatchEvent(new CustomEvent('refused', {detail: {code: message.code, message: message.message,
        retryAfterMs: message.code === 'rate_limited' ? retryAfter(message) : 0}}));
    } else if (message.code === 'rate_limited') {
      // Too many resumes of this user or from this address: the server said when one is taken again, so
      // the next attempt waits exactly that ("Reconnecting in 5 s"), not a guess of the backoff's.
      this.#abandon(this.#socket);
      this.#scheduleRetry(retryAfter(message) + Math.round(Math.random() * 250));
    } else if (message.code === 'unavailable') {
      this.#abandon(this.#socket);
      this.#scheduleRetry();
    } else if (ENDS_SESSION.has(message.code)) {
      // The token will never be taken (unreadable, expired, or for a protocol this server does not speak):
      // retrying would only repeat it, and some of these keep the connection open. The password form takes over.
      this.#abandon(this.#socket);
      this.#sessionEnded('expired', message.message);
    }
  }

  #linkLost(code, reason, opened) {
    clearTimeout(this.#authTimer);
    this.#stopPings();
    const was = this.#state;
    if (was === 'signed-out') {
      return;
    }
    if (was === 'signing-in') {
      this.#setState('signed-out');
      this.dispatchEvent(new CustomEvent('refused', {detail: {
        code: opened ? (code === CLOSE.POLICY ? 'policy' : 'no_answer') : 'unreachable',
        message: reason}}));
      return;
    }
    if (code === CLOSE.AUTH_FAILED || code === CLOSE.POLICY) {
      // The token is no good (expired, or the cluster secret changed) or the server will not have us:
      // retrying blindly would only repeat it. The password form takes over.
      this.#sessionEnded(code === CLOSE.AUTH_FAILED ? 'expired' : 'policy', reason);
      return;
    }
    if ((code === CLOSE.MOVED || code === CLOSE.GOING_AWAY) && was === 'online') {
      // The list moved to another server, or this one is stopping: the proxy has a live one now.
      this.#attemptResume();
      return;
    }
    this.#scheduleRetry();
  }

  #sessionEnded(reason, message) {
    clearTimeout(this.#authTimer);
    this.#stopPings();
    this.#token = null;
    this.#outbox.clear();
    this.#setState('signed-out');
    this.dispatchEvent(new CustomEvent('signed-out', {detail: {reason, message}}));
  }

  /** The next resume in waitMs (the backoff's next step unless the server said how long). */
  #scheduleRetry(waitMs = this.#backoff.next()) {
    this.#clearRetry();
    const wait = waitMs;
    this.#retryAt = Date.now() + wait;
    this.#retryTimer = setTimeout(() => this.#attemptResume(), wait);
    this.#setState('waiting');
    this.#tick();
  }

  /** Publishes "Reconnecting in n s" again each time n changes. */
  #tick() {
    if (this.#state !== 'waiting') {
      return;
    }
    this.#publishStatus();
    const left = this.#retryAt - Date.now();
    const untilChange = left - (Math.ceil(left / 1000) - 1) * 1000;
    this.#countdownTimer = setTimeout(() => this.#tick(), Math.max(50, untilChange));
  }

  #clearRetry() {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#countdownTimer);
    this.#retryTimer = null;
  }

  #startPings() {
    this.#stopPings();
    this.#pingTimer = setInterval(() => {
      if (Date.now() - this.#lastHeard > SILENCE_MS) {
        // A link that went silent (a machine asleep, a cable pulled) may never report its close.
        const socket = this.#socket;
        this.#abandon(socket);
        this.#linkLost(0, 'not responding', true);
        return;
      }
      this.sendNow({type: 'ping'});
    }, PING_EVERY_MS);
  }

  #stopPings() {
    clearInterval(this.#pingTimer);
    this.#pingTimer = null;
    this.#liveness.stop();
  }

  /** Stops listening to a socket and closes it; its close event no longer counts. */
  #abandon(socket) {
    if (!socket) {
      return;
    }
    if (socket === this.#socket) {
      this.#socket = null;
    }
    socket.onclose = null;
    socket.onmessage = null;
    try {
      socket.close(CLOSE.NORMAL);
    } catch {
      // Already closing: nothing to do.
    }
  }

  #closeSocket() {
    clearTimeout(this.#authTimer);
    this.#stopPings();
    this.#clearRetry();
    this.#abandon(this.#socket);
  }

  // --- pacing: the server drops frames over its rate (and counts them), so never send faster ---

  #enqueue(frame) {
    this.#queue.push(frame);
    this.#pump();
  }

  #pump() {
    if (this.#pumpTimer) {
      return;
    }
    const now = Date.now();
    if (now < this.#holdUntil) {
      this.#pumpTimer = setTimeout(() => {
        this.#pumpTimer = null;
        this.#pump();
      }, this.#holdUntil - now);
      return;
    }
    if (this.online) {
      this.#requeueRefused(now);
    }
    this.#tokens = Math.min(this.#rate, this.#tokens + (now - this.#refilledAt) * this.#rate / 1000);
    this.#refilledAt = now;
    while (this.#queue.length && this.#tokens >= 1 && this.online) {
      this.#tokens -= 1;
      const frame = this.#queue.shift();
      this.#socket.send(JSON.stringify(frame));
      this.#liveness.sent(frame);
    }
    if (this.#queue.length && this.online) {
      this.#pumpTimer = setTimeout(() => {
        this.#pumpTimer = null;
        this.#pump();
      }, Math.ceil(1000 / this.#rate));
    }
  }

  /**
   * An `unavailable` or `rate_limited` answer to request clientId: it goes again, with the same clientId,
   * at the time `at` (with every other refused one), not before.
   */
  #retryLater(clientId, at) {
    this.#refused.add(clientId);
    this.#retryLaterAt = Math.max(this.#retryLaterAt, at);
    clearTimeout(this.#retryLaterTimer);
    this.#retryLaterTimer = setTimeout(() => {
      this.#retryLaterTimer = null;
      this.#pump();
    }, Math.max(0, this.#retryLaterAt - Date.now()));
  }

  /**
   * Once their wait is over, the refused requests go back into the queue in the order they were made,
   * ahead of later requests still queued, so a person's messages arrive in the order typed.
   */
  #requeueRefused(now) {
    if (this.#refused.size === 0 || now < this.#retryLaterAt) {
      return;
    }
    const requests = new Set(this.#refused);
    this.#refused.clear();
    const others = [];
    for (const frame of this.#queue) {
      if (frame.clientId && this.#outbox.has(frame.clientId)) {
        requests.add(frame.clientId);
      } else {
        others.push(frame);
      }
    }
    this.#queue = [...this.#outbox.all().filter(frame => requests.has(frame.clientId)), ...others];
  }

  /** Sends nothing before `until`; the status line counts the seconds down ("Sending too fast — retrying in 3 s"). */
  #hold(until) {
    this.#holdUntil = Math.max(this.#holdUntil, until);
    if (!this.#holdTimer) {
      this.#holdTick();
    }
  }

  #holdTick() {
    this.#publishStatus();
    const left = this.#holdUntil - Date.now();
    if (left <= 0) {
      this.#holdTimer = null;
      return;
    }
    const untilChange = left - (Math.ceil(left / 1000) - 1) * 1000;
    this.#holdTimer = setTimeout(() => this.#holdTick(), Math.max(50, untilChange));
  }

  #setState(state) {
    this.#state = state;
    if (state !== 'online') {
      this.#queue = [];
    }
    this.#publishStatus();
  }

  #publishStatus() {
    const secondsLeft = this.#state === 'waiting' ? Math.max(1, Math.ceil((this.#retryAt - Date.now()) / 1000)) : 0;
    const tooFastSeconds = Math.max(0, Math.ceil((this.#holdUntil - Date.now()) / 1000));
    this.dispatchEvent(new CustomEvent('status', {detail: {
      state: this.#state, serverId: this.#serverId, secondsLeft, unsent: this.#outbox.size, tooFastSeconds,
      responding: this.#liveness.responding}}));
  }
}

/** A rate_limited error's wait: its retryAfterMs, or a few seconds when it has none (docs/PROTOCOL.md). */
function retryAfter(error) {
  const ms = Number(error.retryAfterMs);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60 * 60_000) : RETRY_LATER_MS;
}
