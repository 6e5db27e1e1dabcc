// The live dashboard: the agenda with open/close buttons, presence, the notes, and a
// panel per step with input: each kind's panel is in its package
// (steps/<kind>/static/dashboard.js), imported by the list the server gives (data-kinds).
import { Announcer } from "/static/js/announce.js";
import { placeAfter } from "/static/js/keyed.js";
import { loadKinds } from "/static/js/kinds.js";
import { connectLive, loadStrings } from "/static/js/live.js";
import { BehalfForm } from "./behalf_form.js";
import { NotesPanel } from "./notes_panel.js";
import { onKeys } from "./shortcuts.js";

const root = document.getElementById("dashboard");
const workshopId = Number(root.dataset.workshopId);
const t = loadStrings();
const agendaEl = document.getElementById("agenda");
const panelsEl = document.getElementById("panels");
const announcer = new Announcer(document.getElementById("announcer"));
const connectionEl = document.getElementById("connection");
const alertEl = document.getElementById("dashboard-alert");
const boardsEl = document.getElementById("boards");
// Each kind's panel: {Panel, board (below, full width), resync (needs the whole state
// once made), takesPromoted (cards and themes become its tracks)}.
const KINDS = await loadKinds(root);
// What the form for a table group sends to each kind (loaded before the connection opens).
const behalfKinds = await loadKinds(document.getElementById("behalf"));

let steps = [];
let groups = new Map(); // table group id -> name
let groupList = [];
const panels = new Map(); // step id -> its kind's panel

let notesPanel = null; // made once the socket exists
let behalf = null;

const socket = connectLive({
  auth: { role: "facilitator", workshop: workshopId },
  events: {
    agenda_changed: (m) => { steps = m.steps; renderAgenda(); renderPanels(); announceOpened(m); behalf.update(steps, groupList); },
    words_changed: (m) => { panel(m.step_id)?.apply(m); renderPanels(); arrived(m.entries?.length); },
    cards_changed: (m) => { panel(m.step_id)?.applyCards(m); renderPanels(); arrived(m.cards?.length); },
    tracks_changed: (m) => { panel(m.step_id)?.apply(m); renderPanels(); },
    notes_changed: (m) => notesPanel.apply(m),
    board_changed: (m) => {
      panel(m.step_id)?.applyBoard(m);
      // A step built on this one shows the same themes.
      for (const step of steps.filter((s) => s.based_on_step_id === m.step_id)) panels.get(step.id)?.setThemes(m.themes);
      renderPanels();
    },
  },
  notices: {
    presence_changed: showPresence,
    cloud_ready: (m) => panel(m.step_id)?.setCloud(m.version),
    suggestions_ready: (m) => panel(m.step_id)?.setSuggestions(m),
  },
  onSnapshot: (snap) => {
    steps = snap.steps;
    groupList = snap.groups || [];
    groups = new Map(groupList.map((g) => [g.id, g.name]));
    for (const step of steps) {
      if (!KINDS[step.kind]) continue;
      if (panels.has(step.id)) panels.get(step.id).reset(step);
      else panels.set(step.id, newPanel(step));
    }
    renderAgenda();
    renderPanels();
    notesPanel.apply(snap.notes);
    behalf.update(steps, groupList);
    if (snap.presence) showPresence(snap.presence);
  },
  onState: (state) => {
    connectionEl.textContent = t(state);
    connectionEl.dataset.state = state;
  },
});

notesPanel = new NotesPanel({ socket, t, onError: showError, announce, groupName: (id) => groups.get(id) || "" });
document.getElementById("notes").append(notesPanel.el);
// A step built on an earlier one takes cards under that step's themes, as its board shows them.
behalf = new BehalfForm({ socket, t, announce, kinds: behalfKinds, themesOf: (step) => panels.get(step.id)?.themes || [] });
document.getElementById("behalf").append(behalf.el);

function newPanel(step) {
  const options = { socket, t, onError: showError, announce, groupName: (id) => groups.get(id) || "" };
  return new KINDS[step.kind].Panel(step, { ...options, promote, canPromote, cloudBase: root.dataset.cloudBase });
}

function panel(stepId) {
  if (!panels.has(stepId)) {
    const step = steps.find((s) => s.id === stepId && KINDS[s.kind]);
    if (!step) return null;
    panels.set(stepId, newPanel(step));
    // The agenda carries no input or themes (a step built on themes shows an earlier
    // step's): fetch the whole state once.
    if (KINDS[step.kind].resync) socket.resync();
  }
  return panels.get(stepId);
}

// A card or a theme becomes a track of the agenda's (first) Tracks step.
function canPromote() {
  return steps.some((s) => KINDS[s.kind]?.takesPromoted);
}

function promote(kind, id, text) {
  const step = steps.find((s) => KINDS[s.kind]?.takesPromoted);
  if (!step) return;
  socket.emit("tracks", { step_id: step.id, op: "add_track", source_kind: kind, source_id: id }, (ack) => {
    if (!ack.ok) showError(ack.message);
    else announce(t("promoted", { text, step: step.title }));
  });
}

function announce(message) {
  announcer.say(message);
}

// Input from the room is counted and told now and then, not once per word.
function arrived(count) {
  if (count) announcer.arrived(count, (n) => t("arrived", { count: n }));
}

const keysHelp = document.getElementById("keys-help");
document.getElementById("keys-open").addEventListener("click", () => keysHelp.showModal());
onKeys({
  n: () => openRelative(1),
  p: () => openRelative(-1),
  h: hideFocused,
  r: revealResult,
  "?": () => keysHelp.showModal(),
});

function openRelative(direction) {
  const at = steps.findIndex((s) => s.is_open);
  const target = at < 0 ? (direction > 0 ? steps[0] : undefined) : steps[at + direction];
  if (!target) {
    announce(t(direction > 0 ? "no_next_step" : "no_previous_step"));
    return;
  }
  socket.emit("open_step", { step_id: target.id }, (ack) => {
    if (ack && !ack.ok) showError(ack.message);
  });
}

function hideFocused() {
  const item = document.activeElement?.closest(".board-card, .word-row, .track-row");
  const hide = item?.querySelector(".hide-button");
  if (hide) hide.click();
  else announce(t("nothing_to_hide"));
}

function revealResult() {
  const open = steps.find((s) => s.is_open && panels.get(s.id)?.revealButton);
  const reveal = open && panels.get(open.id).revealButton;
  if (reveal && !reveal.hidden) reveal.click();
  else announce(t("nothing_to_reveal"));
}

function showError(message) {
  alertEl.textContent = message;
  alertEl.hidden = false;
  setTimeout(() => { alertEl.hidden = true; }, 8000);
}

function renderAgenda() {
  agendaEl.replaceChildren(...steps.map(agendaItem));
}

function agendaItem(step) {
  const li = document.createElement("li");
  li.className = "agenda-step" + (step.is_open ? " is-open" : "");
  const text = document.createElement("div");
  const kind = document.createElement("span");
  kind.className = `kind kind-${step.kind}`;
  kind.textContent = t(step.kind);
  const title = document.createElement("strong");
  title.textContent = step.title;
  text.append(kind, " ", title);
  if (step.is_open) {
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = t("is_open");
    text.append(" ", badge);
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = step.is_open ? "" : "primary";
  button.textContent = step.is_open ? t("close") : t("open");
  const label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = `: ${step.title}`;
  button.append(label);
  button.addEventListener("click", () => {
    button.disabled = true;
    socket.emit(step.is_open ? "close_step" : "open_step", { step_id: step.id }, () => {
      button.disabled = false;
    });
  });
  li.append(text, button);
  return li;
}

// Words panels beside the agenda; boards below, full width. A step's panel shows while
// it is open or once it has input.
function renderPanels() {
  const shown = steps.filter((s) => KINDS[s.kind] && (s.is_open || panel(s.id)?.total() > 0));
  // A discussion's answers get a board below, beside the Cards steps' boards.
  for (const view of panels.values()) {
    if (view.board && !(shown.some((s) => s.id === view.stepId) && view.hasBoard())) view.board.el.remove();
  }
  document.getElementById("no-input").hidden = shown.length > 0;
  for (const [id, view] of panels) {
    if (!steps.some((s) => s.id === id && KINDS[s.kind])) {
      view.el.remove();
      panels.delete(id);
    } else if (!shown.some((s) => s.id === id)) {
      view.el.remove();
    }
  }
  const previous = new Map([[panelsEl, null], [boardsEl, null]]);
  for (const step of shown) {
    const view = panel(step.id);
    const container = KINDS[step.kind].board ? boardsEl : panelsEl;
    view.update(step);
    view.render();
    const after = previous.get(container);
    previous.set(container, placeAfter(container, view.el, after, container.querySelector(".panel")));
    if (view.board && view.hasBoard()) {
      previous.set(boardsEl, placeAfter(boardsEl, view.board.el, previous.get(boardsEl), boardsEl.querySelector(".panel")));
    }
  }
  collectHighlights();
  showModeration();
}

// What waits for the facilitator's decision, at a glance beside presence.
function showModeration() {
  let held = 0;
  for (const view of panels.values()) held += view.heldEntries?.().length || 0;
  document.getElementById("held").textContent = String(held);
  document.getElementById("held-box").classList.toggle("needs-action", held > 0);
}

// Every word, card and track marked as a highlight, for the notes panel, with a way back to it.
function collectHighlights() {
  const found = [];
  for (const step of steps) {
    for (const marked of panels.get(step.id)?.highlights(reveal) || []) found.push({ ...marked, source: step.title });
  }
  notesPanel.setHighlights(found);
}

function reveal(element) {
  if (!element?.isConnected) return;
  if (!element.hasAttribute("tabindex")) element.tabIndex = -1;
  element.scrollIntoView({ block: "center" });
  element.focus();
}

function showPresence(presence) {
  document.getElementById("connected").textContent = String(presence.connected);
  const open = steps.find((s) => s.is_open && KINDS[s.kind]);
  const answered = open ? presence.answered[String(open.id)] : undefined;
  document.getElementById("answered").textContent = answered === undefined ? "–" : String(answered);
  // How many have answered comes with presence, a few times a second, not with each word.
  for (const [stepId, count] of Object.entries(presence.answered)) {
    const words = panels.get(Number(stepId));
    if (words && "answered" in words && words.answered !== count) {
      words.answered = count;
      words.render();
    }
  }
}

function announceOpened(message) {
  if (message.reason !== "step_opened") return;
  const open = steps.filter((s) => s.is_open).map((s) => s.title).join(", ");
  announce(t("step_opened", { title: open }));
}
