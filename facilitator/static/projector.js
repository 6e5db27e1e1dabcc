// The projector: the join slide until a step opens, then the open step. A Words
// step shows the word cloud the server renders (or, toggled, the ranked list,
// which is also the cloud's text alternative); a Cards step shows its board; a Tracks
// step its ranked tracks.
// Read-only: it only listens. A scribe's board view is the same page, signed in with
// the scribe's link; it also receives the notes, which it does not show.
import { connectLive, loadStrings } from "/static/js/live.js";
import { Ranking } from "/static/js/ranking.js";
import { fillQuestions } from "/static/js/questions.js";
import { Countdown } from "/static/js/timer.js";
import { ProjectorBoard } from "./projector_board.js";
import { ProjectorTracks } from "./projector_tracks.js";

const root = document.getElementById("projector");
const t = loadStrings();
const joinSlide = document.getElementById("join-slide");
const stepView = document.getElementById("step-view");
const promptEl = document.getElementById("step-prompt");
const rankingEl = document.getElementById("ranking");
const cloudEl = document.getElementById("cloud");
const cloudImg = document.getElementById("cloud-img");
const emptyEl = document.getElementById("empty");
const toggle = document.getElementById("view-toggle");
const connectionEl = document.getElementById("connection");
const MAX_ROWS = 16; // two columns of eight fit above the footer
const boardEl = document.getElementById("board");
const board = new ProjectorBoard(boardEl, document.getElementById("board-page"), t);
const tracksEl = document.getElementById("tracks");
const tracks = new ProjectorTracks(tracksEl, document.getElementById("tracks-note"), t);
const LIVE_KINDS = new Set(["words", "cards", "tracks", "discussion"]);
const questionsEl = document.getElementById("questions");

let openSteps = [];
let ranking = new Ranking();
let cloudVersion = 0;
let listOverride = null; // the button on this screen, until the dashboard changes the view

const live = connectLive({
  auth: { role: root.dataset.role, token: root.dataset.token },
  events: {
    notes_changed: () => {},
    agenda_changed: (m) => {
      const before = current()?.id;
      const beforeSetting = current()?.settings?.show_list;
      openSteps = m.open_steps;
      if (current()?.settings?.show_list !== beforeSetting) listOverride = null;
      if (current()?.id !== before) {
        ranking = new Ranking();
        board.reset(null);
        tracks.reset(null);
        cloudVersion = 0;
        live.resync(); // the newly opened step may already have input, or a cloud
      }
      render();
    },
    words_changed: (m) => {
      if (m.step_id !== current()?.id) return;
      ranking.apply(m);
      render();
    },
    cards_changed: (m) => {
      if (m.step_id !== current()?.id) return;
      board.applyCards(m);
      render();
    },
    tracks_changed: (m) => {
      if (m.step_id !== current()?.id) return;
      tracks.apply(m);
      render();
    },
    board_changed: (m) => {
      if (m.step_id === current()?.id) board.applyBoard(m);
      else if (m.step_id === current()?.based_on_step_id) board.themes = m.themes;
      else return;
      render();
    },
  },
  notices: {
    cloud_ready: (m) => {
      if (m.step_id === current()?.id) showCloud(m.version);
    },
  },
  onSnapshot: (snap) => {
    openSteps = snap.open_steps;
    const step = current();
    ranking = new Ranking(step?.rows || []);
    board.reset(step?.kind === "cards" ? step : null);
    tracks.reset(step?.kind === "tracks" ? step : null);
    if (step?.cloud) showCloud(step.cloud.version);
    render();
  },
  onState: (state) => {
    connectionEl.textContent = t(state);
    connectionEl.dataset.state = state;
  },
});

const countdown = new Countdown(document.getElementById("timer"), () => live.serverNow(), t);

toggle.addEventListener("click", () => {
  listOverride = !showList();
  render();
});

function showList() {
  return listOverride ?? Boolean(current()?.settings?.show_list);
}

function current() {
  return openSteps.find((s) => LIVE_KINDS.has(s.kind)) || openSteps[0];
}

// Load the new picture before swapping it in, so the screen never flashes empty;
// an older version that arrives late never replaces a newer one.
function showCloud(version) {
  if (version <= cloudVersion) return;
  cloudVersion = version;
  const url = `${root.dataset.cloudBase}${current().id}.svg?v=${version}`;
  const next = new Image();
  next.onload = () => {
    if (version === cloudVersion) {
      cloudImg.src = url;
      render();
    }
  };
  next.src = url;
}

function render() {
  const step = current();
  joinSlide.hidden = Boolean(step);
  stepView.hidden = !step;
  if (!step) return;
  promptEl.textContent = step.prompt || step.title;
  const cards = step.kind === "cards";
  boardEl.hidden = !cards;
  stepView.classList.toggle("is-board", cards);
  if (cards) board.render();
  const isDiscussion = step.kind === "discussion";
  questionsEl.hidden = !isDiscussion;
  stepView.classList.toggle("is-discussion", isDiscussion);
  countdown.set(isDiscussion ? step.settings : null);
  if (isDiscussion) fillQuestions(questionsEl, step.settings); // one large, or all numbered
  const isTracks = step.kind === "tracks";
  tracksEl.hidden = !isTracks || tracks.total() === 0;
  if (isTracks) tracks.render(Boolean(step.settings?.voting));
  else document.getElementById("tracks-note").hidden = true;
  const words = step.kind === "words";
  const empty = (words && ranking.total() === 0) || (cards && board.total() === 0) || (isTracks && tracks.total() === 0);
  emptyEl.hidden = !empty;
  toggle.hidden = !words;
  const list = showList();
  toggle.setAttribute("aria-pressed", String(list));
  toggle.textContent = list ? t("show_cloud") : t("show_list");
  const hasCloud = words && !empty && cloudImg.getAttribute("src");
  cloudEl.hidden = !hasCloud || list;
  // The list is always there for screen readers; on screen when chosen or before the first cloud.
  const listOnScreen = words && !empty && (list || !hasCloud);
  rankingEl.classList.toggle("visually-hidden", !listOnScreen);
  rankingEl.hidden = !words || empty;
  ranking.render(rankingEl, listOnScreen ? MAX_ROWS : Infinity);
}
