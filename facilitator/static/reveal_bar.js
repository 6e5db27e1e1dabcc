// Write, then reveal, on the dashboard: above a write-first step's panel, a bar that says
// whether the room sees only its own input (the writing phase) and reveals everything at
// once on the projector and the phones, or takes that back (steps/reveal.py). The same
// bar serves every step; R presses it as it presses a step's own reveal button.
import { button, el } from "/f/static/dom.js";

export class RevealBar {
  constructor({ socket, t, onError, announce }) {
    Object.assign(this, { socket, t, onError, announce });
    this.el = el("section", "reveal-bar");
    this.el.setAttribute("aria-label", t("write_first"));
    this.text = el("p");
    this.text.setAttribute("aria-live", "polite");
    this.button = button("", () => this.send());
    this.el.append(this.text, this.button);
    this.step = null;
  }

  // The bar for `step`, or null when the step is not set to write first.
  for(step) {
    if (!step?.settings?.write_first) return null;
    this.step = step;
    const shown = Boolean(step.settings.all_revealed);
    this.text.textContent = this.t(shown ? "all_revealed_note" : "writing_phase_note");
    this.button.textContent = this.t(shown ? "hide_all_again" : "reveal_all");
    this.button.className = shown ? "" : "primary";
    this.el.classList.toggle("is-writing", !shown);
    return this.el;
  }

  send() {
    const on = !this.step.settings.all_revealed;
    this.socket.emit("reveal", { step_id: this.step.id, on }, (ack) => {
      if (!ack.ok) this.onError(ack.message);
      else this.announce(this.t(on ? "all_revealed_note" : "writing_phase_note"));
    });
  }
}
