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
const mine = new Map(); // step id -> [{id, text, status}] acknowledged by the server
const views = new Map(); // step id -> rendered section
const editing = new Set(); // ids of words being edited

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
    if (view.parentNode !== stepsEl || view !== stepsEl.lastElementChild) stepsEl.appendChild(view);
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
    keepDraft(input, draftKey(step.id));
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
  input.maxLength = step.settings.max_length;
  const sent = mine.get(step.id) || [];
  const queued = outbox.items().filter((item) => item.payload.step_id === step.id);
  const adds = queued.filter((item) => item.event === "submit_word");
  const left = Math.max(0, step.settings.max_words - sent.length - adds.length);
  view.querySelector(".remaining").textContent = left ? t("remaining", { count: left }) : t("none_left");
  view.querySelector("button[type=submit]").disabled = left === 0;
  const pending = new Map(
    queued.filter((item) => item.event !== "submit_word").map((item) => [item.payload.word_id, item]),
  );
  const items = [
    ...sent.map((word) => wordItem(step, word, pending.get(word.id))),
    ...adds.map((item) => ({ key: `q${item.id}`, sig: item.payload.text, build: () => entry(item.payload.text, t("sending"), "sending") })),
  ];
  renderKeyed(view.querySelector(".mine"), items);
}

// One of the participant's own words: its state, and buttons to change or withdraw it.
function wordItem(step, word, pendingOp) {
  if (pendingOp) {
    const text = pendingOp.event === "edit_word" ? pendingOp.payload.text : word.text;
    const status = pendingOp.event === "edit_word" ? t("sending") : t("withdrawing");
    return { key: `w${word.id}`, sig: `p|${status}|${text}`, build: () => entry(text, status, "sending") };
  }
  if (editing.has(word.id)) {
    return { key: `w${word.id}`, sig: "editing", build: () => editForm(step, word) };
  }
  const status = t(word.status);
  const text = word.status === "hidden" ? t("hidden_text") : word.text;
  return {
    key: `w${word.id}`,
    sig: `${word.status}|${word.text}`,
    build: () => {
      const li = entry(text, status, word.status);
      const actions = document.createElement("span");
      actions.className = "entry-actions";
      if (word.status !== "hidden") {
        actions.append(actionButton(t("edit"), word.text, () => startEdit(word.id)));
      }
      actions.append(actionButton(t("withdraw"), word.text || text, () => withdraw(step.id, word)));
      li.append(actions);
      return li;
    },
  };
}

// Update a list in place, item by item, so an open edit field keeps its text and focus.
function renderKeyed(list, items) {
  const existing = new Map([...list.children].map((li) => [li.dataset.key, li]));
  let previous = null;
  for (const item of items) {
    let li = existing.get(item.key);
    existing.delete(item.key);
    if (!li || li.dataset.sig !== item.sig) {
      const fresh = item.build();
      fresh.dataset.key = item.key;
      fresh.dataset.sig = item.sig;
      if (li) li.replaceWith(fresh);
      li = fresh;
    }
    const wanted = previous ? previous.nextElementSibling : list.firstElementChild;
    if (wanted !== li) list.insertBefore(li, wanted);
    previous = li;
  }
  for (const li of existing.values()) li.remove();
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

function actionButton(label, wordText, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "small-button";
  button.textContent = label;
  const name = document.createElement("span");
  name.className = "visually-hidden";
  name.textContent = `: ${wordText}`;
  button.append(name);
  button.addEventListener("click", onClick);
  return button;
}

function editForm(step, word) {
  const li = document.createElement("li");
  li.className = "entry entry-editing";
  const form = document.createElement("form");
  form.className = "edit-form";
  form.noValidate = true;
  const input = document.createElement("input");
  input.type = "text";
  input.id = `edit-${word.id}`;
  input.maxLength = step.settings.max_length;
  input.autocomplete = "off";
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.textContent = t("edit_label");
  const key = draftKey(step.id, `edit-${word.id}`);
  if (sessionStorage.getItem(key) === null) sessionStorage.setItem(key, word.text);
  keepDraft(input, key);
  const save = document.createElement("button");
  save.type = "submit";
  save.className = "primary small-button";
  save.textContent = t("save");
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "small-button";
  cancel.textContent = t("cancel");
  cancel.addEventListener("click", () => {
    sessionStorage.removeItem(key);
    editing.delete(word.id);
    refresh();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    saveEdit(step, word, input, key);
  });
  const buttons = document.createElement("div");
  buttons.className = "edit-buttons";
  buttons.append(save, cancel);
  form.append(label, input, buttons);
  li.append(form);
  requestAnimationFrame(() => input.focus());
  return li;
}

function startEdit(wordId) {
  hideAlert();
  editing.add(wordId);
  refresh();
}

function saveEdit(step, word, input, key) {
  const text = input.value.trim();
  hideAlert();
  if (!text) return showAlert(t("empty"));
  if (text.length > input.maxLength) return showAlert(t("too_long", { limit: input.maxLength }));
  editing.delete(word.id);
  sessionStorage.removeItem(key);
  queue("edit_word", { step_id: step.id, word_id: word.id, text });
}

function withdraw(stepId, word) {
  hideAlert();
  queue("withdraw_word", { step_id: stepId, word_id: word.id });
}

function keepDraft(input, key) {
  input.value = sessionStorage.getItem(key) || "";
  input.addEventListener("input", () => sessionStorage.setItem(key, input.value));
}

const draftKey = (stepId, field = "new") =>
  `rundabord:draft:${workshopId}:${stepId}${field === "new" ? "" : `:${field}`}`;

function submitWord(stepId, input) {
  const text = input.value.trim();
  hideAlert();
  if (!text) return showAlert(t("empty"));
  if (text.length > input.maxLength) return showAlert(t("too_long", { limit: input.maxLength }));
  input.value = "";
  sessionStorage.removeItem(draftKey(stepId));
  queue("submit_word", { step_id: stepId, text });
}

function queue(event, payload) {
  const id = newId();
  outbox.add({ id, event, payload: { id, ...payload } });
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
    if (ack.ok) applyAck(item, ack);
    else {
      showAlert(ack.message);
      restoreText(item);
    }
    refresh();
  });
}

function applyAck(item, ack) {
  const stepId = item.payload.step_id;
  const list = mine.get(stepId) || [];
  if (ack.withdrawn !== undefined) {
    mine.set(stepId, list.filter((w) => w.id !== ack.withdrawn));
    return;
  }
  const at = list.findIndex((w) => w.id === ack.word.id);
  if (at >= 0) list[at] = ack.word;
  else list.push(ack.word);
  mine.set(stepId, list);
}

// A refused text goes back into its field, unless the person is typing something else.
function restoreText(item) {
  if (item.event === "edit_word") {
    const key = draftKey(item.payload.step_id, `edit-${item.payload.word_id}`);
    sessionStorage.setItem(key, item.payload.text);
    editing.add(item.payload.word_id);
    return;
  }
  const input = document.getElementById(`text-${item.payload.step_id}`);
  if (input && !input.value && item.payload.text) input.value = item.payload.text;
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
