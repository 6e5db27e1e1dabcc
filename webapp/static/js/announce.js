// Polite announcements for screen readers, without flooding. What the person did
// themselves is said at once; what arrives from others is counted and said at most
// once per interval ("12 new entries"), however fast it comes.
export class Announcer {
  constructor(el, { intervalMs = 10000 } = {}) {
    this.el = el;
    this.intervalMs = intervalMs;
    this.pending = 0;
    this.format = null;
    this.timer = null;
    this.last = -Infinity;
  }

  say(message) {
    // The same words again are not announced again: clear, then set on the next frame.
    if (this.el.textContent === message) this.el.textContent = "";
    requestAnimationFrame(() => { this.el.textContent = message; });
  }

  arrived(count, format) {
    this.pending += count;
    this.format = format;
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush() {
    this.timer = null;
    if (!this.pending) return;
    this.say(this.format(this.pending));
    this.pending = 0;
    this.last = Date.now();
  }
}
