// A Discussion step's timer on any screen. The server keeps when it ends (running) or
// what is left (stopped); this shows the time left against the server's clock, so every
// screen shows the same second, and ticks on its own between events.
const TICK_MS = 250;

export function timeLeftMs(settings, now) {
  if (settings.timer_ends_at) return Math.max(0, settings.timer_ends_at - now);
  const left = settings.timer_left_ms ?? -1;
  return left < 0 ? (settings.timer_minutes || 0) * 60000 : left;
}

export function formatTime(ms) {
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

export class Countdown {
  // `el` shows "12:34"; `serverNow()` is the server's clock; `t` gives "time's up".
  constructor(el, serverNow, t) {
    this.el = el;
    this.serverNow = serverNow;
    this.t = t;
    this.settings = null;
    this.lastText = "";
    setInterval(() => this.tick(), TICK_MS);
  }

  set(settings) {
    this.settings = settings;
    this.tick();
  }

  tick() {
    const settings = this.settings;
    const shown = Boolean(settings && (settings.timer_minutes || settings.timer_ends_at || settings.timer_left_ms > 0));
    this.el.hidden = !shown;
    if (!shown) return;
    const left = timeLeftMs(settings, this.serverNow());
    const running = Boolean(settings.timer_ends_at);
    const text = left === 0 && running ? this.t("time_up") : formatTime(left);
    this.el.classList.toggle("is-running", running && left > 0);
    this.el.classList.toggle("is-ending", running && left > 0 && left <= 60000);
    this.el.classList.toggle("is-up", running && left === 0);
    // Written only when it changes: a screen reader is not told every second.
    if (text !== this.lastText) {
      this.lastText = text;
      this.el.querySelector(".time").textContent = text;
    }
  }
}
