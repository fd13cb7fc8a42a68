// The connection line in the top bar, in the desktop app's words: "Connected to server s1",
// "Reconnecting in 3 s" (with "Retry now"), "Reconnecting…", and how many things wait to be sent.
import {byId} from './dom.js';

export class StatusView {
  constructor(connection) {
    this.status = byId('status');
    this.retry = byId('retry-now');
    this.retry.addEventListener('click', () => connection.retryNow());
    connection.addEventListener('status', event => this.render(event.detail));
  }

  render({state, serverId, secondsLeft, unsent}) {
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
