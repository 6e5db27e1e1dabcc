// The projector: the join slide until a step opens, then the open step, as its kind
// shows it (steps/<kind>/static/projector.js: a Words step's cloud or list, a Cards
// step's board, a Tracks step's ranked tracks, a Discussion step's question and timer).
// Read-only: it only listens. A scribe's board view is the same page, signed in with
// the scribe's link; it also receives the notes, which it does not show.
import { Announcer } from "/static/js/announce.js";
import { loadKinds } from "/static/js/kinds.js";
import { connectLive, loadStrings } from "/static/js/live.js";
import { onKeys } from "./shortcuts.js";
import { writingPhase } from "./writing.js";

const root = document.getElementById("projector");
const t = loadStrings();
const joinSlide = document.getElementById("join-slide");
const stepView = document.getElementById("step-view");
const promptEl = document.getElementById("step-prompt");
const emptyEl = document.getElementById("empty");
const connectionEl = document.getElementById("connection");
const announcer = new Announcer(document.getElementById("announcer"));
const keysHelp = document.getElementById("keys-help");
const keysToggle = document.getElementById("keys-toggle");
const joinToggle = document.getElementById("join-toggle");
const contrastToggle = document.getElementById("contrast-toggle");
const fullscreenToggle = document.getElementById("fullscreen-toggle");
const CONTRAST_KEY = "rundabord:projector:contrast";

let openSteps = [];
let joinShown = false; // the join slide over an open step, until J or Esc again
let ended = !document.getElementById("ended-slide").hidden; // the thank-you, not the QR code
let live = null;

// Each kind's view of its step: {reset(step), render(step) -> empty?, events, notices,
// keys, fit(step), agendaChanged(before, now)}; render and reset get null when another
// kind's step is shown.
const makers = await loadKinds(root);
const context = { t, render, current, cloudBase: root.dataset.cloudBase, serverNow: () => live.serverNow() };
const views = Object.fromEntries(Object.entries(makers).map(([name, make]) => [name, make(context)]));
const each = (name) => Object.entries(views).filter(([, view]) => view[name]);

// An event or notice of a kind goes to the view that handles it, with the step shown.
function handlers(group) {
  const found = {};
  for (const [, view] of each(group)) {
    for (const [event, handle] of Object.entries(view[group])) {
      found[event] = (m) => {
        const result = handle(m, current());
        if (result === "arrived") arrived();
        if (result) render();
      };
    }
  }
  return found;
}

function resetViews(step) {
  for (const [name, view] of Object.entries(views)) view.reset(step?.kind === name ? step : null);
}

live = connectLive({
  auth: { role: root.dataset.role, token: root.dataset.token },
  events: {
    notes_changed: () => {},
    agenda_changed: (m) => {
      const before = current();
      openSteps = m.open_steps;
      ended = Boolean(m.workshop?.ended);
      for (const [, view] of each("agendaChanged")) view.agendaChanged(before, current());
      if (current()?.id !== before?.id) {
        joinShown = false;
        if (current()) announcer.say(t("now_showing", { title: current().prompt || current().title }));
        resetViews(null);
        live.resync(); // the newly opened step may already have input, or a cloud
      } else if (current() && writingPhase(current()) !== writingPhase(before)) {
        // "Skriv först" switched in the editor while the step is open (a reveal sends its
        // board too): what the room may see now, the board or how many have written.
        live.resync();
      }
      render();
    },
    ...handlers("events"),
  },
  notices: handlers("notices"),
  onSnapshot: (snap) => {
    openSteps = snap.open_steps;
    ended = Boolean(snap.workshop?.ended);
    resetViews(current());
    render();
  },
  onState: (state) => {
    connectionEl.textContent = t(state);
    connectionEl.dataset.state = state;
  },
});

joinToggle.addEventListener("click", toggleJoin);
contrastToggle.addEventListener("click", toggleContrast);
fullscreenToggle.addEventListener("click", toggleFullscreen);
keysToggle.addEventListener("click", toggleKeys);
document.addEventListener("fullscreenchange", () => {
  fullscreenToggle.setAttribute("aria-pressed", String(Boolean(document.fullscreenElement)));
});
setContrast(localStorage.getItem(CONTRAST_KEY) === "high");

// One key each, so the person at the laptop never hunts for a button (the list shows on "?").
onKeys({
  j: toggleJoin,
  f: toggleFullscreen,
  k: toggleContrast,
  "?": toggleKeys,
  ...Object.assign({}, ...each("keys").map(([, view]) => view.keys)),
  escape: () => {
    if (!keysHelp.hidden) toggleKeys();
    else if (joinShown) toggleJoin();
  },
});

function toggleJoin() {
  joinShown = !joinShown && Boolean(current());
  render();
}

function setContrast(on) {
  document.body.classList.toggle("high-contrast", on);
  contrastToggle.setAttribute("aria-pressed", String(on));
  try {
    localStorage.setItem(CONTRAST_KEY, on ? "high" : "normal");
  } catch {
    // the choice then lasts until the page reloads
  }
}

function toggleContrast() {
  setContrast(!document.body.classList.contains("high-contrast"));
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen?.().catch(() => {});
}

function toggleKeys() {
  keysHelp.hidden = !keysHelp.hidden;
  keysToggle.setAttribute("aria-expanded", String(!keysHelp.hidden));
}

function arrived() {
  announcer.arrived(1, (count) => t("arrived", { count }));
}

function current() {
  return openSteps.find((s) => views[s.kind]) || openSteps[0];
}

function render() {
  const step = current();
  document.getElementById("ended-slide").hidden = !ended;
  document.getElementById("corner-code").hidden = ended; // nobody joins an ended workshop
  joinSlide.hidden = ended || (Boolean(step) && !joinShown);
  stepView.hidden = ended || !joinSlide.hidden;
  joinToggle.hidden = !step;
  joinToggle.setAttribute("aria-pressed", String(joinShown));
  if (!step) return;
  promptEl.textContent = step.prompt || step.title;
  let empty = false;
  for (const [name, view] of Object.entries(views)) {
    const shown = name === step.kind;
    if (view.render(shown ? step : null) && shown) empty = true;
  }
  emptyEl.hidden = !empty;
  for (const [name, view] of each("fit")) view.fit(name === step.kind ? step : null);
}
