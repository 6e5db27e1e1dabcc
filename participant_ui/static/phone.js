// The phone view: shows the open step (words, cards or tracks), sends input through
// the outbox, and shows what arrived. It never touches what the person is typing when
// updates arrive. On a Tracks step the person also places dots: each vote names the
// dots on one track and a number that grows, so a late copy never undoes a newer one.
import { Announcer } from "/static/js/announce.js";
import { placeAfter } from "/static/js/keyed.js";
import { updateCounter } from "/static/js/counter.js";
import { connectLive, loadStrings, newId } from "/static/js/live.js";
import { fillQuestions, shownQuestions } from "/static/js/questions.js";
import { Countdown } from "/static/js/timer.js";
import { Outbox } from "./outbox.js";

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
navigator.serviceWorker?.register("/sw.js").then(() => navigator.serviceWorker.ready).then((registration) => {
  const loaded = performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.startsWith(location.origin));
  registration.active?.postMessage({ cache: [location.href, ...loaded] });
}).catch(() => {});

// Said to screen readers: a step that opens, and each of this person's own inputs arriving.
const announcer = new Announcer(document.getElementById("announcer"));
const RESEND_MS = 4000;
const SIMILAR_DELAY_MS = 600;

// What differs between a Words step and a Cards step; the rest of the phone is shared.
const KINDS = {
  words: { template: "words-step", submit: "submit_word", edit: "edit_word", withdraw: "withdraw_word", idField: "word_id", limit: "max_words", label: "label_words", editLabel: "edit_label" },
  cards: { template: "cards-step", submit: "submit_card", edit: "edit_card", withdraw: "withdraw_card", idField: "card_id", limit: "max_cards", label: "label_card", editLabel: "edit_card_label" },
  discussion: { template: "discussion-step", submit: "submit_card", edit: "edit_card", withdraw: "withdraw_card", idField: "card_id", limit: "max_cards", label: "label_answer", editLabel: "edit_answer_label" },
  tracks: { template: "tracks-step", submit: "propose_track", edit: "edit_track", withdraw: "withdraw_track", idField: "track_id", limit: "max_tracks", label: "label_track", editLabel: "edit_track_label" },
};
const EDITS = new Set(Object.values(KINDS).map((spec) => spec.edit));
const SUBMITS = new Set(Object.values(KINDS).map((spec) => spec.submit));

let state = { open_steps: [] };
let connection = "connecting";
const mine = new Map(); // step id -> [{id, text, status}] acknowledged by the server
const views = new Map(); // step id -> rendered section
const countdowns = new Map(); // step id -> Countdown
const editing = new Set(); // ids of words and cards being edited
const votes = new Map(); // step id -> {track id: dots} acknowledged by the server
let voteCounter = 0;
const voteNotices = new Map(); // step id -> why the last dot could not be placed

const socket = connectLive({
  auth: { role: "participant", workshop: workshopId },
  events: { agenda_changed: onAgenda, workshop_changed: onAgenda, board_changed: onThemes, tracks_changed: onTracks },
  // Sent from this participant's other tab or phone, or deleted in "Mina bidrag".
  notices: { own_input_changed: () => socket.resync() },
  onSnapshot,
  onState,
});

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

// The list of tracks to vote on changed (a proposal, a merge, a hidden track).
function onTracks(message) {
  const step = (state.open_steps || []).find((s) => s.id === message.step_id);
  if (!step || !message.tracks) return;
  step.tracks = message.tracks;
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
// this phone (keepDraft) for the step to open again, where it is back in its box.
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
    keepDraft(input, draftKey(step.id));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submitInput(step, form, input);
    });
    if (step.kind === "cards") watchSimilar(step, view, input);
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
  if (!spec) return;
  if (step.kind === "discussion") {
    fillQuestions(view.querySelector(".questions"), step.settings);
    countdowns.get(step.id)?.set(step.settings);
    view.querySelector(".answers").hidden = !step.settings.answers;
    if (!step.settings.answers) return;
  }
  const input = view.querySelector(".text-input");
  input.maxLength = step.settings.max_length;
  if (step.kind !== "words" && step.kind !== "tracks") fillChoices(view, step);
  const sent = mine.get(step.id) || [];
  const queued = outbox.items().filter((item) => item.payload.step_id === step.id);
  const adds = queued.filter((item) => item.event === spec.submit);
  const left = Math.max(0, step.settings[spec.limit] - sent.length - adds.length);
  const noneLeft = { cards: t("no_cards_left"), tracks: t("no_tracks_left"), discussion: t("no_answers_left") }[step.kind] || t("none_left");
  const more = t(step.kind === "tracks" ? "remaining_tracks" : "remaining", { count: left });
  view.querySelector(".remaining").textContent = left ? more : noneLeft;
  view.querySelector("button[type=submit]").disabled = left === 0;
  const pending = new Map(
    queued.filter((item) => item.event !== spec.submit).map((item) => [item.payload[spec.idField], item]),
  );
  const items = [
    ...sent.map((sentItem) => ownItem(step, sentItem, pending.get(sentItem.id))),
    ...adds.map((item) => ({ key: `q${item.id}`, sig: item.payload.text, build: () => entry(item.payload.text, t("sending"), "sending", context(step, item.payload)) })),
  ];
  renderKeyed(view.querySelector(".mine"), items);
  if (step.kind === "tracks") fillVotes(view, step);
}

// --- dots ---------------------------------------------------------------------------------

// The dots shown: the acknowledged ones, with the newest vote still in the outbox on top.
function shownVotes(step) {
  const shown = { ...(votes.get(step.id) || {}) };
  for (const item of outbox.items()) {
    if (item.event === "vote" && item.payload.step_id === step.id) shown[item.payload.track_id] = item.payload.dots;
  }
  return shown;
}

function fillVotes(view, step) {
  const { dots, max_per_track: most, voting } = step.settings;
  const shown = shownVotes(step);
  const used = Object.values(shown).reduce((a, b) => a + b, 0);
  const status = view.querySelector(".vote-status");
  const tracks = step.tracks || [];
  const notice = voting ? voteNotices.get(step.id) : null;
  status.classList.toggle("is-warning", Boolean(notice));
  if (notice) status.textContent = notice;
  else if (!tracks.length) status.textContent = t("no_tracks");
  else if (voting) status.textContent = t("dots_left", { left: dots - used, dots, max: most });
  else status.textContent = t("voting_not_open");
  const items = tracks.map((track) => {
    const count = shown[track.id] || 0;
    const canAdd = voting && count < most && used < dots;
    return {
      key: `t${track.id}`,
      sig: `${track.text}|${count}|${voting}|${canAdd}`,
      build: () => trackRow(step, track, count, voting, canAdd),
    };
  });
  renderKeyed(view.querySelector(".track-list"), items);
}

function trackRow(step, track, count, voting, canAdd) {
  const li = document.createElement("li");
  li.className = "track";
  const text = document.createElement("span");
  text.className = "track-text";
  text.textContent = track.text;
  const dotsEl = document.createElement("span");
  dotsEl.className = "track-dots";
  dotsEl.setAttribute("role", "img");
  dotsEl.textContent = "●".repeat(count) || "–";
  dotsEl.setAttribute("aria-label", t(count === 1 ? "one_own_dot" : "track_dots", { count }));
  li.append(text, dotsEl);
  if (voting) {
    const controls = document.createElement("span");
    controls.className = "vote-controls";
    const less = dotButton("−", `${t("remove_dot")}: ${track.text}`, () => placeDots(step, track.id, count - 1));
    less.disabled = count === 0;
    const more = dotButton("+", `${t("add_dot")}: ${track.text}`, () => {
      if (!canAdd) {
        // Said beside the dots, where the person is looking, not at the foot of the page.
        voteNotices.set(step.id, t(count >= step.settings.max_per_track ? "track_full" : "budget_used"));
        return refresh();
      }
      placeDots(step, track.id, count + 1);
    });
    more.setAttribute("aria-disabled", String(!canAdd));
    controls.append(less, more);
    li.append(controls);
  }
  return li;
}

function dotButton(symbol, name, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "dot-button";
  button.textContent = symbol;
  button.setAttribute("aria-label", name);
  button.addEventListener("click", onClick);
  return button;
}

function placeDots(step, trackId, dots) {
  hideAlert();
  voteNotices.delete(step.id);
  voteCounter = (voteCounter + 1) % 1000;
  const n = Date.now() * 1000 + voteCounter; // grows across reloads too
  // An older vote for the same track still waiting is replaced: only the newest counts.
  for (const item of outbox.items()) {
    if (item.event === "vote" && item.payload.track_id === trackId && !inFlight.has(item.id)) outbox.remove(item.id);
  }
  queue("vote", { step_id: step.id, track_id: trackId, dots, n });
  // Focus stays on the same button after the row is built again.
  requestAnimationFrame(() => {
    const row = document.querySelector(`#tracks-${step.id} [data-key="t${trackId}"]`);
    row?.querySelectorAll(".vote-controls button")[dots > 0 ? 1 : 0]?.focus();
  });
}

// Theme, category and level choices of a Cards step. Built again only when the options
// change, so a choice the person made stays made (it is also kept as a draft).
function fillChoices(view, step) {
  const themes = step.based_on_step_id ? step.themes || [] : [];
  fillRadios(view.querySelector(".theme-choice"), step, "theme", themes.map((th) => [String(th.id), th.name]));
  const categories = step.kind === "discussion" ? shownQuestions(step.settings) : step.settings.categories || [];
  fillRadios(view.querySelector(".category-choice"), step, "category", categories.length > 1 ? categories.map((c) => [c, c]) : []);
  const levels = view.querySelector(".level-choice");
  levels.hidden = !step.settings.levels;
  const select = levels.querySelector("select");
  if (!select.id) {
    select.id = `level-${step.id}`;
    levels.querySelector("label").htmlFor = select.id;
    keepDraft(select, draftKey(step.id, "level"));
  }
}

function fillRadios(fieldset, step, name, options) {
  fieldset.hidden = options.length === 0;
  const sig = JSON.stringify(options);
  if (fieldset.dataset.sig === sig) return;
  fieldset.dataset.sig = sig;
  const key = draftKey(step.id, name);
  const chosen = sessionStorage.getItem(key);
  const box = fieldset.querySelector(".options");
  box.replaceChildren(...options.map(([value, text], index) => {
    const label = document.createElement("label");
    label.className = "choice";
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = `${name}-${step.id}`;
    radio.value = value;
    radio.checked = value === chosen;
    radio.id = `${name}-${step.id}-${index}`;
    radio.addEventListener("change", () => sessionStorage.setItem(key, value));
    const span = document.createElement("span");
    span.textContent = text;
    label.append(radio, " ", span);
    return label;
  }));
}

function chosen(form, name) {
  return form.querySelector(`.${name}-choice:not([hidden]) input:checked`)?.value;
}

// What a card is filed under, shown beside it: "Hinder · Tema: Tillit · regional".
function context(step, card) {
  if (step.kind === "discussion") return (step.settings.questions || []).length > 1 ? card.category : "";
  if (step.kind !== "cards") return "";
  const parts = [];
  if ((step.settings.categories || []).length > 1 && card.category) parts.push(card.category);
  const theme = (step.themes || []).find((th) => th.id === card.theme_id);
  if (theme) parts.push(t("theme_named", { name: theme.name }));
  if (card.level) parts.push(t(`level_${card.level}`));
  return parts.join(" · ");
}

// While a card is typed, show up to three similar cards already posted.
function watchSimilar(step, view, input) {
  const box = view.querySelector(".similar");
  const list = box.querySelector("ul");
  let timer = null;
  let asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const text = input.value.trim();
      if (text.length < 3 || !socket.connected) {
        box.hidden = true;
        return;
      }
      asked = text;
      socket.timeout(RESEND_MS).emit("similar_cards", { step_id: step.id, text }, (err, ack) => {
        if (err || !ack.ok || asked !== text) return;
        list.replaceChildren(...ack.cards.map((card) => {
          const li = document.createElement("li");
          li.textContent = card;
          return li;
        }));
        box.hidden = ack.cards.length === 0;
      });
    }, SIMILAR_DELAY_MS);
  });
}

// One of the participant's own words or cards: its state, and buttons to change or withdraw it.
function ownItem(step, word, pendingOp) {
  const spec = KINDS[step.kind];
  if (pendingOp) {
    const text = pendingOp.event === spec.edit ? pendingOp.payload.text : word.text;
    const status = pendingOp.event === spec.edit ? t("sending") : t("withdrawing");
    return { key: `w${word.id}`, sig: `p|${status}|${text}`, build: () => entry(text, status, "sending") };
  }
  if (editing.has(word.id)) {
    return { key: `w${word.id}`, sig: "editing", build: () => editForm(step, word) };
  }
  const status = t(word.status);
  const text = word.status === "hidden" ? t("hidden_text") : word.text;
  const about = context(step, word);
  return {
    key: `w${word.id}`,
    sig: `${word.status}|${word.text}|${about}`,
    build: () => {
      const li = entry(text, status, word.status, about);
      const actions = document.createElement("span");
      actions.className = "entry-actions";
      if (word.status !== "hidden") {
        actions.append(actionButton(t("edit"), word.text, () => startEdit(word.id)));
      }
      actions.append(actionButton(t("withdraw"), word.text || text, () => withdraw(step, word)));
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
      if (li) replaceKeepingFocus(li, fresh);
      li = fresh;
    }
    previous = placeAfter(list, li, previous);
  }
  for (const li of existing.values()) li.remove();
}

// A rebuilt item takes the place of the old one; a control that had the keyboard focus
// hands it to its counterpart (same name, else same place), so an acknowledgement or a
// change from others never drops a keyboard user's focus to the page.
const FOCUSABLE = "button, a[href], input, select, textarea";

function replaceKeepingFocus(old, fresh) {
  const focused = old.contains(document.activeElement) ? document.activeElement : null;
  const controls = focused ? [...old.querySelectorAll(FOCUSABLE)] : [];
  old.replaceWith(fresh);
  if (!focused) return;
  const candidates = [...fresh.querySelectorAll(FOCUSABLE)];
  const label = focused.getAttribute("aria-label");
  const same = label ? candidates.find((el) => el.getAttribute("aria-label") === label) : null;
  (same || candidates[controls.indexOf(focused)])?.focus();
}

function entry(text, status, kind, about = "") {
  const li = document.createElement("li");
  li.className = `entry entry-${kind}`;
  const word = document.createElement("span");
  word.className = "entry-text";
  word.textContent = text;
  const badge = document.createElement("span");
  badge.className = "entry-status";
  badge.textContent = status;
  li.append(word, " ", badge);
  if (about) {
    const small = document.createElement("span");
    small.className = "entry-about";
    small.textContent = about;
    li.append(small);
  }
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
  const input = document.createElement(step.kind === "cards" ? "textarea" : "input");
  if (step.kind === "cards") input.rows = 3;
  else input.type = "text";
  input.id = `edit-${word.id}`;
  input.maxLength = step.settings.max_length;
  input.autocomplete = "off";
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.textContent = t(KINDS[step.kind].editLabel);
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
  const spec = KINDS[step.kind];
  queue(spec.edit, { step_id: step.id, [spec.idField]: word.id, text });
}

function withdraw(step, word) {
  hideAlert();
  const spec = KINDS[step.kind];
  queue(spec.withdraw, { step_id: step.id, [spec.idField]: word.id });
}

function keepDraft(input, key) {
  input.value = sessionStorage.getItem(key) || "";
  input.addEventListener("input", () => sessionStorage.setItem(key, input.value));
}

const draftKey = (stepId, field = "new") =>
  `rundabord:draft:${workshopId}:${stepId}${field === "new" ? "" : `:${field}`}`;

function submitInput(step, form, input) {
  const text = input.value.trim();
  hideAlert();
  if (!text) return showAlert(t("empty"));
  if (text.length > input.maxLength) return showAlert(t("too_long", { limit: input.maxLength }));
  const payload = { step_id: step.id, text };
  if (step.kind === "discussion" && shownQuestions(step.settings).length === 1) {
    payload.category = shownQuestions(step.settings)[0]; // the question on the screen as it was sent
  }
  if (step.kind === "cards" || step.kind === "discussion") {
    const theme = chosen(form, "theme");
    if (!form.querySelector(".theme-choice").hidden && !theme) return showAlert(t("choose_theme"));
    const category = chosen(form, "category");
    if (!form.querySelector(".category-choice").hidden && !category) {
      return showAlert(t(step.kind === "discussion" ? "choose_question" : "choose_category"));
    }
    if (theme) payload.theme_id = Number(theme);
    if (category) payload.category = category;
    const level = form.querySelector(".level-choice:not([hidden]) select")?.value;
    if (level) payload.level = level;
    form.querySelector(".similar").hidden = true;
  }
  input.value = "";
  updateCounter(input);
  sessionStorage.removeItem(draftKey(step.id));
  queue(KINDS[step.kind].submit, payload);
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
const SLOW_DOWN_MS = 2000;

function send(item) {
  if (!item || !socket.connected || inFlight.has(item.id)) return;
  inFlight.add(item.id);
  // Sent before (its answer never came): say so, and the server answers from its receipt
  // with one read instead of trying the write again.
  const payload = item.sent ? { ...item.payload, resend: true } : item.payload;
  outbox.markSent(item.id);
  socket.timeout(RESEND_MS * 2).emit(item.event, payload, (err, ack) => {
    inFlight.delete(item.id);
    if (err) {
      // No answer: the item stays in the outbox and goes again (the server dedupes).
      setTimeout(() => send(outbox.items().find((i) => i.id === item.id)), RESEND_MS);
      return;
    }
    if (ack.error === "slow_down") {
      // Too fast for the server: the item stays and goes again in a moment.
      setTimeout(() => send(outbox.items().find((i) => i.id === item.id)), SLOW_DOWN_MS);
      return;
    }
    outbox.remove(item.id);
    if (ack.ok) {
      applyAck(item, ack);
      saveState();
      if (SUBMITS.has(item.event)) announcer.say(t("arrived_ok", { text: item.payload.text }));
    } else {
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
  if (ack.votes !== undefined) {
    votes.set(stepId, ack.votes);
    return;
  }
  const sent = ack.word || ack.card || ack.track;
  const at = list.findIndex((w) => w.id === sent.id);
  if (at >= 0) list[at] = sent;
  else list.push(sent);
  mine.set(stepId, list);
}

// A refused text goes back into its field, unless the person is typing something else.
function restoreText(item) {
  if (item.event === "vote") return;
  if (EDITS.has(item.event)) {
    const id = item.payload.word_id ?? item.payload.card_id ?? item.payload.track_id;
    sessionStorage.setItem(draftKey(item.payload.step_id, `edit-${id}`), item.payload.text);
    editing.add(id);
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
