// The live dashboard: the agenda with open/close buttons, presence, and the input
// of each words step as a ranked list that updates as words arrive.
import { connectLive, loadStrings } from "/static/js/live.js";
import { Ranking } from "/static/js/ranking.js";

const root = document.getElementById("dashboard");
const workshopId = Number(root.dataset.workshopId);
const t = loadStrings();
const agendaEl = document.getElementById("agenda");
const panelsEl = document.getElementById("panels");
const announcer = document.getElementById("announcer");
const connectionEl = document.getElementById("connection");

let steps = [];
const rankings = new Map(); // step id -> Ranking

const socket = connectLive({
  auth: { role: "facilitator", workshop: workshopId },
  events: {
    agenda_changed: (m) => { steps = m.steps; renderAgenda(); renderPanels(); announceOpened(m); },
    word_added: (m) => { ranking(m.word.step_id).add(m.word); renderPanels(); },
  },
  notices: { presence_changed: showPresence },
  onSnapshot: (snap) => {
    steps = snap.steps;
    rankings.clear();
    for (const step of steps) if (step.ranking) rankings.set(step.id, new Ranking(step.ranking));
    renderAgenda();
    renderPanels();
    if (snap.presence) showPresence(snap.presence);
  },
  onState: (state) => {
    connectionEl.textContent = t(state);
    connectionEl.dataset.state = state;
  },
});

function ranking(stepId) {
  if (!rankings.has(stepId)) rankings.set(stepId, new Ranking());
  return rankings.get(stepId);
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

function renderPanels() {
  const wordSteps = steps.filter((s) => s.kind === "words" && (s.is_open || ranking(s.id).total() > 0));
  document.getElementById("no-input").hidden = wordSteps.length > 0;
  for (const panel of panelsEl.querySelectorAll(".panel")) {
    if (!wordSteps.some((s) => String(s.id) === panel.dataset.stepId)) panel.remove();
  }
  for (const step of wordSteps) {
    let panel = panelsEl.querySelector(`.panel[data-step-id="${step.id}"]`);
    if (!panel) {
      panel = document.createElement("section");
      panel.className = "panel";
      panel.dataset.stepId = step.id;
      panel.append(document.createElement("h3"), document.createElement("p"), document.createElement("ol"));
      panel.querySelector("ol").className = "ranking";
      panelsEl.append(panel);
    }
    const rows = ranking(step.id);
    panel.querySelector("h3").textContent = step.title;
    panel.querySelector("p").textContent = rows.total()
      ? t("entries", { count: rows.total(), distinct: rows.rows.size })
      : t("no_words");
    rows.render(panel.querySelector("ol"));
  }
}

function showPresence(presence) {
  document.getElementById("connected").textContent = String(presence.connected);
  const open = steps.find((s) => s.is_open && s.kind === "words");
  const answered = open ? presence.answered[String(open.id)] : undefined;
  document.getElementById("answered").textContent = answered === undefined ? "–" : String(answered);
}

function announceOpened(message) {
  if (message.reason !== "step_opened") return;
  const open = steps.filter((s) => s.is_open).map((s) => s.title).join(", ");
  announcer.textContent = t("step_opened", { title: open });
}
