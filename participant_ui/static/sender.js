// Sending what waits in the outbox: each item goes once the connection is up, again after
// a moment when no answer came or the server asked to slow down, and leaves the outbox
// only with the server's answer. The server stores each id once, so a resend is harmless.
import { newId } from "/static/js/live.js";

const RESEND_MS = 4000;
const SLOW_DOWN_MS = 2000;

export class Sender {
  // onAnswer(item, ack): the server's answer (ok or refused); onChange(): the outbox changed.
  constructor({ socket, outbox, onAnswer, onChange }) {
    this.socket = socket;
    this.outbox = outbox;
    this.onAnswer = onAnswer;
    this.onChange = onChange;
    this.inFlight = new Set(); // ids sent and not yet answered
  }

  // A new item for the outbox, sent at once when connected.
  queue(event, payload) {
    const id = newId();
    this.outbox.add({ id, event, payload: { id, ...payload } });
    this.onChange();
    this.send(this.find(id));
  }

  // Everything still waiting (after a reconnect).
  flush() {
    for (const item of this.outbox.items()) this.send(item);
  }

  find(id) {
    return this.outbox.items().find((item) => item.id === id);
  }

  send(item) {
    if (!item || !this.socket.connected || this.inFlight.has(item.id)) return;
    this.inFlight.add(item.id);
    // Sent before (its answer never came): say so, and the server answers from its receipt
    // with one read instead of trying the write again.
    const payload = item.sent ? { ...item.payload, resend: true } : item.payload;
    this.outbox.markSent(item.id);
    this.socket.timeout(RESEND_MS * 2).emit(item.event, payload, (err, ack) => {
      this.inFlight.delete(item.id);
      if (err) {
        // No answer: the item stays in the outbox and goes again (the server dedupes).
        setTimeout(() => this.send(this.find(item.id)), RESEND_MS);
        return;
      }
      if (ack.error === "slow_down") {
        // Too fast for the server: the item stays and goes again in a moment.
        setTimeout(() => this.send(this.find(item.id)), SLOW_DOWN_MS);
        return;
      }
      this.outbox.remove(item.id);
      this.onAnswer(item, ack);
      this.onChange();
    });
  }
}
