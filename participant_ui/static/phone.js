// The phone view: shows the open step, sends input through the outbox, and shows
// what arrived. It never touches what the person is typing when updates arrive.
import { connectLive, loadStrings, newId } from "/static/js/live.js";
import { Outbox } from "./outbox.js";

const root = document.getElementById("phone");
const workshopId = Number(root.dataset.workshopId);
const t = loadStrings();
const outbox = new Outbox(`rundabord:outbox:${workshopId}`);
const stepsEl = document.getElementById("steps");
const alertEl = document.getElementById("alert");
const connectionEl = document.getElementById("connection");
const RESEND_MS = 4000;

let state = { open_steps: [] };
let connection = "connecting";
const mine = new Map(); // step id -> [{id, text}] acknowledged by the server
const views = new Map(); // step id -> rendered section

const socket = connectLive({
  auth: { role: "participant", workshop: workshopId },
  events: { agenda_changed: onAgenda, workshop_changed: onAgenda },
  onSnapshot,
  onState,
});

function onSnapshot(snap) {
  state = snap;
  mine.clear();
  for (const step of snap.open_steps) mine.set(step.id, step.mine || []);
  render();
  flush();
}

function onAgenda(message) {
  state = { ...state, open_steps: message.open_steps.map((s) => ({ ...s, mine: mine.get(s.id) || [] })) };
  render();
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

function render() {
  const open = state.open_steps || [];
  document.getElementById("waiting")?.toggleAttribute("hidden", open.length > 0);
  for (const [id, view] of views) {
    if (!open.some((s) => s.id === id)) {
      view.remove();
      views.delete(id);
    }
  }
  for (const step of open) {
    if (!views.has(step.id)) views.set(step.id, buildStep(step));
    const view = views.get(step.id);
    stepsEl.appendChild(view); // keeps agenda order; moving keeps the input's text
    fillStep(view, step);
  }
}

function buildStep(step) {
  const template = document.getElementById(step.kind === "words" ? "words-step" : "other-step");
  const view = template.content.firstElementChild.cloneNode(true);
  view.dataset.stepId = step.id;
  const form = view.querySelector("form");
  if (form) {
    const input = form.querySelector("input");
    input.id = `text-${step.id}`;
    const label = form.querySelector("label");
    label.htmlFor = input.id;
    label.textContent = t("label_words");
    const hint = form.querySelector(".remaining");
    hint.id = `remaining-${step.id}`;
    input.setAttribute("aria-describedby", hint.id);
    input.value = sessionStorage.getItem(draftKey(step.id)) || "";
    input.addEventListener("input", () => sessionStorage.setItem(draftKey(step.id), input.value));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submitWord(step.id, input);
    });
  }
  return view;
}

function fillStep(view, step) {
  view.querySelector(".step-title").textContent = step.title;
  view.querySelector(".prompt").textContent = step.prompt;
  if (step.kind !== "words") return;
  const input = view.querySelector("input");
  const limit = step.settings.max_length;
  input.maxLength = limit;
  const sent = mine.get(step.id) || [];
  const queued = outbox.items().filter((item) => item.payload.step_id === step.id);
  const left = Math.max(0, step.settings.max_words - sent.length - queued.length);
  view.querySelector(".remaining").textContent = left ? t("remaining", { count: left }) : t("none_left");
  view.querySelector("button[type=submit]").disabled = left === 0;
  const list = view.querySelector(".mine");
  list.replaceChildren(
    ...sent.map((word) => entry(word.text, t("sent"), "sent")),
    ...queued.map((item) => entry(item.payload.text, t("sending"), "sending")),
  );
}

function entry(text, status, kind) {
  const li = document.createElement("li");
  li.className = `entry entry-${kind}`;
  const word = document.createElement("span");
  word.className = "entry-text";
  word.textContent = text;
  const badge = document.createElement("span");
  badge.className = "entry-status";
  badge.textContent = status;
  li.append(word, " ", badge);
  return li;
}

const draftKey = (stepId) => `rundabord:draft:${workshopId}:${stepId}`;

function submitWord(stepId, input) {
  const text = input.value.trim();
  hideAlert();
  if (!text) return showAlert(t("empty"));
  if (text.length > input.maxLength) return showAlert(t("too_long", { limit: input.maxLength }));
  const id = newId();
  outbox.add({ id, event: "submit_word", payload: { id, step_id: stepId, text } });
  input.value = "";
  sessionStorage.removeItem(draftKey(stepId));
  refresh();
  send(outbox.items().find((item) => item.id === id));
}

function flush() {
  for (const item of outbox.items()) send(item);
}

const inFlight = new Set();

function send(item) {
  if (!item || !socket.connected || inFlight.has(item.id)) return;
  inFlight.add(item.id);
  socket.timeout(RESEND_MS * 2).emit(item.event, item.payload, (err, ack) => {
    inFlight.delete(item.id);
    if (err) {
      // No answer: the item stays in the outbox and goes again (the server dedupes).
      setTimeout(() => send(outbox.items().find((i) => i.id === item.id)), RESEND_MS);
      return;
    }
    outbox.remove(item.id);
    if (ack.ok) {
      const list = mine.get(item.payload.step_id) || [];
      if (!list.some((w) => w.id === ack.word.id)) list.push(ack.word);
      mine.set(item.payload.step_id, list);
    } else {
      showAlert(ack.message);
      restoreText(item);
    }
    refresh();
  });
}

// A refused text goes back into its field, unless the person is typing something else.
function restoreText(item) {
  const input = document.getElementById(`text-${item.payload.step_id}`);
  if (input && !input.value) input.value = item.payload.text;
}

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
