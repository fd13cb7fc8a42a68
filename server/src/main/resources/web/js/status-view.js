// The connection line in the top bar, in the desktop app's words: "Connected to server s1", "Server s1 is
// not responding…" (a request unanswered for 3 s),
// "Reconnecting in 3 s" (with "Retry now"), "Reconnecting…", "Sending too fast — retrying in 3 s" (after
// a rate_limited answer), and how many things wait to be sent.
import {byId} from './dom.js';

export class StatusView {
  constructor(connection) {
    this.status = byId('status');
    this.retry = byId('retry-now');
    this.retry.addEventListener('click', () => connection.retryNow());
    connection.addEventListener('status', event => this.render(event.detail));
  }

  render({state, serverId, secondsLeft, unsent, tooFastSeconds, responding}) {
    if (state === 'online' && responding === false) {
      // Asked and not answered for a few seconds: a frozen server or a silent network. After 10 s the
      // connection gives the link up and reconnects.
      this.status.textContent = `Server ${serverId} is not responding…`
          + (unsent > 0 ? ` · ${unsent} waiting to be sent` : '');
      this.status.dataset.state = 'not-responding';
      this.retry.hidden = true;
      return;
    }
    if (state === 'online' && tooFastSeconds > 0) {
      // Over the rate (this window's, or all of this person's windows together): the connection waits
      // as long as the server said and then sends what was refused again.
      this.status.textContent = `Sending too fast — retrying in ${tooFastSeconds} s`
          + (unsent > 0 ? ` · ${unsent} waiting to be sent` : '');
      this.status.dataset.state = 'too-fast';
      this.retry.hidden = true;
      return;
    }
    const text = {
      'online': `Connected to server ${serverId}`,
      'waiting': `Reconnecting in ${secondsLeft} s`,
      'resuming': 'Reconnecting…',
      'signing-in': 'Connecting…',
      'signed-out': 'Offline',
    }[state];
    const waiting = unsent > 0 && state !== 'online' ? ` · ${unsent} waiting to be sent` : '';
    this.status.textContent = text + waiting;
    this.status.dataset.state = state;
    this.retry.hidden = state !== 'waiting';
  }
}
