// A scribe's page: the workshop's notes (the scribe changes only their own) and a form
// to enter input on a table group's behalf. The board itself is the read-only
// projector view behind the "Show the board" link. The connection receives what the
// projector receives, so the form knows the open steps and their themes.
import { loadKinds } from "/static/js/kinds.js";
import { connectLive, loadStrings } from "/static/js/live.js";
import { BehalfForm } from "./behalf_form.js";
import { NotesPanel } from "./notes_panel.js";

const root = document.getElementById("scribe");
// What the form sends to each kind of step (loaded before the connection opens).
const behalfKinds = await loadKinds(document.getElementById("behalf"));
const t = loadStrings();
const scribeId = Number(root.dataset.scribeId);
const connectionEl = document.getElementById("connection");
const alertEl = document.getElementById("scribe-alert");
const announcer = document.getElementById("announcer");
const fixedGroup = root.dataset.groupId ? { id: Number(root.dataset.groupId), name: root.dataset.groupName } : null;

let openSteps = [];
let groups = [];
const themes = new Map(); // step id -> its themes, as the projector shows them

const announce = (message) => { announcer.textContent = message; };
function showError(message) {
  alertEl.textContent = message;
  alertEl.hidden = false;
  setTimeout(() => { alertEl.hidden = true; }, 8000);
}

function render() {
  behalf.update(openSteps, groups);
}

const socket = connectLive({
  auth: { role: "scribe", token: root.dataset.token },
  events: {
    agenda_changed: (m) => {
      const known = new Set(openSteps.map((s) => s.id));
      openSteps = m.open_steps;
      if (m.groups) groups = m.groups; // the table groups were edited
      render();
      if (openSteps.some((s) => !known.has(s.id))) socket.resync(); // themes of a newly opened step
    },
    notes_changed: (m) => notes.apply(m),
    board_changed: (m) => {
      if (m.themes) themes.set(m.step_id, m.themes);
      render();
    },
    words_changed: () => {},
    cards_changed: () => {},
    tracks_changed: () => {},
    questions_changed: () => {},
    priorities_changed: () => {},
  },
  onSnapshot: (snap) => {
    openSteps = snap.open_steps;
    groups = snap.groups || [];
    for (const step of openSteps) if (step.themes) themes.set(step.id, step.themes);
    notes.apply(snap.notes);
    render();
  },
  onState: (state) => {
    connectionEl.textContent = t(state);
    connectionEl.dataset.state = state;
  },
});

const groupName = (id) => groups.find((g) => g.id === id)?.name || "";
const notes = new NotesPanel({ socket, t, onError: showError, announce, canEdit: (note) => note.scribe_id === scribeId, groupName });
const behalf = new BehalfForm({
  kinds: behalfKinds,
  socket, t, announce, fixedGroup,
  themesOf: (step) => themes.get(step.based_on_step_id) || step.themes || [],
});
document.getElementById("notes").append(notes.el);
document.getElementById("behalf").append(behalf.el);
