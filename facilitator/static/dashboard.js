// The live dashboard: the agenda at the side with open/close buttons, presence, the notes,
// and the workspace: the panel of one step, the open one unless the facilitator chose
// another in the agenda. Each kind's panel is in its package
// (steps/<kind>/static/dashboard.js), imported by the list the server gives (data-kinds).
// About 350 lines: the shell's state (steps, the shown one, presence) and its drawing
// are one loop; the notes, the on-behalf form and the keys are modules of their own.
import { Announcer } from "/static/js/announce.js";
import { placeAfter } from "/static/js/keyed.js";
import { loadKinds } from "/static/js/kinds.js";
import { connectLive, loadStrings } from "/static/js/live.js";
import { BehalfForm } from "./behalf_form.js";
import { NotesPanel } from "./notes_panel.js";
import { RevealBar } from "./reveal_bar.js";
import { onKeys } from "./shortcuts.js";

const root = document.getElementById("dashboard");
const workshopId = Number(root.dataset.workshopId);
const t = loadStrings();
const agendaEl = document.getElementById("agenda");
const workspaceEl = document.getElementById("workspace");
const announcer = new Announcer(document.getElementById("announcer"));
const connectionEl = document.getElementById("connection");
const alertEl = document.getElementById("dashboard-alert");
const followingEl = document.getElementById("following");
// Each kind's panel: {Panel, board (below, full width), resync (needs the whole state
// once made), takesPromoted (cards and themes become its tracks)}.
const KINDS = await loadKinds(root);
// What the form for a table group sends to each kind (loaded before the connection opens).
const behalfKinds = await loadKinds(document.getElementById("behalf"));

let steps = [];
let levels = []; // the workshop's levels, in order
let types = []; // the workshop's stakeholder types (none: not asked)
let groupList = []; // the workshop's table groups, in order
const groupName = (id) => groupList.find((g) => g.id === id)?.name || "";
const panels = new Map(); // step id -> its kind's panel
// The step whose panel the workspace shows when the facilitator chose one in the agenda;
// null: the open step, following it as it changes (here or on a colleague's dashboard).
let chosen = null;

let notesPanel = null; // made once the socket exists
let behalf = null;

const socket = connectLive({
  auth: { role: "facilitator", workshop: workshopId },
  events: {
    agenda_changed: (m) => {
      steps = m.steps;
      if (m.groups) groupList = m.groups; // the table groups were edited
      levels = m.workshop?.levels || levels;
      types = m.workshop?.stakeholder_types || types;
      renderAgenda();
      renderPanels();
      announceOpened(m);
      behalf.update(steps, groupList, levels, types);
    },
    words_changed: (m) => { panel(m.step_id)?.apply(m); schedulePanels(); arrived(m.entries?.length); },
    cards_changed: (m) => { panel(m.step_id)?.applyCards(m); schedulePanels(); arrived(m.cards?.length); },
    // The events a kind's panel takes whole (`events: [name]`): tracks_changed, questions_changed.
    ...Object.fromEntries(Object.values(KINDS).flatMap((spec) => spec.events || []).map((name) => (
      [name, (m) => { panel(m.step_id)?.apply(m); schedulePanels(); }]
    ))),
    notes_changed: (m) => notesPanel.apply(m),
    board_changed: (m) => {
      panel(m.step_id)?.applyBoard(m);
      // A step built on this one shows the same themes.
      for (const step of steps.filter((s) => s.based_on_step_id === m.step_id)) panels.get(step.id)?.setThemes(m.themes);
      schedulePanels();
    },
  },
  notices: {
    presence_changed: showPresence,
    cloud_ready: (m) => panel(m.step_id)?.setCloud(m.version),
    suggestions_ready: (m) => { panel(m.step_id)?.setSuggestions(m); schedulePanels(); },
  },
  onSnapshot: (snap) => {
    steps = snap.steps;
    groupList = snap.groups || [];
    levels = snap.workshop?.levels || [];
    types = snap.workshop?.stakeholder_types || [];
    for (const step of steps) {
      if (!KINDS[step.kind]) continue;
      if (panels.has(step.id)) panels.get(step.id).reset(step);
      else panels.set(step.id, newPanel(step));
    }
    renderAgenda();
    renderPanels();
    notesPanel.apply(snap.notes);
    behalf.update(steps, groupList, levels, types);
    if (snap.presence) showPresence(snap.presence);
  },
  onState: (state) => {
    connectionEl.textContent = t(state);
    connectionEl.dataset.state = state;
  },
});

const revealBar = new RevealBar({ socket, t, onError: showError, announce });
notesPanel = new NotesPanel({ socket, t, onError: showError, announce, groupName });
document.getElementById("notes").append(notesPanel.el);
// A step built on an earlier one takes cards under that step's themes, as its board shows them.
behalf = new BehalfForm({ socket, t, announce, kinds: behalfKinds, themesOf: (step) => panels.get(step.id)?.themes || [] });
document.getElementById("behalf").append(behalf.el);

function newPanel(step) {
  const options = { socket, t, onError: showError, announce, groupName, levels: () => levels };
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
  f: toggleFocusMode,
  "?": () => keysHelp.showModal(),
});

// Focus mode: the workspace alone, on the whole screen where the browser allows; F or
// the button again (or Escape out of full screen) brings the rest back.
const focusButton = document.getElementById("focus-mode");
focusButton.addEventListener("click", () => toggleFocusMode());
document.addEventListener("fullscreenchange", () => {
  if (!document.fullscreenElement && document.body.classList.contains("focus-mode")) setFocusMode(false);
});

function toggleFocusMode() {
  setFocusMode(!document.body.classList.contains("focus-mode"));
}

function setFocusMode(on) {
  document.body.classList.toggle("focus-mode", on);
  focusButton.setAttribute("aria-pressed", String(on));
  if (on && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => {});
  if (!on && document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
}

function openRelative(direction) {
  const at = steps.findIndex((s) => s.is_open);
  const target = at < 0 ? (direction > 0 ? steps[0] : undefined) : steps[at + direction];
  if (!target) {
    announce(t(direction > 0 ? "no_next_step" : "no_previous_step"));
    return;
  }
  chosen = null;
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
  if (revealBar.el.isConnected && !revealBar.step?.settings?.all_revealed) return revealBar.button.click();
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
  const title = document.createElement("button");
  title.type = "button";
  title.className = "agenda-select";
  title.textContent = step.title;
  const shown = shownStep()?.id === step.id;
  li.classList.toggle("is-shown", shown);
  if (shown) title.setAttribute("aria-current", "true");
  title.title = t("show_step");
  title.addEventListener("click", () => choose(step));
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
    if (!step.is_open) chosen = null; // opening a step moves the workspace to it
    socket.emit(step.is_open ? "close_step" : "open_step", { step_id: step.id }, () => {
      button.disabled = false;
    });
  });
  li.append(text, button);
  return li;
}

// The step the workspace shows: the chosen one, else the (first) open step with a panel.
function shownStep() {
  if (chosen !== null) {
    const step = steps.find((s) => s.id === chosen);
    if (step) return step;
    chosen = null; // deleted from the agenda
  }
  return shownStepFollowing();
}

function shownStepFollowing() {
  return steps.find((s) => s.is_open && KINDS[s.kind]) || null;
}

function choose(step) {
  chosen = step.id;
  if (shownStepFollowing()?.id === step.id) chosen = null; // the open step: follow it again
  renderAgenda();
  renderPanels();
}

// Input arrives many times a second in a full room: the workspace is drawn once per frame
// at most, not once per event (in a hidden tab, a few times a second).
let panelsPending = false;

function schedulePanels() {
  if (panelsPending) return;
  panelsPending = true;
  const draw = () => {
    panelsPending = false;
    renderPanels();
  };
  if (document.hidden) setTimeout(draw, 250);
  else requestAnimationFrame(draw);
}

// The workspace: the shown step's panel (and a discussion's board of answers below it).
// Every panel keeps its state while another is shown.
function renderPanels() {
  const step = shownStep();
  for (const [id, view] of panels) {
    if (!steps.some((s) => s.id === id && KINDS[s.kind])) panels.delete(id);
  }
  const wanted = [];
  if (step && KINDS[step.kind]) {
    const view = panel(step.id);
    view.update(step);
    view.render();
    const bar = revealBar.for(step);
    if (bar) wanted.push(bar);
    wanted.push(view.el);
    if (view.board && view.hasBoard()) wanted.push(view.board.el);
  }
  document.getElementById("no-input").hidden = wanted.length > 0;
  // An open step of a kind without a panel (information) is open all the same: say so.
  const openWithoutInput = steps.some((s) => s.is_open && !KINDS[s.kind]);
  document.getElementById("none-open").hidden = openWithoutInput;
  document.getElementById("open-without-input").hidden = !openWithoutInput;
  for (const node of [...workspaceEl.children]) {
    if (node.id !== "no-input" && !wanted.includes(node)) node.remove();
  }
  let previous = null;
  for (const node of wanted) previous = placeAfter(workspaceEl, node, previous, workspaceEl.querySelector(".panel"));
  const open = steps.find((s) => s.is_open && KINDS[s.kind]);
  followingEl.hidden = !(step && open && step.id !== open.id);
  if (!followingEl.hidden) document.getElementById("following-text").textContent = t("showing_other", { title: step.title });
  collectHighlights();
  showModeration();
}

document.getElementById("follow-open").addEventListener("click", () => {
  chosen = null;
  renderAgenda();
  renderPanels();
  workspaceEl.querySelector(".panel h3")?.focus?.();
});

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
    const showIn = (element) => {
      if (shownStep()?.id !== step.id) choose(step);
      reveal(element);
    };
    for (const marked of panels.get(step.id)?.highlights(showIn) || []) found.push({ ...marked, source: step.title });
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
  // Who joined, by stakeholder type, where the workshop asks for one.
  const kinds = document.getElementById("stakeholders");
  const counts = presence.stakeholders || [];
  kinds.hidden = counts.length === 0;
  kinds.textContent = counts.length ? t("stakeholder_counts", { counts: counts.map(([kind, n]) => `${kind} ${n}`).join(" · ") }) : "";
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
