// The projector: the join slide until a step opens, then the open step's words,
// live. Read-only: it only listens.
import { connectLive, loadStrings } from "/static/js/live.js";
import { Ranking } from "/static/js/ranking.js";

const root = document.getElementById("projector");
const t = loadStrings();
const joinSlide = document.getElementById("join-slide");
const stepView = document.getElementById("step-view");
const promptEl = document.getElementById("step-prompt");
const rankingEl = document.getElementById("ranking");
const connectionEl = document.getElementById("connection");
const MAX_ROWS = 20;

let openSteps = [];
let ranking = new Ranking();

const live = connectLive({
  auth: { role: "projector", token: root.dataset.token },
  events: {
    agenda_changed: (m) => {
      const before = current()?.id;
      openSteps = m.open_steps;
      if (current()?.id !== before) {
        ranking = new Ranking();
        live.resync(); // the newly opened step may already have words
      }
      render();
    },
    word_added: (m) => {
      if (m.word.step_id === current()?.id) ranking.add(m.word);
      render();
    },
  },
  onSnapshot: (snap) => {
    openSteps = snap.open_steps;
    ranking = new Ranking(current()?.ranking || []);
    render();
  },
  onState: (state) => {
    connectionEl.textContent = t(state);
    connectionEl.dataset.state = state;
  },
});

function current() {
  return openSteps.find((s) => s.kind === "words") || openSteps[0];
}

function render() {
  const step = current();
  joinSlide.hidden = Boolean(step);
  stepView.hidden = !step;
  if (!step) return;
  promptEl.textContent = step.prompt || step.title;
  if (step.kind === "words" && ranking.total() === 0) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = t("no_words");
    rankingEl.replaceChildren(li);
  } else {
    ranking.render(rankingEl, MAX_ROWS);
  }
}
