// The phone view: shows the open steps, sends input through the outbox (sender.js), and
// shows what arrived (own_items.js). It never touches what the person is typing when
// updates arrive (drafts.js). What differs between kinds of step is in each kind's module
// (steps/<kind>/static/phone.js), which this page imports by the list the server gives
// (data-kinds).
// About 330 lines: the page's one loop (connect, show, send, answer) reads best whole;
// the outbox, drafts, own items and each kind are modules of their own.
import { Announcer } from "/static/js/announce.js";
import { updateCounter } from "/static/js/counter.js";
import { renderKeyed } from "/static/js/keyed.js";
import { loadKinds } from "/static/js/kinds.js";
import { connectLive, loadStrings } from "/static/js/live.js";
import { Countdown } from "/static/js/timer.js";
import { Drafts } from "./drafts.js";
import { Outbox } from "./outbox.js";
import { OwnItems } from "./own_items.js";
import { Sender } from "./sender.js";

const root = document.getElementById("phone");
const workshopId = Number(root.dataset.workshopId);
const t = loadStrings();
const outbox = new Outbox(`rundabord:outbox:${workshopId}`);
const SNAPSHOT_KEY = `rundabord:snapshot:${workshopId}`; // the last state this phone saw
const stepsEl = document.getElementById("steps");
const alertEl = document.getElementById("alert");
const connectionEl = document.getElementById("connection");
// Where the browser allows (HTTPS, or this computer), a reload without network is served
// from the phone's cache (sw.js); elsewhere the last snapshot below still shows the outbox.
// The worker is told what the page loaded, once it is ready and again once the kinds'
// modules (imported below) are in, so none of them is missing from the cache.
const workerReady = navigator.serviceWorker?.register("/sw.js").then(() => navigator.serviceWorker.ready);
function cacheLoaded() {
  workerReady?.then((registration) => {
    const loaded = performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.startsWith(location.origin));
    registration.active?.postMessage({ cache: [location.href, ...loaded] });
  }).catch(() => {});
}
cacheLoaded();

// Said to screen readers: a step that opens, and each of this person's own inputs arriving.
const announcer = new Announcer(document.getElementById("announcer"));
const drafts = new Drafts(workshopId);

// Each kind of step: its template, its events and its hooks (see docs/STEP_KINDS.md).
const KINDS = await loadKinds(root);
cacheLoaded();
const EDITS = new Map(Object.values(KINDS).map((spec) => [spec.edit, spec.idField]));
const SUBMITS = new Set(Object.values(KINDS).map((spec) => spec.submit));

let state = { open_steps: [] };
let connection = "connecting";
const mine = new Map(); // step id -> [{id, text, status}] acknowledged by the server
const views = new Map(); // step id -> rendered section
const countdowns = new Map(); // step id -> Countdown
const votes = new Map(); // step id -> {track or question id: votes} acknowledged by the server

const socket = connectLive({
  auth: { role: "participant", workshop: workshopId },
  events: { agenda_changed: onAgenda, workshop_changed: onAgenda, board_changed: onThemes, ...kindEvents() },
  // Sent from this participant's other tab or phone, or deleted in "Mina bidrag".
  notices: { own_input_changed: () => socket.resync() },
  onSnapshot,
  onState,
});
const sender = new Sender({ socket, outbox, onAnswer, onChange: refresh });
const queue = (event, payload) => sender.queue(event, payload);
const flush = () => sender.flush();
const alerts = { show: showAlert, hide: hideAlert };
const own = new OwnItems({ t, kinds: KINDS, drafts, queue, alerts, refresh });

function onSnapshot(snap) {
  applySnapshot(snap);
  saveState();
  flush();
}

// What this phone last knew, with its own acknowledged input, for a reload without network.
function saveState() {
  const steps = (state.open_steps || []).map((s) => ({ ...s, mine: mine.get(s.id) || [], votes: votes.get(s.id) }));
  try {
    localStorage.setItem(SNAPSHOT_KEY, JSON.stringify({ ...state, open_steps: steps }));
  } catch {
    // a full or disabled storage only costs the offline reload
  }
}

function applySnapshot(snap) {
  state = snap;
  mine.clear();
  votes.clear();
  for (const step of snap.open_steps) {
    mine.set(step.id, step.mine || []);
    if (step.votes) votes.set(step.id, step.votes);
  }
  render();
}

function onAgenda(message) {
  const known = new Map((state.open_steps || []).map((s) => [s.id, s]));
  const workshop = message.workshop || state.workshop;
  state = { ...state, workshop, open_steps: message.open_steps.map((s) => ({ ...known.get(s.id), ...s, mine: mine.get(s.id) || [] })) };
  // A step this phone has not seen open may already hold its input, or themes to post under.
  if (message.open_steps.some((s) => !mine.has(s.id))) socket.resync();
  render();
}

// The themes of an earlier step changed: a step built on it offers the new list.
function onThemes(message) {
  let changed = false;
  for (const step of state.open_steps || []) {
    if (step.based_on_step_id === message.step_id && message.themes) {
      step.themes = message.themes;
      changed = true;
    }
  }
  if (changed) render();
}

// The events a kind's module handles (`events: {name(step, message)}`): a list to vote on
// changed, say. The step is the open one the message names; the page is drawn again
// unless the handler says nothing changed (false).
function kindEvents() {
  const handlers = {};
  for (const spec of Object.values(KINDS)) {
    for (const [name, handle] of Object.entries(spec.events || {})) {
      handlers[name] = (message) => {
        const step = (state.open_steps || []).find((s) => s.id === message.step_id);
        if (step && handle(step, message) !== false) render();
      };
    }
  }
  return handlers;
}

function onState(next, reason) {
  connection = next;
  if (next === "refused" && reason === "not_joined") {
    window.location.assign(root.dataset.joinUrl);
    return;
  }
  if (next === "connected") flush();
  showConnection();
}

function showConnection() {
  const waiting = outbox.items().length;
  let text = t(connection === "refused" ? "reconnecting" : connection);
  if (waiting && connection !== "connected") text += " " + t("waiting_items", { count: waiting });
  connectionEl.textContent = text;
  connectionEl.dataset.state = connection;
}

// The facilitator ended the workshop: the thank-you and the way to "Mina bidrag" instead
// of the steps (drafts stay in the phone's storage, should it be reopened).
function showEnded() {
  const ended = Boolean(state.workshop?.ended);
  const panel = document.getElementById("ended");
  if (panel.hidden === !ended) return;
  panel.hidden = !ended;
  stepsEl.hidden = ended;
  document.querySelector(".mine-link").hidden = ended; // the thank-you has the link
  if (ended) announcer.say(t("ended"));
}

function render() {
  showEnded();
  const open = state.open_steps || [];
  const hadSteps = views.size > 0;
  document.getElementById("waiting")?.toggleAttribute("hidden", open.length > 0);
  for (const [id, view] of views) {
    if (!open.some((s) => s.id === id)) {
      noteKeptDraft(id, view);
      view.remove();
      views.delete(id);
    }
  }
  if (!open.length && hadSteps) announcer.say(t("waiting")); // the last step closed
  for (const step of open) {
    if (!views.has(step.id)) {
      views.set(step.id, buildStep(step));
      announcer.say(t("step_opened", { title: step.title }));
    }
    const view = views.get(step.id);
    if (view.parentNode !== stepsEl || view !== stepsEl.lastElementChild) stepsEl.appendChild(view);
    fillStep(view, step);
  }
}

// A step closed while the person was typing in it: say so, and that the text waits on
// this phone (drafts.js) for the step to open again, where it is back in its box.
function noteKeptDraft(stepId, view) {
  const typed = [...view.querySelectorAll(".text-input")].some((input) => input.value.trim());
  if (!typed) return;
  const note = document.createElement("p");
  note.className = "kept-draft";
  note.dataset.stepId = stepId;
  note.textContent = t("draft_kept", { title: view.querySelector(".step-title").textContent });
  document.getElementById("kept-drafts").append(note);
  announcer.say(note.textContent);
}

function buildStep(step) {
  document.querySelector(`#kept-drafts [data-step-id="${step.id}"]`)?.remove();
  const spec = KINDS[step.kind];
  const template = document.getElementById(spec ? spec.template : "other-step");
  const view = template.content.firstElementChild.cloneNode(true);
  view.dataset.stepId = step.id;
  const form = view.querySelector("form");
  if (form) {
    const input = form.querySelector(".text-input");
    input.id = `text-${step.id}`;
    const label = form.querySelector(".send-label");
    label.htmlFor = input.id;
    label.textContent = t(spec.label);
    const hint = form.querySelector(".remaining");
    hint.id = `remaining-${step.id}`;
    input.setAttribute("aria-describedby", hint.id);
    drafts.keep(input, drafts.key(step.id));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submitInput(step, form, input);
    });
    spec.build?.(step, view, input, phone);
  }
  const list = view.querySelector(".track-list");
  if (list) list.id = `tracks-${step.id}`;
  const timer = view.querySelector(".timer");
  if (timer) countdowns.set(step.id, new Countdown(timer, () => socket.serverNow(), t));
  return view;
}

function fillStep(view, step) {
  view.querySelector(".step-title").textContent = step.title;
  view.querySelector(".prompt").textContent = step.prompt;
  const spec = KINDS[step.kind];
  if (!spec || spec.fill?.(view, step, phone) === false) return;
  const input = view.querySelector(".text-input");
  input.maxLength = step.settings.max_length;
  if (input.maxLength > 500 && input.tagName === "TEXTAREA") {
    input.rows = 8; // a step for reflections or transcribed quotes: room to write, and the counter
    updateCounter(input);
  }
  const sent = mine.get(step.id) || [];
  const queued = outbox.items().filter((item) => item.payload.step_id === step.id);
  const adds = queued.filter((item) => item.event === spec.submit);
  const left = Math.max(0, step.settings[spec.limit] - sent.length - adds.length);
  view.querySelector(".remaining").textContent = t(left ? spec.remaining : spec.noneLeft, { count: left });
  view.querySelector("button[type=submit]").disabled = left === 0;
  const pending = new Map(
    queued.filter((item) => item.event !== spec.submit).map((item) => [item.payload[spec.idField], item]),
  );
  const items = [
    ...sent.map((sentItem) => own.item(step, sentItem, pending.get(sentItem.id))),
    ...adds.map((item) => own.sending(step, item)),
  ];
  renderKeyed(view.querySelector(".mine"), items);
  spec.after?.(view, step, phone);
}

function submitInput(step, form, input) {
  const text = input.value.trim();
  hideAlert();
  if (!text) return showAlert(t("empty"));
  if (text.length > input.maxLength) return showAlert(t("too_long", { limit: input.maxLength }));
  const payload = { step_id: step.id, text };
  const missing = KINDS[step.kind].complete?.(step, form, payload, phone);
  if (missing) return showAlert(missing);
  input.value = "";
  updateCounter(input);
  sessionStorage.removeItem(drafts.key(step.id));
  queue(KINDS[step.kind].submit, payload);
}

// The server answered an item from the outbox.
function onAnswer(item, ack) {
  if (ack.ok) {
    applyAck(item, ack);
    saveState();
    if (SUBMITS.has(item.event)) announcer.say(t("arrived_ok", { text: item.payload.text }));
  } else {
    showAlert(ack.message);
    restoreText(item);
  }
}

function applyAck(item, ack) {
  const stepId = item.payload.step_id;
  const list = mine.get(stepId) || [];
  if (ack.withdrawn !== undefined) {
    mine.set(stepId, list.filter((w) => w.id !== ack.withdrawn));
    return;
  }
  if (ack.votes !== undefined) {
    votes.set(stepId, ack.votes);
    return;
  }
  const sent = ack.word || ack.card || ack.track || ack.question;
  const at = list.findIndex((w) => w.id === sent.id);
  if (at >= 0) list[at] = sent;
  else list.push(sent);
  mine.set(stepId, list);
}

// A refused text goes back into its field, unless the person is typing something else.
function restoreText(item) {
  if (typeof item.payload.text !== "string") return; // a vote has no text
  if (EDITS.has(item.event)) {
    const id = item.payload[EDITS.get(item.event)];
    sessionStorage.setItem(drafts.key(item.payload.step_id, `edit-${id}`), item.payload.text);
    own.editing.add(id);
    return;
  }
  const input = document.getElementById(`text-${item.payload.step_id}`);
  if (input && !input.value && item.payload.text) input.value = item.payload.text;
}

// What a kind's module may use of this page (see steps/<kind>/static/phone.js).
const phone = {
  workshop: () => state.workshop, me: () => state.me, t, socket, outbox, inFlight: sender.inFlight, votes, mine, countdowns, queue, refresh, hideAlert, drafts, renderKeyed,
  say: (text) => announcer.say(text),
};

function refresh() {
  render();
  showConnection();
}

function showAlert(message) {
  alertEl.textContent = message;
  alertEl.hidden = false;
}

function hideAlert() {
  alertEl.hidden = true;
  alertEl.textContent = "";
}

// The same person's other tab sent or was answered: what waits in the shared outbox
// changed, so this tab's "sending" lines follow at once (no line shown twice).
window.addEventListener("storage", (event) => {
  if (event.key === outbox.key) refresh();
});

// A reload without a connection (the venue's Wi-Fi lets the page through, not the live
// connection): show the last state this phone saw, with its outbox and drafts, until the
// server answers. (Here at the end, when everything the view uses is defined.)
{
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(SNAPSHOT_KEY) || "null");
  } catch {
    saved = null;
  }
  if (saved?.open_steps && !socket.connected && state.open_steps.length === 0) applySnapshot(saved);
}
